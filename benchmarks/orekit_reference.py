"""Orekit reference propagation for the ISS decay benchmark.

``orekit_decay`` propagates a Cartesian GCRF state with Orekit's ``NumericalPropagator``
(Dormand-Prince 8(5,3) adaptive integrator) under

* Holmes-Featherstone gravity, degree 6 order 0 (zonal J2..J6 of EGM2008, built in memory
  from the unnormalised values below: no gravity field file is needed);
* ``DragForce`` with ``NRLMSISE00`` fed by ``CssiSpaceWeatherData`` reading the CelesTrak
  ``SW-All.txt`` file (CSSI format, read in place through a ``DataSource``), an
  ``IsotropicDrag(area, cd)`` spacecraft, and an atmosphere co-rotating with the Earth
  (``OneAxisEllipsoid`` WGS84 on the ITRF, IERS 2010 conventions);
* the Sun for NRLMSISE-00's local solar time comes from Orekit's
  ``AnalyticalSolarPositionProvider`` (no JPL ephemeris is available offline, so
  ``CelestialBodyFactory.getSun()`` cannot be used; see benchmarks/README.md).

The Orekit data context (leap seconds, EOP) is ``benchmarks/orekit_data/``, generated offline
by ``benchmarks/build_orekit_data.py`` from the IERS tables shipped inside ``skyfield``.

Output: one row per ``step_out_s`` with the orbit-averaged osculating semi-major axis minus
6378.137 km ("mean altitude"), averaged over one orbital period centred on the output time.

Self-test (ISS, 10 days from the last TLE of the 2021-2022 history):

    python benchmarks/orekit_reference.py --selftest
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
DATA_DIR = HERE / "orekit_data"
REPO = HERE.parent
SHARED = REPO.parent / "shared" / "data"
DEFAULT_SW_FILE = SHARED / "spaceweather" / "SW-All.txt"
DEFAULT_TLE_FILE = SHARED / "tle" / "iss_25544_2021-2022.3le"

# EGM2008 unnormalised zonal coefficients (tide-free), Earth constants of the field.
EGM2008_J = {
    2: 1.08262617385222e-3,
    3: -2.53241051856772e-6,
    4: -1.61989759991697e-6,
    5: -2.27753590730836e-7,
    6: 5.40666576283813e-7,
}
MU_M3_S2 = 3.986004418e14
RE_GRAV_M = 6378136.3
RE_ALT_KM = 6378.137  # WGS84 equatorial radius used for "mean altitude"

# ISS parameters of the benchmark
ISS_MASS_KG = 459692.0
ISS_AREA_M2 = 1980.0
ISS_CD = 3.0
SELFTEST_EPOCH = datetime(2022, 3, 3, 12, 0, 0, tzinfo=UTC)

_VM_READY = False


def setup_orekit(data_dir: Path | str = DATA_DIR) -> None:
    """Start the JVM (once) and point Orekit's default data context at ``data_dir``."""
    global _VM_READY
    if _VM_READY:
        return
    data_dir = Path(data_dir)
    if not (data_dir / "tai-utc.dat").exists():
        if str(HERE) not in sys.path:
            sys.path.insert(0, str(HERE))
        from build_orekit_data import build

        build(data_dir)
    import orekit_jpype

    orekit_jpype.initVM()
    from java.io import File
    from org.orekit.data import DataContext, DirectoryCrawler

    manager = DataContext.getDefault().getDataProvidersManager()
    manager.clearProviders()
    manager.addProvider(DirectoryCrawler(File(str(data_dir))))
    _check_data_context()
    _VM_READY = True


