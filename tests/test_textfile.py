"""User text files in the encodings editors write: the same element sets and states from UTF-8,
UTF-8 with a byte-order mark, and UTF-16/32 with one (Windows "Unicode"); the rest refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from stationkeeper.errors import InputError
from stationkeeper.orbit.oem import read_oem
from stationkeeper.orbit.tle import load_tle, shipped_2022_tle_path
from stationkeeper.textfile import read_text_file

NASA_XML = Path(__file__).parent / "orbit" / "data" / "nasa_topo_oem_2025-02-26_12h.xml"
CODECS = ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"]  # utf-16-be: mark written by hand


def _write(tmp_path: Path, text: str, codec: str, suffix: str) -> Path:
    path = tmp_path / f"in-{codec}{suffix}"
    raw = text.encode(codec)
    path.write_bytes(b"\xfe\xff" + raw if codec == "utf-16-be" else raw)
    return path


@pytest.mark.parametrize("codec", CODECS)
def test_a_tle_reads_the_same_in_every_marked_encoding(tmp_path, codec):
    original = shipped_2022_tle_path()
    want = load_tle(original).satrec
    got = load_tle(_write(tmp_path, original.read_text(), codec, ".tle")).satrec
    for name in ("jdsatepoch", "jdsatepochF", "no_kozai", "ecco", "inclo", "bstar", "satnum"):
        assert getattr(got, name) == getattr(want, name)


@pytest.mark.parametrize("codec", CODECS)
def test_an_xml_oem_reads_the_same_in_every_marked_encoding(tmp_path, codec):
    want = read_oem(NASA_XML).segments[0].states
    text = NASA_XML.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    assert read_oem(_write(tmp_path, text, codec, ".xml")).segments[0].states == want


def test_utf16_without_a_mark_is_refused_by_the_parser(tmp_path):
    path = tmp_path / "nomark.tle"
    path.write_bytes(shipped_2022_tle_path().read_text().encode("utf-16-le"))
    with pytest.raises(InputError) as err:
        load_tle(path)
    assert err.value.file == str(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_text_file(tmp_path / "nope.tle", "an element file")
    with pytest.raises(InputError, match="is a folder") as err:
        read_text_file(tmp_path, "an element file")
    assert err.value.allowed == "an element file"
