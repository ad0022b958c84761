"""Reading a user's text file (element sets, ephemerides) with errors that name the file.

UTF-8, with or without a byte-order mark; UTF-16 or UTF-32 when a byte-order mark says so (what
Windows editors save as "Unicode"). Undecodable bytes are replaced, so the parser that reads the
text refuses the line that holds one, with its line number.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from stationkeeper.errors import InputError

#: Byte-order marks and their codecs; UTF-32 LE's mark starts with UTF-16 LE's: it goes first.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(raw: bytes) -> str:
    """``raw`` as text: by its byte-order mark, else UTF-8 (a UTF-8 mark dropped)."""
    for mark, codec in BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            return raw.decode(codec, errors="replace")
    return raw.decode("utf-8-sig", errors="replace")


def read_text_file(path: str | Path, what: str) -> str:
    """The text of the file at ``path`` (:func:`decode_text`); ``what`` says what it should
    be in the error for a folder ("an element file", "a CCSDS OEM file").

    Raises
    ------
    InputError
        The file does not exist, is a folder, or cannot be read.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", file=str(path), allowed="an existing file") from None
    except IsADirectoryError:
        raise InputError("is a folder", file=str(path), allowed=what) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=str(path)) from None
    return decode_text(raw)