def _check_data_context() -> None:
    """Fail loudly if the leap seconds or the EOP of the data context are not what we built."""
    from org.orekit.frames import FramesFactory
    from org.orekit.time import AbsoluteDate, TimeScalesFactory
    from org.orekit.utils import IERSConventions

    utc = TimeScalesFactory.getUTC()
    date = AbsoluteDate(2022, 3, 3, 0, 0, 0.0, utc)
    tai_utc = -float(utc.offsetFromTAI(date).toDouble())
    eop = FramesFactory.getEOPHistory(IERSConventions.IERS_2010, True)
    dut1 = float(eop.getUT1MinusUTC(date))
    if tai_utc != 37.0 or not -1.0 < dut1 < 1.0 or dut1 == 0.0:
        raise RuntimeError(
            f"Orekit data context is wrong: TAI-UTC={tai_utc} s (expected 37), UT1-UTC={dut1} s "
            "(expected about -0.10 s; a value of about -100 means this Orekit version reads the "
            "EOP csv in ms: adapt benchmarks/build_orekit_data.py)"
        )


def _absolute_date(dt: datetime, utc):
    from org.orekit.time import AbsoluteDate

    dt = dt.astimezone(UTC)
    sec = dt.second + dt.microsecond * 1e-6
    return AbsoluteDate(dt.year, dt.month, dt.day, dt.hour, dt.minute, float(sec), utc)


def _zonal_provider(degree: int = 6):
    """Normalised degree-``degree``, order-0 field from the unnormalised EGM2008 J_n."""
    import jpype
    from org.orekit.forces.gravity.potential import GravityFieldFactory, TideSystem

    c = [[0.0] for _ in range(degree + 1)]
    c[0][0] = 1.0
    for n in range(2, degree + 1):
        c[n][0] = -EGM2008_J[n] / math.sqrt(2 * n + 1)  # C_n0 = -J_n / sqrt(2n+1)
    s = [[0.0] for _ in range(degree + 1)]
    jarr = jpype.JArray(jpype.JDouble, 2)
    return GravityFieldFactory.getNormalizedProvider(
        RE_GRAV_M, MU_M3_S2, TideSystem.TIDE_FREE, jarr(c), jarr(s)
    )


# Column of the CSSI flux qualifier "Q" (FORMAT I4,I3,I3,I5,I3,8I3,I4,8I4,I4,F4.1,I2,I4,F6.1,I2,..)
_Q_COLS = slice(98, 100)


def sanitize_cssi(text: str) -> str:
    """Make CelesTrak's ``SW-All.txt`` readable by Orekit 13's ``CssiSpaceWeatherDataLoader``.

    Orekit parses every 130-character data line with fixed columns. CelesTrak leaves the flux
    qualifier ``Q`` blank in the DAILY_PREDICTED block and the Kp/Ap columns blank in the
    MONTHLY_PREDICTED block, which makes Orekit throw ``NumberFormatException`` (Orekit was written
    against the AGI ``SpaceWeather-All-v1.2.txt`` flavour of the format). We fill the blank ``Q``
    of daily predictions with ``0``, drop the monthly predictions (they start in 2025 in the shared
    file) and add an empty AGI ``MONTHLY_FIT`` block: Orekit takes the end of the daily predictions
    from the ``BEGIN MONTHLY_FIT`` line and fails with a NullPointerException without it.
    Observed rows are passed through unchanged.
    """
    out, section = [], None
    for line in text.splitlines():
        tag = line.strip()
        if tag.startswith("BEGIN "):
            section = tag[6:]
        elif tag.startswith("END "):
            section = None
            if tag == "END MONTHLY_PREDICTED":
                continue
        if section == "MONTHLY_PREDICTED" or tag.startswith("NUM_MONTHLY_PREDICTED"):
            continue
        if tag == "END DAILY_PREDICTED":
            # Orekit marks the end of the daily predictions on the AGI "BEGIN MONTHLY_FIT" line
            out += [line, "", "BEGIN MONTHLY_FIT", "END MONTHLY_FIT"]
            continue
        if section == "DAILY_PREDICTED" and tag[:4].isdigit() and not line[_Q_COLS].strip():
            line = line[: _Q_COLS.start] + " 0" + line[_Q_COLS.stop :]
        out.append(line)
    return "\n".join(out) + "\n"


