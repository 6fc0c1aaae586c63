"""Streaming CSV and XLSX exports of tabular rows, in constant memory.

This module is the exporters' public face and the XLSX writer; CSV is in `exports_csv`, what
both share (cell values, chunk size, clock zone, Content-Disposition) in `exports_common`.
Nothing else of phananh is imported, so the view that wraps these generators in a
StreamingHttpResponse owns the query, the permissions and the headers.
"""

from __future__ import annotations

import math
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from itertools import chain
from typing import Any

from stream_zip import ZIP_AUTO, MemberFile, stream_zip

from phananh.analytics.exports_common import (
    CHUNK_SIZE,
    Value,
    content_disposition,
    export_zone,
    to_local,
)
from phananh.analytics.exports_csv import stream_csv

__all__ = ["Value", "content_disposition", "stream_csv", "stream_xlsx"]

# Excel's hard limits (rows include the header row).
_MAX_ROWS_PER_SHEET = 1_048_576
_MAX_COLUMNS = 16_384
_MAX_CELL_CHARS = 32_767
_MAX_SHEET_NAME = 31
# Largest member stream-zip still writes as plain Zip32 (its ZIP_AUTO bound). A sheet is closed
# before its XML grows past it, so every sheet is a Zip32 member, which every Excel opens;
# stream-zip switches to Zip64 by itself only once the archive passes 4 GiB of compressed data.
_MAX_SHEET_BYTES = 4_293_656_841
# zlib level 6 is most of level 9's ratio on XML at a fraction of the CPU per request.
_DEFLATE_LEVEL = 6

# Characters that XML 1.0 forbids (control chars except \t \n \r, lone surrogates, U+FFFE/F).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Excel decodes _xHHHH_ inside any string, so a literal one must have its "_" escaped.
_XL_ESCAPE = re.compile("_(x[0-9A-Fa-f]{4}_)")
_TEXT_NEEDS_WORK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff&<>]")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Integers beyond this lose digits as Excel doubles (15 significant digits), so they stay text.
_MAX_EXACT_INT = 10**15
_MIN_EXACT_INT = -_MAX_EXACT_INT
# Below this length a str cannot exceed the cell limit even in UTF-16 units (kept as a constant
# because the hot path runs once per cell).
_SAFE_CELL_CHARS = _MAX_CELL_CHARS // 2
# Excel serial numbers count days from 1899-12-30; before 1900-03-01 its fictional 1900-02-29
# shifts them, so such old values are written as text rather than as a wrong date.
_EXCEL_EPOCH_ORDINAL = date(1899, 12, 30).toordinal()
_FIRST_EXACT_SERIAL = date(1900, 3, 1).toordinal() - _EXCEL_EPOCH_ORDINAL

_STYLE_HEADER = 1
_STYLE_DATETIME = 2
_STYLE_DATE = 3

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# The number of sheets is only known once the rows run out, so worksheets are typed by the
# "xml" default and every other .xml part gets an override; that way this part can go first,
# where file-type sniffers look for it.
_CONTENT_TYPES = (
    _XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)

_ROOT_RELS = (
    _XML_DECL + f'<Relationships xmlns="{_NS_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_NS_REL}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    "</Relationships>"
)

