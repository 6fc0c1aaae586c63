"""/api/v1/: ninja's URLs, each wrapped so every answer is JSON, and JSON 404 for the rest."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, re_path

from phananh.api.v1.api import api
from phananh.api.v1.http import json_edges, not_found_view


def _wrapped(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    result: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern = URLPattern(
                pattern.pattern, json_edges(pattern.callback), pattern.default_args, pattern.name
            )
        result.append(pattern)
    return result


_patterns, _app_name, _namespace = api.urls
app_name = _namespace
urlpatterns = [
    *_wrapped(_patterns),
    re_path(r"^.*$", not_found_view, name="not-found"),
]