def _space_weather_source(path: Path | str):
    """Orekit ``DataSource`` serving the sanitised CSSI file from memory."""
    from java.io import ByteArrayInputStream
    from jpype import JImplements, JOverride
    from org.orekit.data import DataSource

    path = Path(path)
    payload = sanitize_cssi(path.read_text(encoding="ascii", errors="replace")).encode("ascii")

    @JImplements("org.orekit.data.DataSource$StreamOpener")
    class _Opener:
        @JOverride
        def openOnce(self):
            return ByteArrayInputStream(payload)

    return DataSource(path.name, _Opener())


def build_propagator(
    epoch_utc: datetime,
    r_gcrs_m,
    v_gcrs_m_s,
    mass_kg: float,
    area_m2: float,
    cd: float,
    space_weather_file: Path | str,
    position_tolerance_m: float = 1.0e-3,
):
    """Configured NumericalPropagator (state in GCRF) and the UTC time scale."""
    from org.hipparchus.geometry.euclidean.threed import Vector3D
    from org.hipparchus.ode.nonstiff import DormandPrince853Integrator
    from org.orekit.bodies import AnalyticalSolarPositionProvider, OneAxisEllipsoid
    from org.orekit.forces.drag import DragForce, IsotropicDrag
    from org.orekit.forces.gravity import HolmesFeatherstoneAttractionModel
    from org.orekit.frames import FramesFactory
    from org.orekit.models.earth.atmosphere import NRLMSISE00
    from org.orekit.models.earth.atmosphere.data import CssiSpaceWeatherData
    from org.orekit.orbits import CartesianOrbit, OrbitType, PositionAngleType
    from org.orekit.propagation import SpacecraftState, ToleranceProvider
    from org.orekit.propagation.numerical import NumericalPropagator
    from org.orekit.time import TimeScalesFactory
    from org.orekit.utils import Constants, IERSConventions, PVCoordinates

    utc = TimeScalesFactory.getUTC()
    gcrf = FramesFactory.getGCRF()
    itrf = FramesFactory.getITRF(IERSConventions.IERS_2010, True)
    earth = OneAxisEllipsoid(
        Constants.WGS84_EARTH_EQUATORIAL_RADIUS, Constants.WGS84_EARTH_FLATTENING, itrf
    )
    date = _absolute_date(epoch_utc, utc)
    r = [float(x) for x in r_gcrs_m]
    v = [float(x) for x in v_gcrs_m_s]
    pv = PVCoordinates(Vector3D(*r), Vector3D(*v))
    orbit = CartesianOrbit(pv, gcrf, date, MU_M3_S2)
    state = SpacecraftState(orbit, float(mass_kg))

    tol = ToleranceProvider.getDefaultToleranceProvider(float(position_tolerance_m)).getTolerances(
        orbit, OrbitType.EQUINOCTIAL, PositionAngleType.TRUE
    )
    integrator = DormandPrince853Integrator(1.0e-3, 900.0, tol[0], tol[1])
    integrator.setInitialStepSize(30.0)
    prop = NumericalPropagator(integrator)
    prop.setOrbitType(OrbitType.EQUINOCTIAL)
    prop.setPositionAngleType(PositionAngleType.TRUE)
    prop.setMu(MU_M3_S2)

    prop.addForceModel(HolmesFeatherstoneAttractionModel(itrf, _zonal_provider(6)))
    sw = CssiSpaceWeatherData(_space_weather_source(space_weather_file), utc)
    sun = AnalyticalSolarPositionProvider()
    atmosphere = NRLMSISE00(sw, sun, earth, utc)
    prop.addForceModel(DragForce(atmosphere, IsotropicDrag(float(area_m2), float(cd))))
    prop.setInitialState(state)
    return prop, utc


def _make_sampler():
    from jpype import JImplements, JOverride
    from org.orekit.propagation.sampling import OrekitFixedStepHandler

    @JImplements(OrekitFixedStepHandler)
    class _Sampler:
        def __init__(self):
            self.t: list[float] = []
            self.a: list[float] = []
            self.u: list[float] = []
            self.ref = None

        @JOverride
        def init(self, s0, t, step):
            pass

        @JOverride
        def handleStep(self, state):
            orbit = state.getOrbit()  # equinoctial (the propagator's orbit type)
            self.t.append(float(state.getDate().durationFrom(self.ref)))
            self.a.append(float(orbit.getA()))
            # argument of latitude u = true longitude - RAAN, RAAN = atan2(hy, hx)
            self.u.append(float(orbit.getLv()) - math.atan2(orbit.getHy(), orbit.getHx()))

        @JOverride
        def finish(self, state):
            pass

    return _Sampler()


