"""The command line as a user runs it: JSON interfaces, files, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from stationkeeper.cli import main
from stationkeeper.orbit.tle import shipped_2022_tle_path

#: The runs pinned to March 2022 (observed space weather ends 2025-07-20, before today's state)
TLE_2022 = str(shipped_2022_tle_path())


def run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_station_show_json_interface(capsys):
    code, out, _ = run(["station", "show", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    for key in ("total_mass_kg", "drag_area_m2", "cd", "ballistic_coefficient_kg_m2", "modules"):
        assert key in data
    # the per-segment totals account for the whole station
    by_segment = sum(row["mass_kg"] for row in data["totals_by_segment"].values())
    assert by_segment == pytest.approx(data["itemised_mass_kg"], rel=1e-9)
    owners = {m["owner"] for m in data["modules"]}
    assert {"NASA", "Roscosmos", "JAXA", "ESA", "CSA"} <= owners
    assert all({"name", "owner", "segment", "mass_kg"} <= set(m) for m in data["modules"])


def test_decay_json_and_out_folder(tmp_path, capsys):
    out_dir = tmp_path / "res"
    code, out, _ = run(
        [
            "decay",
            "--days",
            "20",
            "--solar",
            "observed",
            "--tle",
            TLE_2022,
            "--json",
            "--out",
            str(out_dir),
        ],
        capsys,
    )
    assert code == 0
    data = json.loads(out)
    rows = data["decay"]
    assert len(rows) == 21
    assert data["days"] == 20 and data["mean_decay_m_per_day"] > 0
    assert {"epoch_utc", "mean_altitude_km", "perigee_km", "apogee_km"} <= set(rows[0])
    assert rows[0]["epoch_utc"].startswith("2022-03-03")
    # March 2022, ~418 km, moderate activity: the ISS lost ~70-150 m/day (iss_facts.md:
    # ~2 km/month typical, ~1.6 km/month in 2022)
    loss_m_per_day = (rows[0]["mean_altitude_km"] - rows[-1]["mean_altitude_km"]) * 1e3 / 20
    assert 40 < loss_m_per_day < 250
    for name in ("decay.csv", "decay.parquet", "decay.png", "summary.json"):
        assert (out_dir / name).stat().st_size > 0
    # no temporary litter; only the run's manifest besides its files
    assert [p.name for p in out_dir.iterdir() if p.name.startswith(".")] == [
        ".stationkeeper-run.json"
    ]


def test_lifetime_json_interface(capsys):
    code, out, _ = run(["lifetime", "--solar", "nominal", "--json", "-q"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["lifetime_days"] > 100
    assert data["reentry_utc"].startswith("20")
    assert set(data["scenarios"]) == {"nominal"}
    r = data["scenarios"]["nominal"]  # central value inside its 5-95 % band (drag spread)
    assert r["lifetime_days_p05"] < r["lifetime_days"] < r["lifetime_days_p95"]
    assert data["drag"] == "fitted" and data["object"]["drag_label"]


def test_lifetime_any_object_overrides(capsys):
    """A 1 kg, 0.01 m^2 cubesat-like object at the ISS orbit falls much faster than the ISS."""
    code, out, _ = run(
        [
            "lifetime",
            "--solar",
            "observed",
            "--tle",
            TLE_2022,
            "--mass-kg",
            "1.3",
            "--area-m2",
            "0.03",
            "--cd",
            "2.2",
            "--json",
        ],
        capsys,
    )
    assert code == 0
    data = json.loads(out)
    assert data["object"]["ballistic_coefficient_kg_m2"] == pytest.approx(1.3 / 0.066)
    assert 20 < data["lifetime_days"] < 400


def test_lifetime_on_a_dask_cluster_equals_the_local_run(capsys):
    """--scheduler sends the lifetime runs (here the fitted drag's three percentiles) to a
    Dask cluster; the answer is the one computed in local worker processes."""
    distributed = pytest.importorskip("distributed")
    args = ["lifetime", "--tle", TLE_2022, "--solar", "observed", "--mass-kg", "13000"]
    args += ["--json", "-q"]  # a 13 t, ISS-drag-area object: ~1/30 of the ISS's lifetime
    code, out, _ = run(args, capsys)
    assert code == 0
    local = json.loads(out)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        code, out, _ = run([*args, "--scheduler", cluster.scheduler_address], capsys)
        ran_there = set(cluster.scheduler.task_prefixes)
    assert code == 0
    assert any("lifetime" in prefix for prefix in ran_there), ran_there
    remote = json.loads(out)
    r, loc = remote["scenarios"]["observed"], local["scenarios"]["observed"]
    assert loc["lifetime_days_p05"] < loc["lifetime_days"] < loc["lifetime_days_p95"]
    for key in ("lifetime_days", "lifetime_days_p05", "lifetime_days_p95"):
        assert r[key] == loc[key]


@pytest.mark.parametrize(
    "args, needle",
    [
        (["decay", "--days", "-5"], "--days"),
        (["decay", "--solar", "medium"], "--solar"),
        (["decay", "--days", "30", "--solar", "observed", "--tle", "__missing__.tle"], "not found"),
        (["lifetime", "--mass-kg", "-3"], "--mass-kg"),
        (["lifetime", "--scheduler", "nowhere"], "scheduler"),
        (["track", "--hours", "0"], "hours"),
    ],
)
def test_bad_input_is_one_line_exit_2(args, needle, capsys):
    code, out, err = run(args, capsys)
    assert code == 2
    assert needle in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2  # one logical line (Rich may wrap long ones)


def test_observed_solar_refuses_unobserved_dates(tmp_path, capsys):
    tle = tmp_path / "future.tle"
    # the shipped ISS TLE moved to 2030 (epoch year 30, day 062): not observed in our file
    from stationkeeper.data import data_path
    from stationkeeper.orbit.tle import tle_checksum

    l0, l1, l2 = data_path("iss_25544_2022-03-03.tle").read_text().splitlines()
    l1 = l1[:18] + "30" + l1[20:68]
    l1 += str(tle_checksum(l1))
    tle.write_text(f"{l0}\n{l1}\n{l2}\n")
    code, _, err = run(["decay", "--days", "10", "--solar", "observed", "--tle", str(tle)], capsys)
    assert code == 2
    assert "observed" in err and "2030" in err


def test_failed_run_leaves_no_output(tmp_path, capsys, monkeypatch):
    import stationkeeper.report.answers as plots  # where the decay files are named

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(plots, "plot_decay", boom)
    out_dir = tmp_path / "res"
    code, _, err = run(
        ["decay", "--days", "5", "--solar", "observed", "--tle", TLE_2022, "--out", str(out_dir)],
        capsys,
    )
    assert code == 1
    assert "internal error" in err
    assert list(out_dir.iterdir()) == []


def test_console_script_help_teaches():
    res = subprocess.run(
        [sys.executable, "-m", "stationkeeper.cli", "decay", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0
    assert "--solar" in res.stdout and "--propagator" in res.stdout


def test_bstar_from_tle_uses_the_published_conversion(capsys):
    """Vallado (Fundamentals of Astrodynamics, sec. 9.7.2): BC = 1 / (12.741621 B*)."""
    from stationkeeper.data import data_path
    from stationkeeper.orbit.tle import load_tle

    bstar = load_tle(data_path("iss_25544_2022-03-03.tle")).bstar_per_earth_radius
    code, out, _ = run(
        [
            "lifetime",
            "--solar",
            "observed",
            "--tle",
            TLE_2022,
            "--bstar-from-tle",
            "--max-years",
            "0.1",
            "--json",
            "-q",
        ],
        capsys,
    )
    assert code == 0
    bc = json.loads(out)["object"]["ballistic_coefficient_kg_m2"]
    assert bc == pytest.approx(1.0 / (12.741621 * bstar), rel=1e-5)  # 7-digit constants


def test_decay_of_a_user_station_file(tmp_path, capsys):
    """A one-module station with twice the ISS's area-to-mass ratio decays about twice as fast."""
    station = tmp_path / "mini.toml"
    station.write_text(
        "\n".join(
            [
                "[station]",
                'name = "Mini station"',
                "configuration_date = 2022-03-03",
                "cd = 3.0",
                "drag_area_m2 = 100.0",
                'source = "test"',
                "",
                "[[modules]]",
                'name = "Core"',
                'owner = "NASA"',
                'segment = "us"',
                'kind = "pressurized"',
                "mass_kg = 11500.0",
                'source = "test"',
            ]
        )
    )
    code, out, err = run(["station", "show", "--station", str(station), "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["ballistic_coefficient_kg_m2"] == pytest.approx(11500 / 300)
    code, out, _ = run(
        [
            "decay",
            "--days",
            "10",
            "--solar",
            "observed",
            "--tle",
            TLE_2022,
            "--station",
            str(station),
            "--json",
        ],
        capsys,
    )
    assert code == 0
    mini = json.loads(out)["decay"]
    code, out, _ = run(
        ["decay", "--days", "10", "--solar", "observed", "--tle", TLE_2022, "--json"], capsys
    )
    iss_answer = json.loads(out)
    iss = iss_answer["decay"]
    iss_bc = iss_answer["object"]["ballistic_coefficient_kg_m2"]  # the fitted default drag
    loss_mini = mini[0]["mean_altitude_km"] - mini[-1]["mean_altitude_km"]
    loss_iss = iss[0]["mean_altitude_km"] - iss[-1]["mean_altitude_km"]
    # altitude lost ~ 1/BC at the same altitude and space weather
    assert loss_mini / loss_iss == pytest.approx(iss_bc / (11500 / 300), rel=0.1)


def test_drag_option_is_checked_and_named(capsys):
    code, _, err = run(["decay", "--days", "5", "--drag", "nrlmsis"], capsys)
    assert code == 2 and "--drag" in err and "fitted, topo" in err


def test_lifetime_out_folder_has_json_plot_and_tables(tmp_path, capsys):
    out_dir = tmp_path / "lt"
    code, _, err = run(
        [
            "lifetime",
            "--solar",
            "observed",
            "--tle",
            TLE_2022,
            "--mass-kg",
            "1.3",
            "--area-m2",
            "0.03",
            "--cd",
            "2.2",
            "-q",
            "--out",
            str(out_dir),
        ],
        capsys,
    )
    assert code == 0, err
    names = {p.name for p in out_dir.iterdir()}
    assert {"lifetime.json", "lifetime.png", "lifetime_observed.csv"} <= names
    data = json.loads((out_dir / "lifetime.json").read_text())
    import pandas as pd

    table = pd.read_csv(out_dir / "lifetime_observed.csv")
    # the table ends at the reentry the JSON reports
    assert table["mean_altitude_km"].iloc[-1] == pytest.approx(120.0, abs=0.5)
    assert len(table) >= 100 or data["lifetime_days"] > 60


@pytest.mark.parametrize(
    "args, needle",
    [
        (["decay", "--days", "abc"], "--days"),
        (["screen", "--catalog", "x.3le", "--mc-samples", "1e10"], "--mc-samples"),
        (["decay", "--bogus"], "--bogus"),
        (["deorbit"], "Missing command"),
    ],
)
def test_usage_errors_are_one_line_exit_2_too(args, needle, capsys):
    """Wrong types and unknown options (caught by the option parser, before our code) get the
    same one line as every other bad input, not a boxed usage panel."""
    code, out, err = run(args, capsys)
    assert code == 2
    assert needle in err and err.startswith("error:")
    assert len(err.strip().splitlines()) <= 2
    assert "Traceback" not in err and "╭" not in err


def test_user_text_with_rich_markup_is_printed_as_text(tmp_path, capsys):
    """A '[/]' in a path once crashed the printer (rich.errors.MarkupError)."""
    odd = tmp_path / "a[/]b[bold]" / "x.tle"
    code, _, err = run(["decay", "--days", "5", "--tle", str(odd)], capsys)
    assert code == 2
    assert "[/]b[bold]" in err and "not found" in err
    assert "Traceback" not in err and "internal error" not in err
