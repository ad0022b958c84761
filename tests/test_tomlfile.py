"""Reading a user's TOML file: a BOM accepted, every decode problem one clean InputError."""

from __future__ import annotations

import pytest

from stationkeeper.data import data_path
from stationkeeper.errors import InputError
from stationkeeper.tomlfile import read_toml


def test_a_byte_order_mark_is_accepted(tmp_path):
    """Windows editors write a UTF-8 BOM at the start; tomllib alone refuses it."""
    text = data_path("station.toml").read_text(encoding="utf-8")
    path = tmp_path / "station.toml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    doc, read = read_toml(path, "station file")
    assert doc == read_toml(data_path("station.toml"), "station file")[0]
    assert not read.startswith("\ufeff")


@pytest.mark.parametrize(
    "raw, needle",
    [
        (b"name = 'ok'\nbad = '\xff\xfe'\n", ":2: byte 0xff"),  # not UTF-8: the line is named
        (b"a = " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "nested too deeply"),
        (b"a = " + b"1" * 5000 + b"\n", "not valid TOML"),  # beyond int()'s digit limit
        (b"a = 1\nb = 'x'\nc = ]\n", ":3: not valid TOML"),
    ],
)
def test_decode_problems_are_one_clean_error(tmp_path, raw, needle):
    path = tmp_path / "s.toml"
    path.write_bytes(raw)
    with pytest.raises(InputError, match=needle) as info:
        read_toml(path, "station file")
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_a_folder_is_a_clean_error(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        read_toml(tmp_path, "scenario file")
