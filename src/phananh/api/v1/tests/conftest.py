"""The API's test client: every response it sees is checked against the published schema.

`api.get/post/delete(...)` call through Django's test client with the chosen credentials (a
personal token, an API key, the session, a reporter token or none), in English unless asked
otherwise, and validate the answer with openapi-core against /api/v1/openapi.json as served.
Answers no operation describes (unknown URLs, wrong methods) must still be the error schema.
"""

from __future__ import annotations

import json as jsonlib
from dataclasses import dataclass
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
from werkzeug.datastructures import Headers

from phananh.accounts.choices import ApiKeyScope, Role
from phananh.accounts.services import apikey_create
from phananh.api.v1.services import token_create
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign

OPENAPI_URL = "/api/v1/openapi.json"
_spec_cache: dict[str, Any] = {}


@dataclass
class _Request:
    """What openapi-core needs of a request to find the operation a response answers."""

    method: str
    path: str
    host_url: str = "http://testserver"
    content_type: str = ""
    body: bytes | None = None

    def __post_init__(self) -> None:
        self.method = self.method.lower()
        self.parameters = RequestParameters()


class _Response:
    def __init__(self, response) -> None:
        self.status_code = response.status_code
        self.data = b"" if response.status_code == 204 else response.content
        self.content_type = response.get("Content-Type", "").lower()
        self.headers = Headers(list(response.headers.items()))


def published_schema(client) -> dict:
    """The schema as /api/v1/openapi.json serves it (fetched once per test process)."""
    if "spec" not in _spec_cache:
        response = client.get(OPENAPI_URL)
        assert response.status_code == 200, response.content
        spec = response.json()
        _spec_cache["spec"] = spec
        _spec_cache["openapi"] = OpenAPI.from_dict(spec)  # validates the document itself
        error_schema = {**spec["components"]["schemas"]["ErrorOut"]}
        _spec_cache["error"] = Draft202012Validator(error_schema)
    return _spec_cache["spec"]


def assert_valid(client, method: str, path: str, response) -> None:
    """The response is what the published schema says this operation answers (never a 500)."""
    published_schema(client)
    assert response.status_code < 500, response.content[:500]
    if response.status_code != 204:
        assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
        body = jsonlib.loads(response.content)
        if response.status_code >= 400:
            assert set(body) == {"code", "message", "fields"}, body
            _spec_cache["error"].validate(body)
    if path.split("?", 1)[0] == OPENAPI_URL:
        # The schema itself is not an operation: it must be a valid OpenAPI 3.1 document.
        OpenAPI.from_dict(jsonlib.loads(response.content))
        return
    try:
        _spec_cache["openapi"].validate_response(
            _Request(method, path.split("?", 1)[0]), _Response(response)
        )
    except (PathNotFound, OperationNotFound):
        # No operation answers this URL or method: the answer is the error shape.
        assert response.status_code in (404, 405), (method, path, response.status_code)


class ApiClient:
    """Calls /api/v1/ like a client would, and checks every answer against the schema."""

    def __init__(self, client) -> None:
        self.client = client
        self.calls = 0

    def request(
        self,
        method: str,
        path: str,
        *,
        query: dict | None = None,
        json: Any = None,
        data: Any = None,
        body: bytes | str | None = None,
        content_type: str | None = None,
        token: str | None = None,
        key: str | None = None,
        reporter_token: str | None = None,
        lang: str | None = "en",
        headers: dict[str, str] | None = None,
    ):
        url = path if path.startswith("/api/") else f"/api/v1{path}"
        sent_headers = dict(headers or {})
        if lang:
            sent_headers.setdefault("Accept-Language", lang)
        if token:
            sent_headers["Authorization"] = f"Bearer {token}"
        if key:
            sent_headers["X-Api-Key"] = key
        if reporter_token:
            sent_headers["X-Reporter-Token"] = reporter_token
        call = getattr(self.client, method.lower())
        if method.upper() in ("GET", "HEAD"):
            response = call(url, query or {}, headers=sent_headers)
        elif json is not None:
            response = call(
                url,
                jsonlib.dumps(json),
                content_type=content_type or "application/json",
                headers=sent_headers,
                QUERY_STRING=_query(query),
            )
        elif body is not None:
            response = call(
                url,
                body,
                content_type=content_type or "application/octet-stream",
                headers=sent_headers,
                QUERY_STRING=_query(query),
            )
        elif data is not None:
            kwargs = {"content_type": content_type} if content_type else {}
            response = call(url, data, headers=sent_headers, QUERY_STRING=_query(query), **kwargs)
        else:  # no body at all, as `curl -X POST` sends it
            response = call(
                url, b"", content_type="", headers=sent_headers, QUERY_STRING=_query(query)
            )
        self.calls += 1
        assert_valid(self.client, method, url, response)
        return response

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs):
        return self.request("POST", path, **kwargs)

    def delete(self, path: str, **kwargs):
        return self.request("DELETE", path, **kwargs)

    def put(self, path: str, **kwargs):
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs):
        return self.request("PATCH", path, **kwargs)


def _query(query: dict | None) -> str:
    from urllib.parse import urlencode

    return urlencode(query or {}, doseq=True)


@pytest.fixture
def api(client) -> ApiClient:
    return ApiClient(client)


@pytest.fixture
def csrf_api(db) -> ApiClient:
    """A client that enforces CSRF checks, as a browser session would meet them."""
    from django.test import Client

    return ApiClient(Client(enforce_csrf_checks=True))


@pytest.fixture
def citizen_token(people) -> str:
    from phananh.accounts.models import User

    user = User.objects.get(pk=people["citizen"].user_id)
    _token, raw = token_create(user=user, name="phone")
    return raw


@pytest.fixture
def reporter_token_raw(people) -> str:
    """A personal token of the `reporter` account (the one the `submit` fixture reports as)."""
    from phananh.accounts.models import User

    user = User.objects.get(pk=people["reporter"].user_id)
    _token, raw = token_create(user=user, name="reporter phone")
    return raw


@pytest.fixture
def api_key(db) -> str:
    _key, raw = apikey_create(
        name="Partner app", scopes=[ApiKeyScope.REPORTS_READ, ApiKeyScope.REPORTS_WRITE]
    )
    return raw


@pytest.fixture
def read_only_key(db) -> str:
    _key, raw = apikey_create(name="Dashboard", scopes=[ApiKeyScope.REPORTS_READ])
    return raw


@pytest.fixture
def published(submit, people):
    """A report referred to the Phú Xuân committee: published."""

    def _published(**overrides):
        report = submit(**overrides)
        return report_assign(report=report, actor=people[Role.OPERATOR])

    return _published


@pytest.fixture
def resolved(published, people):
    """A report the agency has handled: waiting for the reporter's rating."""

    def _resolved(**overrides):
        report = published(**overrides)
        report = report_agency_accept(report=report, actor=people[Role.OFFICER])
        return report_resolve(report=report, actor=people[Role.OFFICER], result="Đã xử lý xong.")

    return _resolved
