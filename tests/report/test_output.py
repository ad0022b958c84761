"""--out folders: all or nothing, one run per folder, bad destinations refused before work."""

from __future__ import annotations

import json
import os

import pytest

from stationkeeper.cli import main
from stationkeeper.errors import InputError
from stationkeeper.report.output import MANIFEST, check_out_dir, write_run


def _writer(text):
    return lambda p: p.write_text(text)


def test_a_second_run_replaces_the_first_as_a_whole(tmp_path):
    out = tmp_path / "res"
    write_run(out, {"a.csv": _writer("1"), "bplane_2.png": _writer("old")})
    write_run(out, {"a.csv": _writer("2")})
    assert sorted(p.name for p in out.iterdir()) == sorted(["a.csv", MANIFEST])
    assert (out / "a.csv").read_text() == "2"
    assert json.loads((out / MANIFEST).read_text())["files"] == ["a.csv"]


def test_a_failed_run_leaves_the_previous_one_intact(tmp_path):
    out = tmp_path / "res"
    write_run(out, {"a.csv": _writer("1"), "b.png": _writer("1")})

    def boom(p):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_run(out, {"a.csv": _writer("2"), "c.png": boom})
    assert {p.name for p in out.iterdir()} == {"a.csv", "b.png", MANIFEST}
    assert (out / "a.csv").read_text() == "1"


def test_a_folder_with_files_no_run_wrote_is_refused(tmp_path):
    (tmp_path / "thesis.docx").write_text("mine")
    with pytest.raises(InputError) as err:
        check_out_dir(tmp_path)
    assert "thesis.docx" in str(err.value) and err.value.field == "out"
    assert (tmp_path / "thesis.docx").read_text() == "mine"


def test_a_path_under_a_file_is_refused(tmp_path):
    (tmp_path / "f").write_text("x")
    for bad in (tmp_path / "f", tmp_path / "f" / "sub"):
        with pytest.raises(InputError):
            check_out_dir(bad)


def test_a_read_only_destination_is_refused(tmp_path, monkeypatch):
    # as root a chmod does not stop writing, so the permission check itself is exercised
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if str(p) == str(tmp_path) else real(p, mode)
    )
    with pytest.raises(InputError, match="not writable"):
        check_out_dir(tmp_path / "new")
    with pytest.raises(InputError, match="not writable"):
        check_out_dir(tmp_path)


def test_the_cli_refuses_a_bad_out_before_any_work(tmp_path, capsys, monkeypatch):
    import stationkeeper.api as api

    def never(*a, **k):
        raise AssertionError("the work started")

    monkeypatch.setattr(api, "decay", never)
    (tmp_path / "notes.txt").write_text("x")
    code = main(["decay", "--days", "5", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "--out" in err and "notes.txt" in err
    assert len(err.strip().splitlines()) <= 2
