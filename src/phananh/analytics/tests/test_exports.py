"""The streaming CSV/XLSX exporters: content read back as a user's tools would, and memory."""

from __future__ import annotations

import csv
import io
import itertools
import tracemalloc
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
import pytest

from phananh.analytics import exports
from phananh.analytics.exports import content_disposition, stream_csv, stream_xlsx

HEADER = ["Mã", "Nội dung", "Thời điểm", "Ngày", "Số", "Tiền", "Đã xử lý", "Ghi chú"]
# 00:30 UTC is 07:30 in Hồ Chí Minh City.
AWARE = datetime(2026, 11, 28, 0, 30, tzinfo=UTC)
VIETNAMESE = "Đường Lê Lợi ngập nước, ổ gà sâu — cần xử lý gấp!"


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def xlsx(header: list[str], rows: list[list[object]], **kwargs: str) -> bytes:
    return b"".join(stream_xlsx(header, rows, **kwargs))


def sheet_xml(data: bytes, number: int = 1) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(f"xl/worksheets/sheet{number}.xml").decode()


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_has_bom_crlf_and_vietnamese_round_trips():
    data = b"".join(stream_csv(HEADER, [[1, VIETNAMESE]]))

    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\xef\xbb\xbf") == 1
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert csv_rows(data) == [HEADER, ["1", VIETNAMESE]]


def test_csv_quotes_commas_quotes_and_newlines():
    tricky = ["a,b", 'nói "không"', "dòng 1\ndòng 2", "dòng 1\r\ndòng 2", "plain"]
    data = b"".join(stream_csv(["c1", "c2", "c3", "c4", "c5"], [tricky]))

    assert csv_rows(data)[1] == tricky
    assert '"a,b","nói ""không"""' in data.decode("utf-8-sig")


def test_csv_defuses_formula_text_but_not_numbers():
    row = ['=HYPERLINK("http://x")', "+84 90", "-1+1", "@SUM(A1)", "\tx", "\rx", "an = b"]
    numbers = [-5, -1.5, Decimal("-3.20")]
    data = b"".join(stream_csv(["h"] * 10, [row + numbers]))

    got = csv_rows(data)[1]
    assert got[:7] == ["'" + text for text in row[:6]] + ["an = b"]
    assert got[7:] == ["-5", "-1.5", "-3.20"]


def test_csv_formats_dates_booleans_and_empty_cells():
    naive = datetime(2026, 1, 2, 3, 4, 5)
    row = [AWARE, naive, date(2026, 1, 2), True, False, None, 0, Decimal("12.50")]
    data = b"".join(stream_csv(["h"] * 8, [row]))

    assert csv_rows(data)[1] == [
        "2026-11-28T07:30:00+07:00",
        "2026-01-02T03:04:05",
        "2026-01-02",
        "true",
        "false",
        "",
        "0",
        "12.50",
    ]


def test_csv_streams_in_bounded_chunks():
    rows = ([i, f"{VIETNAMESE} {i}", AWARE] for i in range(50_000))
    chunks = list(stream_csv(["Mã", "Nội dung", "Lúc"], rows))

    assert len(chunks) > 5
    assert max(map(len, chunks)) <= 128 * 1024
    assert all(chunks)
    assert len(csv_rows(b"".join(chunks))) == 50_001


# --- XLSX --------------------------------------------------------------------------------------


def test_xlsx_reads_back_with_types_and_bold_header():
    row = [7, VIETNAMESE, AWARE, date(2026, 1, 2), 1.5, Decimal("12.50"), True, None]
    data = xlsx(HEADER, [row, [-5, "  thụt lề", None, None, 10**16, float("nan"), False, "x"]])

    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [cell.value for cell in ws[1]] == HEADER
    assert all(cell.font.b for cell in ws[1])
    assert not ws["A2"].font.b
    assert [cell.value for cell in ws[2]] == [
        7,
        VIETNAMESE,
        datetime(2026, 11, 28, 7, 30),  # shown at Hồ Chí Minh City time, zone dropped
        datetime(2026, 1, 2),
        1.5,
        12.5,
        True,
        None,
    ]
    assert ws["C2"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["D2"].number_format == "yyyy-mm-dd"
    # Leading blanks kept; integers past Excel's 15 digits and NaN kept exact as text.
    assert [cell.value for cell in ws[3]] == [-5, "  thụt lề", None, None, "10000000000000000",
                                              "nan", False, "x"]  # fmt: skip
    assert ws.max_row == 3


def test_xlsx_cleans_text_excel_cannot_hold():
    long_text = "ả" * 40_000
    emoji_text = "🙂" * 20_000  # 40000 UTF-16 units: Excel's limit counts those
    dirty = "a\x00b\x07c\x1fd\ud800e\ufffef\tg\nh"
    markup = "<b>Tom & Jerry</b> _x0041_"
    data = xlsx(["a", "b", "c", "d"], [[long_text, emoji_text, dirty, markup]])

    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws["A2"].value == "ả" * 32_767
    assert len(ws["B2"].value.encode("utf-16-le")) // 2 <= 32_767
    assert set(ws["B2"].value) == {"🙂"}
    assert ws["C2"].value == "abcdef\tg\nh"
    # Excel would decode a literal _x0041_ as "A", so its underscore is escaped for Excel.
    assert "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt; _x005F_x0041_" in sheet_xml(data)


def test_xlsx_sanitises_the_sheet_name():
    data = xlsx(["a"], [], sheet_name="'Phản ánh [01/2026]: tất cả?* của phường Phú Hội'")
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == [
        "Phản ánh -01-2026-- tất cả-- củ"
    ]

    assert openpyxl.load_workbook(io.BytesIO(xlsx(["a"], [], sheet_name="/?*"))).sheetnames == [
        "---"
    ]
    assert openpyxl.load_workbook(io.BytesIO(xlsx(["a"], [], sheet_name=" "))).sheetnames == [
        "Export"
    ]


def test_xlsx_freezes_the_header_row():
    data = xlsx(HEADER, [[1]])

    assert openpyxl.load_workbook(io.BytesIO(data)).active.freeze_panes == "A2"
    assert (
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    ) in sheet_xml(data)


def test_xlsx_is_a_plain_zip32_package_excel_accepts():
    data = xlsx(HEADER, [[1, VIETNAMESE]])

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.filename for info in infos} >= {
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
    }
    # Excel rejects or "repairs" Zip64 members it did not need; small exports carry none.
    assert all(info.extract_version == 20 and info.extra == b"" for info in infos)
    assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in infos)
    assert b"PK\x06\x06" not in data  # no Zip64 end-of-central-directory record


