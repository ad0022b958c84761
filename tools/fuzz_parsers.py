"""Long coverage-guided fuzzing of the input parsers with atheris (not part of CI).

Each target writes the fuzzer's bytes to a file of the right suffix and reads it the way a
user's file is read; the only exceptions allowed out are ours (``StationkeeperError``), and
an element set that loads must hold finite numbers. Anything else is a crash that atheris
reports with the input that caused it (saved as ``crash-*``; replay it with ``--replay``).

    pip install atheris                                  # needs clang; Linux/macOS
    python tools/fuzz_parsers.py tle corpus/tle -max_total_time=600
    python tools/fuzz_parsers.py omm-json corpus/json -max_total_time=600
    python tools/fuzz_parsers.py --replay tle crash-1234   # rerun one input, no atheris

Targets: tle, omm-json, omm-xml, omm-csv, toml. ``--seed-corpus TARGET DIR`` writes real files
(the shipped ISS TLE, records of ../shared/data/tle, OMM built from them, the shipped TOML)
into DIR as a starting corpus. See docs/fuzzing.md.
"""

from __future__ import annotations

import math
import sys
import tempfile
from pathlib import Path

from stationkeeper.errors import StationkeeperError
from stationkeeper.orbit.tle import load_elements, load_tle, load_tle_history
from stationkeeper.tomlfile import read_toml

WORK = Path(tempfile.mkdtemp(prefix="stationkeeper-atheris-"))
SUFFIX = {"tle": ".tle", "omm-json": ".json", "omm-xml": ".xml", "omm-csv": ".csv", "toml": ".toml"}
FIELDS = ("no_kozai", "ecco", "inclo", "nodeo", "argpo", "mo", "bstar", "jdsatepoch")


def _finite(out) -> None:
    for es in out if isinstance(out, list) else [out]:
        for name in FIELDS:
            if not math.isfinite(getattr(es.satrec, name)):
                raise AssertionError(f"non-finite {name} loaded from {es.where()}")


def run_one(target: str, data: bytes) -> None:
    """Read ``data`` as a file of kind ``target``; raise if anything but our error escapes."""
    path = WORK / f"input{SUFFIX[target]}"
    path.write_bytes(data)
    if target == "toml":
        calls = [lambda p: read_toml(p, "station file")]
    elif target == "tle":
        calls = [load_elements, load_tle, load_tle_history]
    else:
        calls = [load_elements]
    for call in calls:
        try:
            out = call(path)
        except StationkeeperError:
            continue
        if target != "toml":
            _finite(out)


def seed_corpus(target: str, folder: Path) -> None:
    """Real files of kind ``target`` as the fuzzer's starting corpus."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from fuzz import strategies as s  # the same seeds as the hypothesis fuzz

    folder.mkdir(parents=True, exist_ok=True)
    docs: list[str] = []
    if target == "tle":
        docs = [f"0 {n}\n{a}\n{b}\n" for n, a, b in s.TLE_PAIRS]
    elif target == "omm-json":
        import json

        docs = [json.dumps([r]) for r in s.OMM_RECORDS]
    elif target == "omm-xml":
        docs = [s.omm_xml([r]) for r in s.OMM_RECORDS]
    elif target == "omm-csv":
        docs = [s.omm_csv([r]) for r in s.OMM_RECORDS]
    else:
        docs = s.TOML_SEEDS
    for k, doc in enumerate(docs):
        (folder / f"seed-{k:03d}{SUFFIX[target]}").write_text(doc, encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "--replay":
        target = argv[1]
        for name in argv[2:]:
            run_one(target, Path(name).read_bytes())
            print(f"{name}: only our errors")
        return 0
    if len(argv) >= 3 and argv[0] == "--seed-corpus":
        seed_corpus(argv[1], Path(argv[2]))
        return 0
    if not argv or argv[0] not in SUFFIX:
        print(__doc__)
        return 2
    import atheris  # noqa: PLC0415 - optional, only for the long runs

    target = argv[0]
    atheris.instrument_all()
    atheris.Setup([sys.argv[0], *argv[1:]], lambda data: run_one(target, data))
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