def _one_revolution_mean(t: np.ndarray, a: np.ndarray, u: np.ndarray, tk: float) -> float:
    """Time average of a(t) over one revolution of the argument of latitude centred on tk."""
    from scipy.interpolate import CubicSpline

    u = np.unwrap(u)
    u_of_t = CubicSpline(t, u)
    uk = float(u_of_t(tk))
    # u is monotonic: invert it on the two crossings uk -/+ pi
    t_u = CubicSpline(u, t)
    ta, tb = float(t_u(uk - math.pi)), float(t_u(uk + math.pi))
    a_of_t = CubicSpline(t, a)
    return float(a_of_t.integrate(ta, tb) / (tb - ta))


def orekit_decay(
    epoch_utc: datetime,
    r_gcrs_m,
    v_gcrs_m_s,
    mass_kg: float,
    area_m2: float,
    cd: float,
    days: float,
    space_weather_file: Path | str = DEFAULT_SW_FILE,
    step_out_s: float = 86400.0,
    *,
    samples_per_orbit: int = 72,
    position_tolerance_m: float = 1.0e-3,
    data_dir: Path | str = DATA_DIR,
) -> tuple[pd.DataFrame, float]:
    """Propagate with Orekit and return (daily mean-altitude table, wall seconds).

    The table has columns ``epoch_utc`` (tz-aware UTC) and ``mean_altitude_km``: the osculating
    semi-major axis averaged in time over one revolution of the argument of latitude (one
    draconic period) centred on each output time, minus 6378.137 km. The osculating state is
    sampled ``samples_per_orbit`` times per orbit by a fixed-step handler (which does not alter
    the integrator's own steps) and integrated with a cubic spline. ``wall_s`` covers building
    the force models (space-weather file parsing included) and the propagation, not the JVM start.
    """
    setup_orekit(data_dir)
    t_start = time.perf_counter()
    prop, utc = build_propagator(
        epoch_utc,
        r_gcrs_m,
        v_gcrs_m_s,
        mass_kg,
        area_m2,
        cd,
        space_weather_file,
        position_tolerance_m,
    )
    t0 = prop.getInitialState().getDate()
    sampler = _make_sampler()
    sampler.ref = t0
    mux = prop.getMultiplexer()

    n_out = int(math.floor(days * 86400.0 / step_out_s + 1e-9)) + 1
    epochs, mean_alt = [], []
    a_ref = prop.getInitialState().getOrbit().getA()
    for k in range(n_out):
        tk_s = k * step_out_s
        tk = t0.shiftedBy(float(tk_s))
        period = 2.0 * math.pi * math.sqrt(a_ref**3 / MU_M3_S2)
        # sample a little more than one orbit, then cut exactly one revolution of the argument
        # of latitude centred on tk (the J2 short-period terms of a are periodic in u)
        w0, w1 = tk.shiftedBy(-0.55 * period), tk.shiftedBy(0.55 * period)
        prop.propagate(w0)  # k == 0: short backward leg to the start of the first window
        sampler.t.clear()
        sampler.a.clear()
        sampler.u.clear()
        mux.add(1.1 * period / samples_per_orbit, sampler)
        prop.propagate(w1)
        mux.remove(sampler)
        a_mean = _one_revolution_mean(
            np.asarray(sampler.t), np.asarray(sampler.a), np.asarray(sampler.u), tk_s
        )
        a_ref = a_mean
        epochs.append(epoch_utc.astimezone(UTC) + timedelta(seconds=tk_s))
        mean_alt.append(a_mean / 1000.0 - RE_ALT_KM)
    wall_s = time.perf_counter() - t_start
    df = pd.DataFrame({"epoch_utc": pd.to_datetime(epochs, utc=True), "mean_altitude_km": mean_alt})
    df.attrs["wall_s"] = wall_s
    return df, wall_s


