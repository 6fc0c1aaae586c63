"""Search that ignores diacritics, on the real full-text index of each database."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.http import QueryDict
from django.urls import reverse

from phananh.core import clock
from phananh.reports.actions.triage import report_answer_info, report_assign, report_request_info
from phananh.reports.filters import ReportFilter
from phananh.reports.models import Report
from phananh.reports.search import (
    NEWEST_WEEKS,
    SEARCH_LEXEMES,
    newest_matches,
    report_search,
    search_words,
    week_of,
)

pytestmark = pytest.mark.django_db


def newest_weeks_queries() -> int:
    from django.db import connection

    # The newest submission, each span, and the words' statistics (once an hour per process).
    return 2 + len(NEWEST_WEEKS) if connection.vendor == "postgresql" else 0


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
    # The page's ids, its reports, their photos; the pickers' copies (three queries, once). On
    # PostgreSQL, the newest submission's week and each span of NEWEST_WEEKS before the rest.
    with django_assert_max_num_queries(6 + newest_weeks_queries()):
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
        cursor.execute("SET LOCAL enable_seqscan = off")
        queries = [
            report_search(Report.objects.order_by(), "cay do").values("id"),
            # What newest_matches asks for a span of weeks: the same indexed expression.
            Report.objects.order_by()
            .alias(
                _in_weeks=RawSQL(
                    f"{SEARCH_LEXEMES} @@ %s::tsquery", ["'cay_1' | 'cay_2'"], BooleanField()
                )
            )
            .filter(_in_weeks=True)
            .values("id"),
        ]
        for query in queries:
            sql, params = query.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "report_search_week_idx" in plan, plan
            # The stored column, never the vector computed again.
            assert not re.search(r"\bto_tsvector\(", plan), plan
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname LIKE 'report_search%%'")
        (definition,) = (row[0] for row in cursor.fetchall())
    assert "gin (phananh_search_lexemes(search_vector, submitted_at))" in definition


def test_each_word_is_indexed_again_with_its_week(submit):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the week's lexemes are PostgreSQL's")
    # Sunday 23:30 in St John's is Monday 03:00 in UTC: the week the index counts is UTC's.
    late = datetime(2026, 3, 8, 23, 30, tzinfo=ZoneInfo("America/St_Johns"))
    with clock.at(late):
        report = submit(text="Cống tắc")
    week = week_of(late)
    assert week == (date(2026, 3, 9) - date(2000, 1, 3)).days // 7
    assert week == week_of(datetime(2026, 3, 15, 23, 59, tzinfo=UTC))
    assert week - 1 == week_of(datetime(2026, 3, 8, 23, 59, tzinfo=UTC))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {SEARCH_LEXEMES}::text FROM reports_report WHERE id = %s", [report.pk]
        )
        lexemes = {lexeme.split(":")[0] for lexeme in cursor.fetchone()[0].split()}
    assert {"'cong'", "'tac'", f"'cong_{week}'", f"'tac_{week}'"} <= lexemes


@pytest.mark.parametrize("limit", [1, 3, 4, 6, 9, 12])
def test_the_newest_matches_come_in_one_order_across_the_weeks_searched(submit, limit):
    # Matches this week, last week, in each span of NEWEST_WEEKS and long before, with others.
    now = clock.now()
    for days_ago in (0, 0, 1, 9, 13, 14, 15, 69, 70, 71, 400, 0.5):
        with clock.at(now - timedelta(days=days_ago)):
            submit(text=f"Rác thải {days_ago} ngày")
            submit(text="Karaoke")
    newest_first = Report.objects.order_by("-submitted_at", "-id")
    every = list(report_search(newest_first, "rac thai").values_list("pk", flat=True))
    assert len(every) == 12
    assert newest_matches(newest_first, "rac thai", limit) == every[:limit]
    # From a page's cursor on: the spans count back from the cursor's week.
    middle = Report.objects.get(pk=every[4])
    after = newest_first.filter(
        Q(submitted_at__lt=middle.submitted_at)
        | Q(submitted_at=middle.submitted_at, id__lt=middle.pk)
    )
    assert newest_matches(after, "rac thai", limit) == every[5 : 5 + limit]
    moment = middle.submitted_at
    assert newest_matches(after, "rac thai", limit, before=moment) == every[5 : 5 + limit]
    assert newest_matches(newest_first, "khong co", limit) == []
    assert newest_matches(newest_first, "rac karaoke", limit) == []


def test_common_words_walk_the_newest_first_index_in_one_query(submit, django_assert_num_queries):
    from django.db import connection

    from phananh.reports import search

    now = clock.now()
    for days_ago in (0, 3, 30, 300):
        with clock.at(now - timedelta(days=days_ago)):
            submit(text="Rác thải ở chợ")
            submit(text="Rác thải bên sông")
            submit(text="Karaoke đến khuya")
            submit(text="Cống tắc")
            for _ in range(6):
                submit(text="Cây đổ")
    newest_first = Report.objects.order_by("-submitted_at", "-id")
    every = list(report_search(newest_first, "rac").values_list("pk", flat=True))
    assert len(every) == 8
    if connection.vendor != "postgresql":
        # SQLite: every search is one query of its FTS5 table, common words or not.
        for words in ("rac", "karaoke cong"):
            with django_assert_num_queries(1):
                found = newest_matches(newest_first, words, 5)
            assert (
                found == list(report_search(newest_first, words).values_list("pk", flat=True))[:5]
            )
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_report")
    search._statistics = (-search.STATISTICS_SECONDS, {})  # read again now
    with django_assert_num_queries(2):  # the statistics, then one walk: no span of weeks
        assert newest_matches(newest_first, "rac", 5) == every[:5]
    assert search._held_by(["rac"]) >= search.COMMON_SHARE  # a fifth of the reports
    with django_assert_num_queries(1):  # the statistics are this process's for an hour
        assert newest_matches(newest_first, "rac", 3) == every[:3]
    # Rare together (a tenth of the reports each: 1 %): searched by spans of weeks.
    assert search._held_by(["karaoke", "cong"]) < search.COMMON_SHARE
    with django_assert_num_queries(2 + len(NEWEST_WEEKS)):
        assert newest_matches(newest_first, "karaoke cong", 5) == []
