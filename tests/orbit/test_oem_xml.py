"""The XML form of an OEM (NDM/XML), on 12 hours of NASA's own ISS file (data/README.md):
the same states as the standard library's ElementTree reads, TOPO's figures and events, an
orbit that our force model follows, and errors that name the XML line."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from stationkeeper.cli import main
from stationkeeper.environment.atmosphere import MsisAtmosphere
from stationkeeper.environment.spaceweather import load_space_weather
from stationkeeper.errors import InputError
from stationkeeper.orbit.forces import ForceModel
from stationkeeper.orbit.oem import is_oem_text, parse_oem, read_oem
from stationkeeper.orbit.topo_header import read_topo_header

NASA_XML = Path(__file__).parent / "data" / "nasa_topo_oem_2025-02-26_12h.xml"


def test_states_are_those_elementtree_reads():
    """Another XML parser (the standard library's ElementTree) on the same file."""
    tree = ET.parse(NASA_XML)
    vectors = tree.getroot().findall("./oem/body/segment/data/stateVector")
    (seg,) = read_oem(NASA_XML).segments
    assert len(seg.states) == len(vectors) == 181
    for s, v in zip(seg.states, vectors, strict=True):
        year, rest = v.findtext("EPOCH").removesuffix("Z").split("-")
        day, clock = rest.split("T")
        h, m, sec = clock.split(":")
        epoch = datetime(int(year), 1, 1, int(h), int(m), tzinfo=UTC).timestamp()
        epoch += (int(day) - 1) * 86400 + float(sec)
        assert s.epoch_utc.timestamp() == pytest.approx(epoch, abs=1e-6)
        assert s.r_km == tuple(float(v.findtext(k)) for k in ("X", "Y", "Z"))
        assert s.v_km_s == tuple(float(v.findtext(k)) for k in ("X_DOT", "Y_DOT", "Z_DOT"))
    assert seg.ref_frame == "EME2000" and seg.meta["OBJECT_ID"] == "1998-067-A"


def test_topo_figures_and_events_of_the_xml_file():
    """As printed in the file's <COMMENT> elements (MASS=454339.00, DRAG_AREA=1791.90,
    DRAG_COEFF=1.95; 91P and Crew-10 launch and docking, no burn)."""
    h = read_topo_header(NASA_XML)
    assert (h.mass_kg, h.drag_area_m2, h.drag_coeff) == (454_339.0, 1_791.90, 1.95)
    assert [e.name for e in h.events] == ["91P Launch", "91P Dock", "Crew10 Launch", "Crew10 Dock"]
    dock = h.events[1]
    assert dock.tig_utc == datetime(2025, 3, 1, 23, 3, 50, tzinfo=UTC)  # GMT 060:23:03:50
    assert (dock.apogee_km, dock.perigee_km, dock.dv_m_s) == (422.9, 412.1, 0.0)
    assert dock.line == 39  # the XML line of its <COMMENT>


def test_our_force_model_follows_nasas_ephemeris_for_12_hours():
    """From the file's first state, J2-J6 gravity and NRLMSIS drag with TOPO's own BC stay
    within 5 km of NASA's states for 12 h (measured 3.5 km; radius within 0.5 km, measured
    0.37); point-mass gravity is > 50 km off: a wrong epoch, unit or frame would show."""
    states = read_oem(NASA_XML).segments[0].gcrs_states()
    t0 = states[0].epoch_utc.timestamp()
    t = np.array([s.epoch_utc.timestamp() - t0 for s in states])
    nasa_r = np.array([s.y[:3] for s in states])
    atm = MsisAtmosphere(load_space_weather(), "observed")
    bc = read_topo_header(NASA_XML).ballistic_coefficient_kg_m2

    def miss_m(forces):
        sol = solve_ivp(forces.rhs_scalar(t0), (0, t[-1]), states[0].y, t_eval=t, rtol=1e-11,
                        atol=1e-4, method="DOP853")  # fmt: skip
        r = sol.y[:3].T
        radial = np.linalg.norm(r, axis=1) - np.linalg.norm(nasa_r, axis=1)
        return np.linalg.norm(r - nasa_r, axis=1).max(), np.abs(radial).max()

    assert t[-1] == pytest.approx(12 * 3600, abs=300)
    pos, radial = miss_m(ForceModel.with_drag(atm, bc))
    assert pos < 5_000 and radial < 500
    assert miss_m(ForceModel.with_drag(atm, bc, zonal_degree=0))[0] > 50_000


def test_track_runs_from_the_xml_file(capsys):
    code = main(["track", "--tle", str(NASA_XML), "--hours", "1", "--json"])
    assert code == 0
    rows = json.loads(capsys.readouterr().out)["track"]
    assert rows[0]["epoch_utc"].startswith("2025-02-26T12:00")
    assert all(400 < r["altitude_km"] < 440 for r in rows)


def _xml(body: str, data: str = "") -> str:
    vector = (
        "<stateVector><EPOCH>2025-057T12:00:00.000Z</EPOCH><X>236.6</X><Y>-5167.4</Y>"
        "<Z>4405.8</Z><X_DOT>6.357</X_DOT><Y_DOT>-2.605</Y_DOT><Z_DOT>-3.386</Z_DOT>"
        "</stateVector>"
    )
    meta = (
        "<metadata><OBJECT_NAME>ISS</OBJECT_NAME><OBJECT_ID>1998-067-A</OBJECT_ID>"
        "<CENTER_NAME>EARTH</CENTER_NAME><REF_FRAME>EME2000</REF_FRAME>"
        "<TIME_SYSTEM>UTC</TIME_SYSTEM><START_TIME>2025-057T12:00:00.000Z</START_TIME>"
        "<STOP_TIME>2025-057T13:00:00.000Z</STOP_TIME></metadata>"
    )
    return (
        '<?xml version="1.0"?>\n<ndm>\n<oem id="CCSDS_OEM_VERS" version="2.0">\n'
        "<header><CREATION_DATE>2025-057T18:18:07Z</CREATION_DATE></header>\n"
        f"<body><segment>{meta}\n<data>\n{data or vector}\n</data></segment></body>\n{body}"
        "</oem>\n</ndm>\n"
    )


def test_a_minimal_xml_is_an_oem_and_an_omm_is_not():
    oem = parse_oem(_xml(""), "m.xml")
    assert oem.segments[0].states[0].r_km == (236.6, -5167.4, 4405.8)
    assert is_oem_text(_xml(""))
    omm = '<?xml version="1.0"?>\n<ndm><omm id="CCSDS_OMM_VERS" version="2.0"></omm></ndm>'
    assert not is_oem_text(omm)


@pytest.mark.parametrize(
    ("text", "line", "field", "needle"),
    [
        (_xml("").replace("</body>", "</bdy>"), 8, "XML", "not well-formed"),
        (_xml("<extra/>\n"), 9, "extra", "<header>, <body>"),
        (_xml("", "<stateVector><EPOCH>2025-057T12:00:00Z</EPOCH><X>1</X></stateVector>"), 7,
         "Y", "no Y, Z, X_DOT"),
        (_xml("").replace("<X>236.6", '<X units="m">236.6'), 7, "X", 'units="m"'),
        (_xml("").replace("<X>236.6", "<X>236.6 1"), 7, "X", "not one value"),
        (_xml("").replace("<X>236.6", "<X>6e9"), 7, "x_km", "from the Earth's centre"),
        (_xml("").replace("EME2000", "TEME"), 5, "REF_FRAME", "not supported"),
        (_xml("").replace('version="2.0"', 'version="9.0"'), 3, "CCSDS_OEM_VERS", "not read"),
        ('<?xml version="1.0"?>\n<!DOCTYPE oem [<!ENTITY a "aaaa">]>\n<oem version="2.0"/>', 2,
         "<!DOCTYPE>", "not read"),
    ],
)  # fmt: skip
def test_bad_xml_names_the_xml_line_and_field(text, line, field, needle):
    with pytest.raises(InputError) as err:
        parse_oem(text, "bad.xml")
    assert (err.value.line, err.value.field) == (line, field)
    assert needle in str(err.value) and str(err.value).startswith(f"bad.xml:{line}: ")
