"""Text search over reports that ignores diacritics: "duong ngap" finds "Đường ngập".

`Report.search_text` holds the folded text (`core.text.fold`). PostgreSQL stores its `simple`
vector (no stemming, the words as written) in the generated column `search_vector` (migration
0018; Django does not know the column) and indexes it with one more lexeme, the day the report
was submitted (`SEARCH_VECTOR`, migration 0022); SQLite keeps an FTS5 table by triggers
(migration 0004). A migration that makes Django rebuild reports_report on SQLite (a NOT NULL or
unique new column) drops those triggers: add columns nullable and uniqueness as partial
constraints; tests/test_search.py catches it.

Every word of the query must appear, as a whole word. Not as a prefix: a prefix of a common
syllable ("hong:*") is a union of every word it begins, which the index cannot intersect
cheaply; at ten million reports one such query took five seconds.

The newest matches first (`newest_matches`, the public list): on PostgreSQL the last two days
are searched, then the twelve before, then the rest, stopping once the page is full. Common words
("đèn đường hỏng": 10,000 of ten million reports) then meet in the index only where those days'
short lists are, instead of over the whole table.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from django.db import connection
from django.db.models import BooleanField, Max, QuerySet
from django.db.models.expressions import RawSQL

from phananh.core.text import fold

MAX_WORDS = 8
_WORD = re.compile(r"[0-9a-z]+")
_CODE = re.compile(r"^[a-z]{1,6}-[0-9a-z]{4,12}$", re.IGNORECASE)

# PostgreSQL: what report_search_day_idx indexes (migration 0022, the same text): the words, and
# "_<days since DAY_ZERO>" of the UTC day the report was submitted.
SEARCH_VECTOR = (
    '("reports_report"."search_vector" || array_to_tsvector(ARRAY[\'_\' || '
    "((\"reports_report\".\"submitted_at\" AT TIME ZONE 'UTC')::date - DATE '2000-01-01')::text]))"
)
DAY_ZERO = date(2000, 1, 1)
# The days searched first, newest first, before the rest of the table.
NEWEST_DAYS = (2, 12)


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
        return reports.alias(
            # SEARCH_VECTOR is this module's constant; the words are a parameter.
            _matches=RawSQL(  # noqa: S611
                f"{SEARCH_VECTOR} @@ to_tsquery('simple', %s)",
                [" & ".join(words)],
                output_field=BooleanField(),
            )
        ).filter(_matches=True)
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


def _day(moment: datetime) -> int:
    return (moment.astimezone(UTC).date() - DAY_ZERO).days


def newest_matches(reports: QuerySet, query: str, limit: int) -> list[int]:
    """The ids of the first `limit` reports of `reports`, newest submission first.

    `reports` is already narrowed by `report_search(…, query)` (and any other filter or page
    cursor) and ordered newest first. On PostgreSQL, the days of NEWEST_DAYS are searched one
    span after the other, from the newest submission back, and the rest of the table only if the
    page is not full by then: the spans are disjoint and in order, so their answers follow each
    other as one list would.
    """
    whole = reports.values_list("pk", flat=True)
    if (
        connection.vendor != "postgresql"
        or not search_words(query)
        or _CODE.match((query or "").strip())
        or tuple(reports.query.order_by) != ("-submitted_at", "-id")
    ):
        return list(whole[:limit])
    newest = reports.model.objects.aggregate(newest=Max("submitted_at"))["newest"]
    if newest is None:
        return []
    day = _day(newest)
    ids: list[int] = []
    for span in NEWEST_DAYS:
        days = " | ".join(f"'_{day - back}'" for back in range(span))
        on_days = RawSQL(  # noqa: S611 - a constant; the days are a parameter
            f"{SEARCH_VECTOR} @@ %s::tsquery", [days], output_field=BooleanField()
        )
        ids += whole.alias(_on_days=on_days).filter(_on_days=True)[: limit - len(ids)]
        if len(ids) >= limit:
            return ids
        day -= span
    before = datetime.combine(DAY_ZERO + timedelta(days=day + 1), datetime.min.time(), UTC)
    return ids + list(whole.filter(submitted_at__lt=before)[: limit - len(ids)])
