"""Open311 output: the same data as XML (declaration, no namespace) or JSON (top-level arrays).

Views hand over plain Python values; this module alone decides how they look on the wire:
booleans as lower-case `true`/`false` in XML and real booleans in JSON, `None` as an empty
element in XML and `null` in JSON, datetimes in ISO 8601 with the city's offset.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

import orjson
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

FORMATS = ("xml", "json")
CONTENT_TYPES = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'

# Element names of the items of a nested list, by the list's own element name.
ITEM_NAMES = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}

# Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Open311Error(Exception):
    """An error answered the way the spec says: status 400/403/404 (405 for a wrong method)."""

    def __init__(
        self, status: int, description: Any, *, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(str(description))
        self.status = status
        self.description = str(description)
        self.headers = headers or {}


def w3c_datetime(moment: datetime | None) -> str | None:
    """ISO 8601 with the city's offset, whole seconds (2026-05-04T10:00:00+07:00). The city's
    zone is the default one (cached), not the request's current zone: a list formats thousands."""
    if moment is None:
        return None
    return moment.astimezone(timezone.get_default_timezone()).isoformat(timespec="seconds")


def _xml_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return w3c_datetime(value)
    return _NOT_XML.sub("", str(value))


def _xml_fill(parent: ET.Element, data: Mapping[str, Any]) -> None:
    for name, value in data.items():
        element = ET.SubElement(parent, name)
        if isinstance(value, Mapping):
            _xml_fill(element, value)
        elif isinstance(value, Sequence) and not isinstance(value, str | bytes):
            item_name = ITEM_NAMES.get(name, "item")
            for item in value:
                child = ET.SubElement(element, item_name)
                if isinstance(item, Mapping):
                    _xml_fill(child, item)
                else:
                    child.text = _xml_text(item)
        else:
            element.text = _xml_text(value)


def to_xml(root: str, item: str | None, data: Any) -> str:
    """A document `<root><item>…</item>…</root>` (or `<root>…</root>` for one mapping)."""
    element = ET.Element(root)
    if item is None:
        _xml_fill(element, data)
    else:
        for entry in data:
            _xml_fill(ET.SubElement(element, item), entry)
    return XML_DECLARATION + ET.tostring(element, encoding="unicode")


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return w3c_datetime(value)
    raise TypeError(f"not serialisable: {type(value).__name__}")


def to_json(data: Any) -> bytes:
    """UTF-8 JSON, compact; datetimes in the W3C form the XML uses (not orjson's own)."""
    return orjson.dumps(data, default=_json_default, option=orjson.OPT_PASSTHROUGH_DATETIME)


def render(fmt: str, data: Any, *, root: str, item: str | None, status: int = 200) -> HttpResponse:
    """The response in the requested format; `item=None` renders one mapping (not a list)."""
    body = to_xml(root, item, data) if fmt == "xml" else to_json(data)
    response = HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])
    response["Access-Control-Allow-Origin"] = "*"
    return response


def render_stream(
    fmt: str, chunks: Iterable[Sequence[Mapping[str, Any]]], *, root: str, item: str
) -> StreamingHttpResponse:
    """A list answered as it is read: the same document as `render`, written chunk by chunk
    (so a 1000-item answer never sits whole in memory, and its first bytes leave at once)."""

    def json_body() -> Iterator[bytes]:
        yield b"["
        separator = b""
        for chunk in chunks:
            if chunk:
                yield separator + to_json(list(chunk))[1:-1]  # the array's items
                separator = b","
        yield b"]"

    def xml_body() -> Iterator[bytes]:
        yield f"{XML_DECLARATION}<{root}>".encode()
        for chunk in chunks:
            parent = ET.Element(root)
            for entry in chunk:
                _xml_fill(ET.SubElement(parent, item), entry)
            yield b"".join(
                ET.tostring(child, encoding="utf-8", xml_declaration=False) for child in parent
            )
        yield f"</{root}>".encode()

    response = StreamingHttpResponse(
        xml_body() if fmt == "xml" else json_body(), content_type=CONTENT_TYPES[fmt]
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def render_errors(fmt: str, status: int, descriptions: Sequence[str]) -> HttpResponse:
    """`<errors><error><code/><description/></error></errors>` or `[{code, description}]`."""
    errors = [{"code": status, "description": str(text)} for text in descriptions]
    return render(fmt, errors, root="errors", item="error", status=status)
