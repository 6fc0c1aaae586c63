from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from phananh.catalog.choices import RoutingRule
from phananh.catalog.models import Category, CategoryGroup


@pytest.fixture
def flood(db) -> Category:
    group = CategoryGroup.objects.create(code="water", name_vi="Nước", name_en="Water")
    return Category.objects.create(
        code="flood",
        name_vi="Ngập úng",
        name_en="Flooding",
        group=group,
        routing_rule=RoutingRule.AREA,
    )


def last_link(pattern: str, to: str) -> str:
    """The path of the last link matching `pattern` in the last email to `to`."""
    body = [m for m in mail.outbox if m.to == [to]][-1].body
    url = urlsplit(re.findall(pattern, body)[-1])
    return f"{url.path}?{url.query}" if url.query else url.path


def emails_to(to: str) -> list:
    return [m for m in mail.outbox if m.to == [to]]
