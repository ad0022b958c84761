"""Conservation: over random sequences of events, every kilogram of propellant and of
station mass is accounted for, and no tank is over-filled or below empty."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stationkeeper.constants import R_EARTH_EQ_M
from stationkeeper.ops.consumables import Stock
from stationkeeper.ops.reboost import draw_attitude_propellant
from stationkeeper.scenario import Event, load_scenario
from stationkeeper.scenario.bodies import Body
from stationkeeper.scenario.events import apply_event
from stationkeeper.scenario.state import RunState

_OPS = st.lists(
    st.one_of(
        st.tuples(
            st.just("arrival"),
            st.sampled_from(["Progress MS", "Cygnus", "Cargo Dragon"]),
            st.floats(0, 800),
        ),
        st.tuples(st.just("departure"), st.integers(0, 10), st.just(0.0)),
        st.tuples(st.just("transfer"), st.integers(0, 30), st.floats(0, 900)),
        st.tuples(st.just("burn"), st.integers(0, 3), st.floats(-3, 5)),
        st.tuples(st.just("partner_exit"), st.sampled_from(["Roscosmos", "NASA"]), st.just(0.0)),
        st.tuples(st.just("separation"), st.just(0), st.just(0.0)),
        st.tuples(st.just("attitude"), st.integers(0, 3), st.floats(0, 200)),
        st.tuples(
            st.just("relocation"),
            st.integers(0, 10),
            st.sampled_from(["Rassvet nadir", "Prichal nadir", "Poisk zenith", "Harmony zenith"]),
        ),
    ),
    max_size=14,
)


_FREE_PORTS = {
    "Progress MS": ["Rassvet nadir", "Prichal nadir"],
    "Cygnus": ["Harmony nadir"],
    "Cargo Dragon": ["Harmony zenith"],
}


@pytest.fixture(scope="module")
def base_scenario(tmp_path_factory):
    p = tmp_path_factory.mktemp("prop") / "s.toml"
    p.write_text('[scenario]\nname = "t"\nduration_days = 100\natmosphere = "exponential"\n')
    return load_scenario(p)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=_OPS)
def test_mass_and_propellant_are_conserved_across_events(base_scenario, ops):
    sc = base_scenario
    run = RunState(sc)
    x = np.array([R_EARTH_EQ_M + 418e3, 0.0, 0.0, 0.9, 0.0])
    bodies = [Body(sc.station.name, sc.station, x, sc.crew, Stock())]
    t = sc.start
    n = 0
    for k, (kind, a, b) in enumerate(ops):
        t = t + timedelta(hours=1)
        body = bodies[0]
        st_ = body.station
        fields: dict = {}
        typ = kind
        if kind == "arrival":
            used = {v.port for v in st_.vehicles}
            have = {p for m in st_.modules for p in m.port_names}
            ports = [p for p in _FREE_PORTS[a] if p not in used and p in have]
            if not ports:
                continue
            n += 1
            fields = {"vehicle": a, "name": f"V{n}", "port": ports[0], "propellant_kg": min(b, 800)}
        elif kind == "departure":
            if not st_.vehicles:
                continue
            fields = {"name": st_.vehicles[a % len(st_.vehicles)].name}
        elif kind == "transfer":
            if len(st_.tanks) < 2:
                continue
            src = st_.tanks[a % len(st_.tanks)]
            dst = st_.tanks[(a // 3 + 1) % len(st_.tanks)]
            if src.name == dst.name:
                continue
            fields = {"from": src.name, "to": dst.name, "kg": b}
        elif kind == "burn":
            fields = {"dv_m_s": b}
        elif kind == "relocation":
            if not st_.vehicles:
                continue
            fields = {"name": st_.vehicles[a % len(st_.vehicles)].name, "port": b}
        elif kind == "partner_exit":
            fields = {"owner": a}
        elif kind == "separation":
            if len(bodies) > 1:
                continue
            fields = {"segment": "russian"}
        elif kind == "attitude":
            for bb in bodies:
                bb.station, used_ = draw_attitude_propellant(bb.station, b)
                run.spend(t, bb, used_, "attitude")
            typ = None
        if typ is not None:
            apply_event(run, Event(k, None, t, typ, fields), bodies)
        live = [bb.station for bb in bodies if bb.alive]
        assert run.ledger.residual_kg(live) == pytest.approx(0.0, abs=1e-6)
        m = run.mass
        total = sum(s.total_mass_kg for s in live)
        assert total + m["departed"] + m["spent"] + m["reentered"] == pytest.approx(
            m["initial"] + m["delivered"], abs=1e-6
        )
        for s in live:
            assert all(0 <= tk.fill_kg <= tk.capacity_kg + 1e-9 for tk in s.tanks)
