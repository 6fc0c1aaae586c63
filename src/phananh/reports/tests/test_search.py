"""Search that ignores diacritics, on the real full-text index of each database."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.urls import reverse

from phananh.reports.actions.triage import report_answer_info, report_assign, report_request_info
from phananh.reports.filters import ReportFilter
from phananh.reports.models import Report
from phananh.reports.search import report_search, search_words

pytestmark = pytest.mark.django_db


def found(query: str) -> set[str]:
    return set(report_search(Report.objects.all(), query).values_list("text", flat=True))


@pytest.fixture
def texts(submit):
    for text in (
        "Đường Lê Lợi ngập sâu sau mưa, xe máy chết máy",
        "Rác thải bốc mùi ở chợ Đông Ba",
        "Street light broken near Trường Tiền bridge",
        "Karaoke ồn ào đến 1 giờ sáng",
    ):
        submit(text=text)


def test_words_are_folded_and_bounded():
    assert search_words("ĐƯỜNG  Ngập!!") == ["duong", "ngap"]
    assert search_words("a b rác") == ["rac"]
    assert len(search_words(" ".join(f"word{i}" for i in range(20)))) == 8


def test_search_ignores_diacritics_and_case(texts):
    flooded = "Đường Lê Lợi ngập sâu sau mưa, xe máy chết máy"
    assert found("duong ngap") == {flooded}
    assert found("ĐƯỜNG NGẬP") == {flooded}
    assert found("Duong Le Loi") == {flooded}
    assert found("rac dong ba") == {"Rác thải bốc mùi ở chợ Đông Ba"}
    assert found("truong tien light") == {"Street light broken near Trường Tiền bridge"}


def test_every_word_must_appear_as_a_whole_word(texts):
    assert found("duong rac") == set()
    assert found("karaoke") == {"Karaoke ồn ào đến 1 giờ sáng"}
    assert found("ngap") == {"Đường Lê Lợi ngập sâu sau mưa, xe máy chết máy"}
    # Not a prefix: a common syllable's prefix is a union the index cannot intersect cheaply.
    assert found("karaok") == set()
    assert found("duon ngap") == set()


def test_a_tracking_code_finds_its_report(submit):
    report = submit(text="Cây đổ")
    assert list(report_search(Report.objects.all(), report.code.lower())) == [report]


@pytest.mark.parametrize(
    "hostile",
    ['"', "'", "*", "NEAR(", "duong OR 1=1", "a:* | !b", "(((", "-", "^", "; DROP TABLE x", "%_"],
)
def test_hostile_queries_never_break(texts, hostile):
    # Whatever the input, the query runs and answers with a (possibly empty) result.
    result = list(report_search(Report.objects.all(), hostile))
    assert all(isinstance(r, Report) for r in result)


def test_the_index_follows_text_changes(submit, people):
    report = submit(text="Cống bị tắc")
    report = report_request_info(report=report, actor=people["operator"], question="Ở đâu?")
    report_answer_info(report=report, actor=people["reporter"], answer="Trước số 12 Hùng Vương")
    assert found("hung vuong") == {"Cống bị tắc"}
    Report.objects.filter(pk=report.pk).delete()
    assert found("hung vuong") == set()


def test_filter_q_on_the_public_list(client, submit, people, django_assert_max_num_queries):
    for text in ("Ổ gà lớn giữa đường Hùng Vương", "Cây xanh gãy cành"):
        report_assign(report=submit(text=text), actor=people["operator"])
    filters = ReportFilter.from_query(QueryDict("q=o+ga+hung+vuong"))
    assert filters.q == "o ga hung vuong"
    # The page's ids, its reports, their photos; the pickers' copies (three queries, once).
    with django_assert_max_num_queries(6):
        response = client.get(reverse("publication:report-list"), {"q": "o ga hung vuong"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hùng Vương" in body and "Cây xanh" not in body


def test_postgresql_stores_the_vector_the_index_reads(submit, people):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the stored vector column is PostgreSQL's (SQLite keeps FTS5)")
    report = submit(text="Đèn đường hỏng trên cầu Trường Tiền")
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM reports_report WHERE id = %s", [report.pk])
        (vector,) = cursor.fetchone()
    assert "'den'" in vector and "'truong'" in vector
    assert found("den duong hong") == {"Đèn đường hỏng trên cầu Trường Tiền"}
    Report.objects.filter(pk=report.pk).update(search_text="cay do")  # no save(), no signal
    assert found("den duong") == set() and found("cay do") == {report.text}
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN SELECT id FROM reports_report WHERE search_vector @@ to_tsquery('simple', 'x')"
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'report_search_vector_idx'"
        )
        assert "gin (search_vector)" in cursor.fetchone()[0]
    assert "to_tsvector" not in plan  # the stored column, never the vector computed again
