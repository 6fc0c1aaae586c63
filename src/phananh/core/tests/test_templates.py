"""A rendered page's context is freed as soon as the page is built, without the cyclic collector
(core/templates.py): under load, the collector freeing many views' contexts at once was the
pages' p99."""

from __future__ import annotations

import gc
import weakref

from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse


class Row:
    def __str__(self) -> str:
        return "một dòng"


def _freed_without_the_collector(render) -> bool:
    row = Row()
    gone = weakref.ref(row)
    gc.collect()
    gc.disable()
    try:
        html = render(row)
        assert "một dòng" in html
        del row
        return gone() is None
    finally:
        gc.enable()


def test_a_template_from_a_string_frees_its_context(db):
    template = engines["django"].from_string(
        "{% for row in rows %}{% with shown=row %}{{ shown }}{% endwith %}{% endfor %}"
    )
    request = RequestFactory().get("/")
    assert _freed_without_the_collector(lambda row: template.render({"rows": [row]}, request))


def test_a_page_of_the_site_frees_its_context(db):
    # The site's base template: its blocks, includes and every context processor.
    template = engines["django"].from_string(
        '{% extends "base.html" %}{% block content %}{% include "_leaflet.html" %}'
        "{{ row }}{% endblock %}"
    )
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    assert _freed_without_the_collector(lambda row: template.render({"row": row}, request))


def test_the_test_clients_copy_of_the_context_still_reads_it(client, db):
    response = client.get(reverse("publication:report-list"))
    assert response.status_code == 200
    assert "reports" in response.context and response.context["is_first_page"] is True
