"""Numbered pages that never count the list: the page's rows and one more say if there is a next.

Django's Paginator counts every row of the query to number its pages; an agency's queue at a
city's scale holds a hundred thousand reports, and the count cost more than the page. A `Page`
here reads `size + 1` rows at the page's offset and offers what a "Previous / Next" pager needs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")

MAX_PAGE = 10_000  # deeper than anybody reads; bounds the offset a crafted link can ask for


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    number: int
    has_next: bool

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_number(raw: str | None) -> int:
    """The page a link asks for: a whole number from 1, anything else the first page."""
    text = (raw or "").strip()
    return min(int(text), MAX_PAGE) if text.isdigit() and int(text) >= 1 else 1


def page_read(rows: Sequence[T] | Any, raw_number: str | None, size: int) -> Page[T]:
    """Page `raw_number` of `rows` (a queryset or a sequence), `size` items, without a count."""
    number = page_number(raw_number)
    start = (number - 1) * size
    found = list(rows[start : start + size + 1])
    return Page(items=found[:size], number=number, has_next=len(found) > size)
