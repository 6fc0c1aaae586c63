"""Helpers for the account pages' tests: send with after-commit email, follow emailed links."""

from __future__ import annotations

import re

import pytest
from django.core import mail


def link_path(message, kind: str) -> str:
    """The path of the link of this kind ('verify' or 'login/link') in an emailed message."""
    url = re.search(rf"https?://\S+/accounts/{kind}/\S+", message.body).group(0)
    return "/" + url.split("//", 1)[1].split("/", 1)[1]


@pytest.fixture
def post_mail(client, django_capture_on_commit_callbacks):
    """POST through the client and deliver the emails queued after commit."""

    def _post(url: str, data: dict, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **extra)

    return _post


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox
