"""The XML form of a CCSDS OEM (NDM/XML, CCSDS 505.0-B-2) as the KVN lines it stands for.

NASA publishes the ISS's TOPO ephemeris both as KVN (``ISS.OEM_J2K_EPH.txt``) and as XML
(``ISS.OEM_J2K_EPH.xml``: ``<ndm><oem id="CCSDS_OEM_VERS" version="2.0">`` with ``<header>``,
``<body><segment><metadata>`` and ``<data>`` of ``<COMMENT>`` and ``<stateVector>``
elements). :func:`oem_lines` turns either into numbered KVN lines (CCSDS 502.0-B-3), so one
reader (:func:`stationkeeper.orbit.oem.parse_oem`) checks both, and an error in an XML file
names the XML line. Parsed with the standard library's expat; a document type declaration
(and so any entity) is refused, which also shuts out entity-expansion attacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.parsers import expat

from stationkeeper.errors import InputError

#: The elements of a ``<stateVector>``, in the order of a KVN data line.
STATE_FIELDS = ("EPOCH", "X", "Y", "Z", "X_DOT", "Y_DOT", "Z_DOT")
ACCELERATION_FIELDS = ("X_DDOT", "Y_DDOT", "Z_DDOT")
#: The ``units`` attribute values read (the standard fixes km, km/s, km/s²).
UNITS = {
    **dict.fromkeys(STATE_FIELDS[1:4], ("km",)),
    **dict.fromkeys(STATE_FIELDS[4:], ("km/s",)),
    **dict.fromkeys(ACCELERATION_FIELDS, ("km/s**2", "km/s^2")),
}
_ROOT = re.compile(
    r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*"
    r"(?:<!DOCTYPE\s+(?:\w+:)?\w+[^>\[]*(?:\[.*?\])?\s*>\s*)?"
    r"(?:<!--.*?-->\s*)*<(?:\w+:)?(\w+)",
    re.S,
)
_FIRST_CHILD = re.compile(r"[^>]*>(?:<!--.*?-->|<[?!][^>]*>|[^<])*<(?:[\w.-]+:)?(\w+)[\s/>]", re.S)


@dataclass
class _Element:
    tag: str
    attrs: dict
    line: int
    text: str = ""
    children: list[_Element] = field(default_factory=list)


def is_oem_xml(text: str) -> bool:
    """Whether ``text`` is an OEM in XML: its root is ``<oem>``, or ``<ndm>`` whose first
    element is ``<oem>`` (an OMM in XML is not)."""
    m = _ROOT.match(text)
    if m is None:
        return False
    root = m.group(1)
    if root == "oem":
        return True
    if root != "ndm":
        return False
    child = _FIRST_CHILD.match(text, m.end())  # past <ndm ...>: text, comments skipped
    return child is not None and child.group(1) == "oem"


def oem_lines(text: str, source: str) -> Iterable[tuple[int, str]]:
    """(line number, KVN line) of an OEM text: its own lines for KVN; for XML the KVN lines
    its elements stand for, each numbered by the XML line of its element."""
    if not is_oem_xml(text):
        return enumerate(text.splitlines(), start=1)
    return _kvn_lines(_parse(text, source), source)


def _parse(text: str, source: str) -> _Element:
    stack: list[_Element] = []
    root: list[_Element] = []
    parser = expat.ParserCreate()

    def start(name: str, attrs: dict) -> None:
        el = _Element(name.rpartition(":")[2], attrs, parser.CurrentLineNumber)
        (stack[-1].children if stack else root).append(el)
        stack.append(el)

    def end(name: str) -> None:
        stack.pop()

    def chars(data: str) -> None:
        if stack:
            stack[-1].text += data

    def doctype(*_args) -> None:
        raise InputError(
            "a document type declaration is not read",
            file=source,
            line=parser.CurrentLineNumber,
            field="<!DOCTYPE>",
            allowed="an NDM/XML OEM without a DOCTYPE (CCSDS 505.0-B-2)",
        )

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler, parser.StartDoctypeDeclHandler = chars, doctype
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        raise InputError(
            f"not well-formed XML: {expat.errors.messages[exc.code]}",
            file=source,
            line=exc.lineno,
            field="XML",
            allowed="a well-formed NDM/XML OEM",
        ) from None
    top = root[0]
    return next((c for c in top.children if c.tag == "oem"), top) if top.tag == "ndm" else top


def _bad(el: _Element, source: str, where: str, allowed: str) -> InputError:
    return InputError(
        f"<{el.tag}> is not an element of {where}", file=source, line=el.line, field=el.tag,
        allowed=allowed,
    )  # fmt: skip


def _kvn_lines(oem: _Element, source: str) -> list[tuple[int, str]]:
    if "version" not in oem.attrs:
        raise InputError(
            "<oem> has no version attribute", file=source, line=oem.line, field="version",
            allowed='<oem id="CCSDS_OEM_VERS" version="2.0">',
        )  # fmt: skip
    out = [(oem.line, f"CCSDS_OEM_VERS = {oem.attrs['version']}")]
    for part in oem.children:
        if part.tag == "header":
            out += [_key_value(el) for el in part.children]
        elif part.tag == "body":
            for segment in part.children:
                if segment.tag != "segment":
                    raise _bad(segment, source, "<body>", "<segment>")
                out += _segment_lines(segment, source)
        else:
            raise _bad(part, source, "<oem>", "<header>, <body>")
    return out


def _key_value(el: _Element) -> tuple[int, str]:
    if el.tag == "COMMENT":
        return el.line, " ".join(["COMMENT", *el.text.splitlines()]).rstrip()
    return el.line, f"{el.tag} = {el.text.strip()}"


def _segment_lines(segment: _Element, source: str) -> list[tuple[int, str]]:
    out = []
    for part in segment.children:
        if part.tag == "metadata":
            out.append((part.line, "META_START"))
            out += [_key_value(el) for el in part.children]
            out.append((part.children[-1].line if part.children else part.line, "META_STOP"))
        elif part.tag == "data":
            for el in part.children:
                if el.tag == "COMMENT":
                    out.append(_key_value(el))
                elif el.tag == "stateVector":
                    out.append((el.line, _state_line(el, source)))
                elif el.tag == "covarianceMatrix":
                    out += [(el.line, "COVARIANCE_START"), (el.line, "COVARIANCE_STOP")]
                else:
                    raise _bad(el, source, "<data>", "<COMMENT>, <stateVector>, <covarianceMatrix>")
        else:
            raise _bad(part, source, "<segment>", "<metadata>, <data>")
    return out


def _state_line(vector: _Element, source: str) -> str:
    """One KVN data line from a ``<stateVector>``: its values in :data:`STATE_FIELDS` order."""
    values = {}
    for el in vector.children:
        if el.tag not in (*STATE_FIELDS, *ACCELERATION_FIELDS):
            raise _bad(el, source, "<stateVector>", ", ".join(STATE_FIELDS + ACCELERATION_FIELDS))
        if el.tag in values:
            raise InputError(
                f"<{el.tag}> given twice", file=source, line=el.line, field=el.tag, allowed="once"
            )
        units = el.attrs.get("units")
        if units is not None and units not in UNITS.get(el.tag, (units,)):
            raise InputError(
                f'units="{units}" is not read', file=source, line=el.line, field=el.tag,
                allowed=" or ".join(UNITS[el.tag]),
            )  # fmt: skip
        value = el.text.strip()
        if len(value.split()) != 1:
            raise InputError(
                f"{value[:40]!r} is not one value", file=source, line=el.line, field=el.tag,
                allowed="a number (EPOCH: a UTC epoch)",
            )  # fmt: skip
        values[el.tag] = value
    with_acceleration = any(a in values for a in ACCELERATION_FIELDS)
    names = STATE_FIELDS + (ACCELERATION_FIELDS if with_acceleration else ())
    missing = [n for n in names if n not in values]
    if missing:
        raise InputError(
            f"<stateVector> has no {', '.join(missing)}", file=source, line=vector.line,
            field=missing[0], allowed=", ".join(names),
        )  # fmt: skip
    return " ".join(values[n] for n in names)