def test_xlsx_with_no_rows_has_just_the_header():
    ws = openpyxl.load_workbook(io.BytesIO(xlsx(HEADER, []))).active
    assert ws.max_row == 1
    assert [cell.value for cell in ws[1]] == HEADER


def test_xlsx_spills_rows_past_excel_limit_into_further_sheets(monkeypatch):
    monkeypatch.setattr(exports, "_MAX_ROWS_PER_SHEET", 4)  # header + 3 rows per sheet
    data = xlsx(["n"], [[i] for i in range(10)], sheet_name="x" * 40)

    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["x" * 31, "x" * 27 + " (2)", "x" * 27 + " (3)", "x" * 27 + " (4)"]
    values = [[row[0] for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets]
    assert values == [["n", 0, 1, 2], ["n", 3, 4, 5], ["n", 6, 7, 8], ["n", 9]]
    assert all(ws.freeze_panes == "A2" for ws in wb.worksheets)


def test_xlsx_refuses_more_columns_than_excel_before_streaming():
    with pytest.raises(ValueError, match="16384"):
        stream_xlsx(["c"] * 16_385, [])


def test_xlsx_yields_its_first_chunk_long_before_the_rows_run_out():
    consumed = 0

    def rows() -> Iterator[list[object]]:
        nonlocal consumed
        for i in range(200_000):
            consumed += 1
            yield [i, f"{VIETNAMESE} {i}", AWARE]

    chunks = stream_xlsx(["Mã", "Nội dung", "Lúc"], rows())
    assert consumed == 0  # nothing is read until the response asks for bytes
    seen_at = []
    for chunk in chunks:
        seen_at.append((consumed, len(chunk)))
        if consumed:
            break
    chunks.close()

    assert seen_at[0][0] == 0  # the package's fixed parts go out before any query row
    # The first chunk of sheet data leaves after a few thousand of the 200000 rows.
    assert 0 < seen_at[-1][0] < 20_000
    assert seen_at[-1][1] <= 128 * 1024


def test_xlsx_streams_200k_rows_in_constant_memory():
    # One row object repeated lazily: the harness itself then allocates nothing per row, so the
    # traced peak is the exporter's alone (and tracemalloc's slowdown stays affordable).
    rows = itertools.repeat([12345, "Phản ánh về đường phố"], 200_000)
    total = 0
    count = 0
    tracemalloc.start()
    try:
        for chunk in stream_xlsx(["Mã", "Nội dung"], rows):
            total += len(chunk)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 20 * 1024 * 1024
    # Stricter: less than the finished file itself, so neither it nor the sheet was held whole.
    assert peak < total
    assert count > 10
    assert total > 1024 * 1024


# --- Content-Disposition -----------------------------------------------------------------------


def test_content_disposition_vietnamese_filename():
    assert content_disposition("phản-ánh 2026.xlsx") == (
        'attachment; filename="phan-anh 2026.xlsx"; '
        "filename*=UTF-8''ph%E1%BA%A3n-%C3%A1nh%202026.xlsx"
    )
    assert content_disposition("Đơn đề nghị.csv").startswith(
        'attachment; filename="Don de nghi.csv";'
    )


def test_content_disposition_cannot_break_the_header():
    value = content_disposition('../a"b\\c;d%e\r\nSet-Cookie: x=1.csv')

    assert "\r" not in value and "\n" not in value
    fallback = value.split('filename="', 1)[1].split('"', 1)[0]
    assert fallback == ".._a_b_c_d_eSet-Cookie_ x=1.csv"
    assert value.endswith("filename*=UTF-8''.._a%22b_c%3Bd%25eSet-Cookie%3A%20x%3D1.csv")
    assert content_disposition("") == "attachment; filename=\"download\"; filename*=UTF-8''download"


def test_xlsx_spills_before_a_sheet_part_outgrows_zip32(monkeypatch):
    monkeypatch.setattr(exports, "_MAX_SHEET_BYTES", 3000)
    rows = [[i, f"{VIETNAMESE} {i}"] for i in range(40)]
    data = xlsx(["n", "text"], rows)

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [info for info in archive.infolist() if info.filename.startswith("xl/worksheets/")]
    assert len(sheets) > 3
    assert all(info.file_size <= 3000 for info in sheets)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    got = [row for ws in wb.worksheets for row in ws.iter_rows(min_row=2, values_only=True)]
    assert [list(row) for row in got] == rows