def tle_epoch(line1: str) -> datetime:
    """UTC epoch of a TLE from its line 1 (columns 19-32: YYDDD.DDDDDDDD)."""
    yy, doy = int(line1[18:20]), float(line1[20:32])
    year = 2000 + yy if yy < 57 else 1900 + yy
    return datetime(year, 1, 1, tzinfo=UTC) + timedelta(days=doy - 1.0)


def iss_initial_state(
    tle_file: Path | str = DEFAULT_TLE_FILE, epoch: datetime | None = SELFTEST_EPOCH
):
    """GCRS position (m), velocity (m/s) and TLE lines of the ISS at ``epoch`` from the file's
    last TLE (skyfield + sgp4, builtin timescale; ``epoch=None``: the TLE's own epoch)."""
    from skyfield.api import EarthSatellite, load

    lines = [ln.rstrip() for ln in Path(tle_file).read_text().splitlines() if ln.strip()]
    l1 = next(ln for ln in reversed(lines) if ln.startswith("1 "))
    l2 = next(ln for ln in reversed(lines) if ln.startswith("2 "))
    ts = load.timescale(builtin=True)
    sat = EarthSatellite(l1, l2, "ISS (ZARYA)", ts)
    t = sat.epoch if epoch is None else ts.from_datetime(epoch.astimezone(UTC))
    g = sat.at(t)
    return np.asarray(g.position.m), np.asarray(g.velocity.m_per_s), (l1, l2)


def iss_decay(days: float, **kw) -> tuple[pd.DataFrame, float]:
    """ISS benchmark case: last TLE of the 2021-2022 history, 2022-03-03T12:00Z."""
    r, v, _ = iss_initial_state()
    return orekit_decay(
        SELFTEST_EPOCH, r, v, ISS_MASS_KG, ISS_AREA_M2, ISS_CD, days, DEFAULT_SW_FILE, **kw
    )


def _selftest(days: float, tol: float) -> int:
    r, v, (l1, _) = iss_initial_state()
    print(f"TLE line 1: {l1}")
    print(f"epoch {SELFTEST_EPOCH.isoformat()}  r_gcrs_m={np.round(r, 1).tolist()}")
    print(f"                              v_gcrs_m_s={np.round(v, 4).tolist()}")
    t_vm = time.perf_counter()
    setup_orekit()
    print(f"JVM + data context start: {time.perf_counter() - t_vm:.2f} s")
    df, wall = orekit_decay(
        SELFTEST_EPOCH,
        r,
        v,
        ISS_MASS_KG,
        ISS_AREA_M2,
        ISS_CD,
        days,
        DEFAULT_SW_FILE,
        position_tolerance_m=tol,
    )
    df["decay_m_per_day"] = -df["mean_altitude_km"].diff() * 1000.0
    with pd.option_context("display.width", 120, "display.float_format", "{:.4f}".format):
        print(df.to_string(index=False))
    total = (df["mean_altitude_km"].iloc[0] - df["mean_altitude_km"].iloc[-1]) * 1000.0
    rate = total / days
    print(f"Orekit wall time for {days:g} days: {wall:.2f} s")
    print(f"mean decay: {rate:.1f} m/day ({total:.0f} m in {days:g} days)")
    ok = 390.0 < df["mean_altitude_km"].iloc[0] < 440.0 and 50.0 <= rate <= 200.0
    print("SELFTEST", "PASSED" if ok else "FAILED (expected 50-200 m/day at ~415 km)")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Orekit reference decay propagation")
    ap.add_argument("--selftest", action="store_true", help="ISS 10-day run, prints daily table")
    ap.add_argument("--days", type=float, default=10.0)
    ap.add_argument(
        "--tol", type=float, default=1.0e-3, help="position tolerance of the integrator, m"
    )
    args = ap.parse_args(argv)
    if args.selftest:
        return _selftest(args.days, args.tol)
    ap.print_help()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
