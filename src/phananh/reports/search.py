"""Text search over reports that ignores diacritics: "duong ngap" finds "Đường ngập".

`Report.search_text` holds the folded text (`core.text.fold`). PostgreSQL stores its `simple`
vector (no stemming, the words as written) in the generated column `search_vector` with a GIN
index (migration 0018; Django does not know the column); SQLite keeps an FTS5 table by triggers
(migration 0004). A migration that makes Django rebuild reports_report on SQLite (a NOT NULL or
unique new column) drops those triggers: add columns nullable and uniqueness as partial
constraints; tests/test_search.py catches it.

Every word of the query must appear, as a whole word. Not as a prefix: a prefix of a common
syllable ("hong:*") is a union of every word it begins, which the index cannot intersect
cheaply; at ten million reports one such query took five seconds.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from phananh.core.text import fold

MAX_WORDS = 8
_WORD = re.compile(r"[0-9a-z]+")
_CODE = re.compile(r"^[a-z]{1,6}-[0-9a-z]{4,12}$", re.IGNORECASE)


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
            _matches=RawSQL(
                '"reports_report"."search_vector" @@ to_tsquery(\'simple\', %s)',
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
