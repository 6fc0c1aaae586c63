"""Text search over reports that ignores diacritics: "duong ngap" finds "Đường ngập".

`Report.search_text` holds the folded text (`core.text.fold`). PostgreSQL stores its `simple`
vector (no stemming, the words as written) in the generated column `search_vector` (migration
0018; Django does not know the column) and indexes it with each word again tagged with the
report's week (`SEARCH_LEXEMES`, migration 0022); SQLite keeps an FTS5 table by triggers
(migration 0004). A migration that makes Django rebuild reports_report on SQLite (a NOT NULL or
unique new column) drops those triggers: add columns nullable and uniqueness as partial
constraints; tests/test_search.py catches it.

Every word of the query must appear, as a whole word. Not as a prefix: a prefix of a common
syllable ("hong:*") is a union of every word it begins, which the index cannot intersect
cheaply; at ten million reports one such query took five seconds.

The newest matches first (`newest_matches`, the public list): on PostgreSQL the words are looked
for in the last two weeks' lexemes ("den_1404 & duong_1404 & hong_1404"), then in the eight weeks
before, then in the rest of the table, stopping once the page is full. Common words ("đèn đường
hỏng": 10,000 of ten million reports) then meet in one week's short posting lists, instead of
over the whole table.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime, timedelta

from django.db import connection
from django.db.models import BooleanField, Max, QuerySet
from django.db.models.expressions import RawSQL

from phananh.core.text import fold

MAX_WORDS = 8
_WORD = re.compile(r"[0-9a-z]+")
_CODE = re.compile(r"^[a-z]{1,6}-[0-9a-z]{4,12}$", re.IGNORECASE)

# PostgreSQL: what report_search_week_idx indexes (migration 0022): the words, and each word
# again as "<word>_<weeks since WEEK_ZERO>" of the UTC day the report was submitted.
SEARCH_LEXEMES = (
    'phananh_search_lexemes("reports_report"."search_vector", "reports_report"."submitted_at")'
)
WEEK_ZERO = date(2000, 1, 3)  # a Monday
# The weeks searched first, newest first, before the rest of the table.
NEWEST_WEEKS = (2, 8)
# Words held together by more than this share of reports are found sooner walking down the
# newest-first index, checking the stored column of each row (a few hundred rows), than through a
# span of weeks, which reads every match of the span to sort them (18,000 rows for "không" at ten
# million reports: 130 ms against 2 ms).
COMMON_SHARE = 0.02
# PostgreSQL's statistics of the words (ANALYZE), read again at most every STATISTICS_SECONDS.
STATISTICS_SECONDS = 3600.0
_statistics: tuple[float, dict[str, float]] = (-STATISTICS_SECONDS, {})


def search_words(query: str) -> list[str]:
    """The folded words of a query, at most eight, one-letter words dropped when others exist."""
    words = [w[:40] for w in _WORD.findall(fold(query or ""))]
    longer = [w for w in words if len(w) > 1]
    return (longer or words)[:MAX_WORDS]


def report_search(reports: QuerySet, query: str) -> QuerySet:
    """Narrow `reports` to those whose text contains every word of `query` (diacritics ignored).

    A tracking code ("PA-7K2M9Q") matches that report exactly.
    """
    query = (query or "").strip()
    if _CODE.match(query):
        return reports.filter(code=query.upper())
    words = search_words(query)
    if not words:
        return reports
    if connection.vendor == "postgresql":
        return _postgresql_matches(reports, words, _all_of(words))
    if connection.vendor == "sqlite":
        match = " AND ".join(f'"{word}"' for word in words)
        return reports.filter(
            id__in=RawSQL(
                "SELECT rowid FROM reports_report_fts WHERE reports_report_fts MATCH %s", [match]
            )
        )
    for word in words:  # any other database: correct, unindexed
        reports = reports.filter(search_text__contains=word)
    return reports


def _all_of(words: list[str], week: int | None = None) -> str:
    """The tsquery text of every word (tagged with `week`); words are [0-9a-z]+, nothing to
    quote."""
    tag = "" if week is None else f"_{week}"
    return " & ".join(f"'{word}{tag}'" for word in words)


def _postgresql_matches(reports: QuerySet, words: list[str], indexed: str) -> QuerySet:
    """`reports` holding every word, found through the index by the tsquery text `indexed`.

    The stored column is asked too. PostgreSQL checks the cheaper condition first on each row it
    reads: a walk down the newest-first index (common words) computes the indexed expression, a
    function call of ~15 µs, only for the rows that hold the words; a bitmap scan of the index
    (rarer ones) checks the stored column, microseconds, on the rows it found.
    """
    return reports.alias(
        _holds=RawSQL(
            '"reports_report"."search_vector" @@ %s::tsquery', [_all_of(words)], BooleanField()
        ),
        # SEARCH_LEXEMES is this module's constant; the query is a parameter.
        _found=RawSQL(f"{SEARCH_LEXEMES} @@ %s::tsquery", [indexed], BooleanField()),  # noqa: S611
    ).filter(_holds=True, _found=True)


def _word_shares() -> dict[str, float]:
    """The share of reports holding each of the commonest words, from PostgreSQL's statistics
    of search_vector (the ones the planner reads), kept by this process for an hour."""
    global _statistics
    read_at, shares = _statistics
    if time.monotonic() - read_at < STATISTICS_SECONDS:
        return shares
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = 'reports_report' "
            "AND attname = 'search_vector'"
        )
        row = cursor.fetchone()
    # The frequencies end with three more numbers (their minimum, maximum, nulls): zip drops them.
    shares = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
    _statistics = (time.monotonic(), shares)
    return shares


def _held_by(words: list[str]) -> float:
    """About what share of reports hold every word (as if the words were independent)."""
    shares = _word_shares()
    share = 1.0
    for word in words:
        share *= shares.get(word, 0.0)
    return share


def week_of(moment: datetime) -> int:
    """The week a moment falls in, as the index counts it (UTC weeks since WEEK_ZERO)."""
    return (moment.astimezone(UTC).date() - WEEK_ZERO).days // 7


def newest_matches(
    reports: QuerySet, query: str, limit: int, *, before: datetime | None = None
) -> list[int]:
    """The ids of the first `limit` reports of `reports` that match `query`, newest first.

    `reports` is ordered newest submission first, with any other filter or page cursor, and not
    yet searched; `before` is the page cursor's moment, if `reports` stops at one. On PostgreSQL,
    words that are not common (COMMON_SHARE) are searched in the weeks of NEWEST_WEEKS one span
    after the other, from the newest submission's week back, and in the rest of the table only
    if the page is not full by then: the spans are disjoint and in order, so their answers follow
    each other as one list would.
    """
    words = search_words(query)
    if (
        connection.vendor != "postgresql"
        or not words
        or _CODE.match((query or "").strip())
        or tuple(reports.query.order_by) != ("-submitted_at", "-id")
        or _held_by(words) >= COMMON_SHARE
    ):
        return list(report_search(reports, query).values_list("pk", flat=True)[:limit])
    # The newest of the whole table is one step down its index; of `reports` below a cursor it
    # would be a walk past every newer row (600 ms, 150 days back at 10 M).
    newest = before or reports.model.objects.aggregate(newest=Max("submitted_at"))["newest"]
    if newest is None:
        return []
    week = week_of(newest)
    ids: list[int] = []
    for span in NEWEST_WEEKS:
        tagged = " | ".join(f"({_all_of(words, n)})" for n in range(week, week - span, -1))
        found = _postgresql_matches(reports, words, tagged)
        ids += found.values_list("pk", flat=True)[: limit - len(ids)]
        if len(ids) >= limit:
            return ids
        week -= span
    # The rest: every report submitted before the first day of the weeks searched.
    spans_start = datetime.combine(WEEK_ZERO + timedelta(weeks=week + 1), datetime.min.time(), UTC)
    rest = report_search(reports.filter(submitted_at__lt=spans_start), query)
    return ids + list(rest.values_list("pk", flat=True)[: limit - len(ids)])