_STYLES = (
    _XML_DECL + f'<styleSheet xmlns="{_NS_MAIN}">'
    '<numFmts count="2">'
    '<numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/>'
    "</numFmts>"
    '<fonts count="2">'
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    "</fonts>"
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

_SHEET_TAIL = b"</sheetData></worksheet>"
# Rows are buffered as text; Vietnamese averages well under 2 bytes a character in UTF-8, so
# this many characters make a chunk of roughly CHUNK_SIZE bytes.
_CHUNK_CHARS = CHUNK_SIZE // 2

_FILE_MODE = stat.S_IFREG | 0o644
_END = object()


def _xml_attr(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _clean_text(text: str) -> str:
    if _XML_ILLEGAL.search(text):
        text = _XML_ILLEGAL.sub("", text)
    if len(text) > _SAFE_CELL_CHARS:
        # Excel counts UTF-16 units, so an astral character (emoji) takes two of the 32767;
        # "ignore" drops a surrogate pair the cut splits in half.
        units = text.encode("utf-16-le")
        if len(units) > 2 * _MAX_CELL_CHARS:
            text = units[: 2 * _MAX_CELL_CHARS].decode("utf-16-le", "ignore")
    return text


def _escape_text(text: str) -> str:
    text = _XL_ESCAPE.sub(r"_x005F_\1", _clean_text(text))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text_cell(col: str, row: str, text: str, style: str = "") -> str:
    # Most cells are short plain text: one regex scan proves they need no rewriting.
    if len(text) > _SAFE_CELL_CHARS or "_x" in text or _TEXT_NEEDS_WORK.search(text):
        text = _escape_text(text)
    # Without xml:space Excel trims leading/trailing blanks and newlines of the text.
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<c r="{col}{row}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _serial(value: datetime) -> float:
    seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    return value.toordinal() - _EXCEL_EPOCH_ORDINAL + seconds / 86400


def _bool_cell(col: str, row: str, value: bool) -> str:
    return f'<c r="{col}{row}" t="b"><v>{int(value)}</v></c>'


def _int_cell(col: str, row: str, value: int) -> str:
    if _MIN_EXACT_INT < value < _MAX_EXACT_INT:
        return f'<c r="{col}{row}" t="n"><v>{value}</v></c>'
    return _text_cell(col, row, str(value))


def _float_cell(col: str, row: str, value: float) -> str:
    # NaN and infinities have no Excel representation and would make the file corrupt.
    if math.isfinite(value):
        return f'<c r="{col}{row}" t="n"><v>{value!r}</v></c>'
    return _text_cell(col, row, str(value))


def _decimal_cell(col: str, row: str, value: Decimal) -> str:
    if value.is_finite():
        return f'<c r="{col}{row}" t="n"><v>{value}</v></c>'
    return _text_cell(col, row, str(value))


def _datetime_cell(col: str, row: str, value: datetime, zone: tzinfo) -> str:
    # Excel has no time zones: the serial number is the local wall-clock time.
    serial = _serial(to_local(value, zone))
    if serial < _FIRST_EXACT_SERIAL:
        return _text_cell(col, row, to_local(value, zone).replace(tzinfo=None).isoformat(sep=" "))
    return f'<c r="{col}{row}" s="{_STYLE_DATETIME}" t="n"><v>{serial!r}</v></c>'


def _date_cell(col: str, row: str, value: date) -> str:
    serial = value.toordinal() - _EXCEL_EPOCH_ORDINAL
    if serial < _FIRST_EXACT_SERIAL:
        return _text_cell(col, row, value.isoformat())
    return f'<c r="{col}{row}" s="{_STYLE_DATE}" t="n"><v>{serial}</v></c>'


_CellBuilder = Callable[[str, str, Any], str]


def _cell_builders(zone: tzinfo) -> tuple[dict[type, _CellBuilder], _CellBuilder]:
    """The cell writers by exact type (one dict hit per cell, as for CSV), and the fallback."""

    def datetime_cell(col: str, row: str, value: datetime) -> str:
        return _datetime_cell(col, row, value, zone)

    # The order is the isinstance order other_cell needs.
    builders: dict[type, _CellBuilder] = {
        str: _text_cell,
        bool: _bool_cell,
        int: _int_cell,
        float: _float_cell,
        Decimal: _decimal_cell,
        datetime: datetime_cell,
        date: _date_cell,
    }

    def other_cell(col: str, row: str, value: object) -> str:
        # Subclasses (TextChoices, IntEnum...) miss the exact-type table; bool goes before int
        # and datetime before date because each is a subclass of the other.
        for kind, build in builders.items():
            if isinstance(value, kind):
                return build(col, row, value)
        # Lazy translations, UUIDs and the like are shown as their text.
        return _text_cell(col, row, str(value))

    return builders, other_cell


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _display_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return len(str(value))


def _sanitise_sheet_name(name: str) -> str:
    name = _SHEET_NAME_FORBIDDEN.sub("-", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    # Excel refuses names that begin or end with an apostrophe, and reserves "History".
    name = name.strip().strip("'").strip()[:_MAX_SHEET_NAME].rstrip().rstrip("'")
    if not name or name.casefold() == "history":
        return "Export"
    return name


def _numbered_sheet_name(base: str, number: int) -> str:
    if number == 1:
        return base
    suffix = f" ({number})"
    return base[: _MAX_SHEET_NAME - len(suffix)].rstrip().rstrip("'") + suffix


class _SheetWriter:
    """Turns the row iterator into one or more worksheet parts, each within Excel's limits."""

    def __init__(
        self, header: Sequence[str], rows: Iterable[Sequence[Value]], zone: tzinfo
    ) -> None:
        self._rows = iter(rows)
        self._builders, self._other_cell = _cell_builders(zone)
        self._header = [str(name) for name in header]
        self._letters = [_column_letter(i) for i in range(len(self._header))]
        # A row that did not fit in the previous sheet opens the next one.
        self._carry: Any = _END
        self._head: bytes | None = None
        self.exhausted = False

    def _ensure_letters(self, count: int) -> None:
        if count > _MAX_COLUMNS:
            raise ValueError(f"a row has {count} cells; Excel allows at most {_MAX_COLUMNS}")
        while len(self._letters) < count:
            self._letters.append(_column_letter(len(self._letters)))

    def _row(self, number: int, values: Sequence[Value]) -> str:
        if len(values) > len(self._letters):
            self._ensure_letters(len(values))
        r = str(number)
        letters = self._letters
        builders = self._builders
        other_cell = self._other_cell
        cells = [
            builders.get(type(v), other_cell)(letters[i], r, v)
            for i, v in enumerate(values)
            if v is not None
        ]
        return f'<row r="{r}">{"".join(cells)}</row>'

    def _header_row(self) -> bytes:
        style = f' s="{_STYLE_HEADER}"'
        cells = "".join(
            _text_cell(self._letters[i], "1", name, style) for i, name in enumerate(self._header)
        )
        return f'<row r="1">{cells}</row>'.encode()

    def _sheet_head(self, first: Sequence[Value] | None) -> bytes:
        # Column widths must precede the data, so they are guessed from the header and the
        # first row; without them Excel shows a datetime in a default-width column as "####".
        first = first or ()
        cols = []
        for i, name in enumerate(self._header):
            value = first[i] if i < len(first) else None
            width = min(60, max(10, len(name) + 2, _display_width(value) + 2))
            cols.append(f'<col min="{i + 1}" max="{i + 1}" width="{width}" customWidth="1"/>')
        return (
            _XML_DECL + f'<worksheet xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">'
            '<sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            "</sheetView></sheetViews>"
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{''.join(cols)}</cols>" if cols else "")
            + "<sheetData>"
        ).encode()

    def chunks(self) -> Iterator[bytes]:
        """The XML of the next worksheet, in chunks of about CHUNK_SIZE bytes."""
        if self._head is None:
            # Peeked for the column widths, then written as the sheet's first row.
            self._carry = next(self._rows, _END)
            self._head = self._sheet_head(None if self._carry is _END else self._carry)
        head = self._head + self._header_row()
        # Rows are kept as str and encoded a chunk at a time (one allocation fewer per row);
        # a str of n characters is at most 4n UTF-8 bytes, which bounds the sheet's size.
        # Characters that may still be buffered before the sheet could pass _MAX_SHEET_BYTES.
        room = (_MAX_SHEET_BYTES - len(_SHEET_TAIL) - len(head)) // 4
        buffer: list[str] = []
        buffered = 0
        number = 1
        rows = self._rows if self._carry is _END else chain((self._carry,), self._rows)
        self._carry = _END
        yield head
        for values in rows:
            if number == _MAX_ROWS_PER_SHEET:
                self._carry = values
                break
            number += 1
            row = self._row(number, values)
            buffered += len(row)
            # A row that alone overflows an empty sheet is written anyway rather than loop.
            if buffered > room and number > 2:
                self._carry = values
                break
            buffer.append(row)
            if buffered >= _CHUNK_CHARS:
                data = "".join(buffer).encode()
                buffer.clear()
                room -= (len(data) + 3) // 4
                buffered = 0
                yield data
        else:
            self.exhausted = True
        yield "".join(buffer).encode() + _SHEET_TAIL


def _workbook(names: Sequence[str]) -> str:
    sheets = "".join(
        f'<sheet name="{_xml_attr(name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(names, start=1)
    )
    return (
        _XML_DECL + f'<workbook xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{sheets}</sheets></workbook>"
    )


def _workbook_rels(count: int) -> str:
    sheets = "".join(
        f'<Relationship Id="rId{i}" Type="{_NS_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    return (
        _XML_DECL + f'<Relationships xmlns="{_NS_PKG_REL}">{sheets}'
        f'<Relationship Id="rId{count + 1}" Type="{_NS_REL}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )


def _core_properties(now: datetime) -> str:
    stamp = now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        _XML_DECL + "<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _members(
    header: Sequence[str],
    rows: Iterable[Sequence[Value]],
    base_name: str,
    *,
    now: datetime,
    zone: tzinfo,
) -> Iterator[MemberFile]:
    def small(name: str, text: str) -> MemberFile:
        data = text.encode()
        return name, now, _FILE_MODE, ZIP_AUTO(len(data), level=_DEFLATE_LEVEL), (data,)

    # Content types first and an xl/ part among the next few: that is where sniffers
    # (libmagic, the filetype package) look to tell an .xlsx from any other zip.
    yield small("[Content_Types].xml", _CONTENT_TYPES)
    yield small("_rels/.rels", _ROOT_RELS)
    yield small("xl/styles.xml", _STYLES)
    yield small("docProps/core.xml", _core_properties(now))

    writer = _SheetWriter(header, rows, zone)
    names: list[str] = []
    while not writer.exhausted:
        names.append(_numbered_sheet_name(base_name, len(names) + 1))
        # The declared size is an upper bound the writer guarantees, which lets ZIP_AUTO pick
        # Zip32 without knowing the real size up front.
        method = ZIP_AUTO(_MAX_SHEET_BYTES, level=_DEFLATE_LEVEL)
        yield f"xl/worksheets/sheet{len(names)}.xml", now, _FILE_MODE, method, writer.chunks()
        # stream_zip drains a member's chunks before asking for the next member, so by now
        # `exhausted` tells whether the rows ran out or another sheet is needed.

    yield small("xl/workbook.xml", _workbook(names))
    yield small("xl/_rels/workbook.xml.rels", _workbook_rels(len(names)))


def stream_xlsx(
    header: Sequence[str], rows: Iterable[Sequence[Value]], *, sheet_name: str = "Export"
) -> Iterator[bytes]:
    """A valid .xlsx workbook streamed as it is written (constant memory)."""
    # Checked now, not on first iteration: once streaming starts the 200 is already sent.
    if len(header) > _MAX_COLUMNS:
        raise ValueError(f"{len(header)} columns; Excel allows at most {_MAX_COLUMNS}")
    # The parts' timestamps and the times in the cells are both the export zone's wall clock.
    zone = export_zone()
    now = datetime.now(zone).replace(microsecond=0)
    members = _members(header, rows, _sanitise_sheet_name(sheet_name), now=now, zone=zone)
    return iter(stream_zip(members, chunk_size=CHUNK_SIZE, extended_timestamps=False))
