"""Rate limits per key, token and IP (429 with Retry-After); the published schema and the
interactive docs, which work without the internet."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_anonymous_calls_are_limited_per_ip(api, settings):
    settings.API_RATE_PER_MINUTE = 3
    for _ in range(3):
        response = api.get("/categories")
        assert response.status_code == 200
        assert response["X-RateLimit-Limit"] == "3"
    assert response["X-RateLimit-Remaining"] == "0"
    limited = api.get("/categories")
    assert limited.status_code == 429
    assert limited.json()["code"] == "rate_limited"
    retry = int(limited["Retry-After"])
    assert 1 <= retry <= 60
    assert f"{retry} seconds" in limited.json()["message"]
    # another address has its own allowance
    other = api.get("/categories", headers={"X-Forwarded-For": "1.2.3.4"})
    assert other.status_code == 429  # X-Forwarded-For is not believed from anyone
    api.client.defaults["REMOTE_ADDR"] = "10.0.0.9"
    assert api.get("/categories").status_code == 200


def test_forwarded_for_is_believed_from_a_trusted_proxy(api, settings):
    settings.API_RATE_PER_MINUTE = 1
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert api.get("/areas", headers={"X-Forwarded-For": "203.0.113.5"}).status_code == 200
    assert api.get("/areas", headers={"X-Forwarded-For": "203.0.113.5"}).status_code == 429
    assert api.get("/areas", headers={"X-Forwarded-For": "203.0.113.6"}).status_code == 200


def test_keys_and_tokens_have_their_own_allowance(api, settings, api_key, citizen_token):
    settings.API_RATE_PER_MINUTE = 1
    settings.API_KEY_RATE_PER_MINUTE = 2
    assert api.get("/areas").status_code == 200
    assert api.get("/areas").status_code == 429
    assert [api.get("/areas", key=api_key).status_code for _ in range(3)] == [200, 200, 429]
    assert [api.get("/areas", token=citizen_token).status_code for _ in range(3)] == [
        200,
        200,
        429,
    ]


def test_wrong_credentials_count_against_the_address(api, settings):
    settings.API_RATE_PER_MINUTE = 2
    assert api.get("/areas", key="pa_00000000_" + "x" * 43).status_code == 401
    assert api.get("/areas", token="pat_000000000000_" + "x" * 43).status_code == 401
    assert api.get("/areas", key="pa_00000000_" + "x" * 43).status_code == 429


def test_token_requests_are_limited_per_address_and_email(api, settings, people):
    settings.API_TOKEN_RATE_PER_MINUTE = 2
    for _ in range(2):
        assert api.post("/auth/token", json={"email": "a@b.cd", "password": "x"}).status_code == 401
    limited = api.post("/auth/token", json={"email": "other@b.cd", "password": "x"})
    assert limited.status_code == 429 and limited["Retry-After"]


def test_zero_means_no_limit(api, settings):
    settings.API_RATE_PER_MINUTE = 0
    assert all(api.get("/areas").status_code == 200 for _ in range(5))


def test_the_published_schema(api):
    spec = api.get("/openapi.json").json()  # the client checks every answer against it
    assert spec["openapi"].startswith("3.1")
    assert set(spec["components"]["securitySchemes"]) == {"ApiKey", "PersonalToken", "Session"}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            assert statuses & {"200", "201", "204"}, (method, path)
            for status, answer in operation["responses"].items():
                if status.startswith("4"):
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (path, status)
            assert "429" in statuses and "401" in statuses, (method, path)
            assert operation["operationId"] and operation["summary"]


def test_the_index_names_the_schema_and_docs(api):
    index = api.get("/").json()
    assert index["openapi"] == "http://testserver/api/v1/openapi.json"
    assert index["docs"] == "http://testserver/api/v1/docs"


def test_the_docs_work_without_the_internet(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.text
    assert "cdn" not in html.lower() and "unpkg" not in html and "jsdelivr" not in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset
        served = client.get(asset)
        assert served.status_code == 200, asset
        body = b"".join(served.streaming_content) if served.streaming else served.content
        assert b"//cdn" not in body[:5000]
    assert '"url": "/api/v1/openapi.json"' in html
    assert '"validatorUrl": null' in html
