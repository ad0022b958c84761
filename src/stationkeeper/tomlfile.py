"""Reading a user's TOML file with errors that name the file, the line and the field.

Shared by the station file (:mod:`stationkeeper.station.load`) and the scenario file
(:mod:`stationkeeper.scenario.file`). :mod:`tomllib` does not report where a value sits, so
:class:`TomlLines` finds a table header and a key in the text (best effort: ``None`` where the
layout is unusual, e.g. inline tables).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Any

from stationkeeper.errors import InputError

_LINE_IN_MESSAGE = re.compile(r"line (\d+)")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")


def read_toml(path: str | Path, what: str) -> tuple[dict[str, Any], str]:
    """(document, text) of the TOML file at ``path``; ``what`` names it in errors
    ("station file", "scenario file"). A missing, unreadable or invalid file is an
    :class:`InputError` (with the line for a syntax error)."""
    file = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{what} not found", file=file, allowed="an existing TOML file") from None
    except IsADirectoryError:
        raise InputError(f"{what} is a folder", file=file, allowed="a TOML file") from None
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror}", file=file) from None
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark (Windows editors) is dropped
    except UnicodeDecodeError as exc:
        raise InputError(
            f"byte {raw[exc.start]:#04x} at offset {exc.start} is not UTF-8",
            file=file,
            line=raw[: exc.start].count(b"\n") + 1,
            allowed="a UTF-8 text file (TOML 1.0)",
        ) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _LINE_IN_MESSAGE.search(str(exc))
        raise InputError(
            f"not valid TOML: {exc}",
            file=file,
            line=int(m.group(1)) if m else None,
            allowed="TOML 1.0 (https://toml.io)",
        ) from None
    except RecursionError:
        raise InputError(
            "not valid TOML: arrays or tables nested too deeply",
            file=file,
            allowed="TOML 1.0 nested to a sane depth",
        ) from None
    except (ValueError, TypeError, IndexError) as exc:  # e.g. an integer of 5,000 digits
        raise InputError(
            f"not valid TOML: {exc}"[:300], file=file, allowed="TOML 1.0 (https://toml.io)"
        ) from None
    return doc, text


def suggest(word: str, choices) -> str:
    """' (did you mean 'x'?)' for the closest of ``choices``, or ''."""
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class TomlLines:
    """Find the line of ``table[i].key`` in the TOML text (1-based), best effort."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: list[tuple[int, str, bool]] = []  # (line index, name, is_array)
        for i, line in enumerate(self.lines):
            m = _HEADER.match(line)
            if m:
                self.headers.append((i, m.group(2).strip(), m.group(1) == "[["))

    def _block(self, table: str, index: int | None) -> tuple[int, int] | None:
        count = -1
        for n, (i, name, is_array) in enumerate(self.headers):
            if name != table:
                continue
            if is_array:
                count += 1
                if index is not None and count != index:
                    continue
            elif index is not None:
                continue
            end = self.headers[n + 1][0] if n + 1 < len(self.headers) else len(self.lines)
            return i, end
        return None

    def find(self, table: str, index: int | None = None, key: str | None = None) -> int | None:
        """Line of the key (or of the table header if the key is not written there)."""
        block = self._block(table, index)
        if block is None:
            if index is None:  # a top-level key called ``table`` (or ``key``)
                want = key if key is not None else table
                pat = re.compile(rf"^\s*{re.escape(want)}\s*=")
                first = self.headers[0][0] if self.headers else len(self.lines)
                for i in range(first):
                    if pat.match(self.lines[i]):
                        return i + 1
            return None
        start, end = block
        if key is None:
            return start + 1
        pat = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for i in range(start + 1, end):
            if pat.match(self.lines[i]):
                return i + 1
        return start + 1


class TomlContext:
    """Error factory bound to one file: ``error(message, table, index, key, allowed)``."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.lines = TomlLines(text)

    def error(
        self,
        message: str,
        table: str,
        index: int | None = None,
        key: str | None = None,
        allowed: str | None = None,
    ) -> InputError:
        fld = table if index is None else f"{table}[{index}]"
        if key:
            fld = f"{fld}.{key}"
        line = self.lines.find(table, index, key)
        return InputError(message, file=self.file, line=line, field=fld, allowed=allowed)
