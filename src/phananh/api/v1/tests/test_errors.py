"""Every way a call can go wrong answers JSON {code, message, fields} in the caller's language,
with the right status: never HTML, never a 500 for anything a client can send."""

from __future__ import annotations

import json

import pytest

from phananh.api.v1.tests.conftest import assert_valid
from phananh.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/api/v1/nothing", "/api/v1/reports/PA-1/nothing/else", "/api/v1/reports/", "/api/v1/%ff"],
)
def test_unknown_urls_are_json_404(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "Nothing was found at this address.",
        "fields": {},
    }


def test_wrong_method_is_json_405_with_allow(api):
    response = api.put("/reports", json={})
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}
    assert api.patch("/categories").status_code == 405
    assert api.delete("/classify").status_code == 405


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{", "application/json"),
        ("{'text': 'single quotes'}", "application/json"),
        (b"\xff\xfe\x00", "application/json"),
        ("[1, 2", "application/json"),
    ],
)
def test_malformed_json_is_400(api, body, content_type):
    response = api.post("/classify", body=body, content_type=content_type)
    assert response.status_code == 400
    assert response.json()["code"] in {"malformed", "invalid"}


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "text"),
        ({"text": "a", "texts": ["b"]}, "text"),
        ({"text": 5}, "text"),
        ({"texts": "not a list"}, "texts"),
        ({"texts": ["ok", None]}, "texts.1"),
        ({"texts": ["x"] * 101}, "texts"),
        ([], "__all__"),
        ("text", "__all__"),
    ],
)
def test_wrong_values_name_their_field(api, payload, field):
    response = api.post("/classify", json=payload)
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["fields"], body
    assert body["message"] == "Some values are not valid."


def test_a_json_operation_without_a_body_says_what_it_wants(api):
    response = api.post("/classify")
    assert response.status_code == 415
    assert response.json()["message"] == "Send this request as application/json."


@pytest.mark.parametrize(
    ("content_type", "path"),
    [
        ("text/plain", "/classify"),
        ("application/xml", "/auth/token"),
        ("application/x-www-form-urlencoded", "/classify"),
        ("application/json", "/reports"),
    ],
)
def test_wrong_content_types_are_415(api, content_type, path):
    response = api.post(path, body="text=x", content_type=content_type)
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_a_body_over_the_limit_is_413_before_it_is_read(api, settings, citizen_token):
    settings.API_MAX_REQUEST_BYTES = 1000
    response = api.post(
        "/reports", body=b"x" * 2000, content_type="multipart/form-data; boundary=x"
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert "at most" in response.json()["message"]


def test_a_json_body_over_djangos_memory_limit_is_413(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = api.post("/classify", json={"text": "x" * 500})
    assert response.status_code == 413


def test_a_broken_multipart_body_is_400(api, citizen_token):
    response = api.post(
        "/reports",
        body=b"--nope\r\nContent-Disposition: form-data; name=\r\n\r\n",
        content_type="multipart/form-data",
        token=citizen_token,
    )
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_domain_errors_keep_their_code_and_status(api, published, citizen_token):
    # ActionNotAllowed → 403, InvalidTransition → 409 (through the one handler)
    report = published()
    forbidden = api.post(
        f"/reports/{report.code}/rating", json={"level": "satisfied"}, token=citizen_token
    )
    assert forbidden.status_code == 403
    from phananh.reports.tokens import reporter_token

    conflict = api.post(
        f"/reports/{report.code}/rating",
        json={"level": "satisfied"},
        reporter_token=reporter_token(report.pk),
    )
    assert conflict.status_code == 409
    assert conflict.json()["code"] == "invalid_transition"
    assert "Referred for handling" in conflict.json()["message"]


def test_the_callers_language(api, published):
    report = published()
    english = api.post("/auth/token", json={"email": "a@b.c"}).json()["fields"]["password"]
    vietnamese = api.post("/auth/token", json={"email": "a@b.c"}, lang="vi").json()
    by_query = api.post("/auth/token?lang=vi", json={"email": "a@b.c"}, lang="en").json()
    assert english == "This field is required."
    assert vietnamese["fields"]["password"] == by_query["fields"]["password"] != english
    default = api.post("/auth/token", json={"email": "a@b.c"}, lang=None).json()
    assert default["fields"]["password"] == vietnamese["fields"]["password"]
    detail = api.get(f"/reports/{report.code}", lang="vi").json()
    assert detail["category"]["name"] == "Tiếng ồn"
    assert detail["state_label"] != "In progress"


def test_an_unexpected_failure_is_still_json(client, monkeypatch):
    from phananh.api.v1 import directory

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(directory, "category_list_public", broken)
    response = client.get("/api/v1/categories", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "server_error"
    assert "boom" not in response.text


@pytest.mark.parametrize(
    "query",
    [
        {"q": "\x00\x01 '; DROP TABLE reports_report; --"},
        {"q": "ö" * 5000},
        {"category": "x" * 5000, "area": "\u0000"},
        {"status": ["new"] * 50},
        {"cursor": "=" * 10},
        {"cursor": "MjAyNi0xMS0yOFQwMDowMDowMF8x"},  # a valid moment, but naive
        {"overdue": "maybe", "track": "fast"},
    ],
)
def test_odd_queries_never_break_the_list(api, query):
    response = api.get("/reports", query=query)
    assert response.status_code in (200, 400)


def test_assert_valid_rejects_what_the_schema_does_not_say(client):
    """The checker itself: a body that breaks the schema fails the test."""
    from django.http import JsonResponse

    wrong = JsonResponse({"results": [{"code": 1}]})
    with pytest.raises(Exception):  # noqa: B017 - any validation error will do
        assert_valid(client, "GET", "/api/v1/categories", wrong)
    missing_fields = JsonResponse({"code": "x", "message": "y"}, status=404)
    with pytest.raises(AssertionError):
        assert_valid(client, "GET", "/api/v1/nothing", missing_fields)
    assert json.loads(wrong.content)


def test_null_characters_are_refused_everywhere(api, published, citizen_token):
    # No database stores NUL in text (PostgreSQL refuses it): 400 before any query.
    report = published()
    assert api.get("/reports", query={"q": "a\x00b"}).json()["fields"] == {
        "q": "Null characters are not allowed."
    }
    assert api.get("/reports/PA-%00").status_code == 400
    token = api.post("/auth/token", json={"email": "a\x00@b.cd", "password": "x"})
    assert token.status_code == 400 and token.json()["fields"] == {
        "email": "Null characters are not allowed."
    }
    nested = api.post("/classify", json={"texts": ["ok", "b\x00d"]})
    assert nested.json()["fields"] == {"texts.1": "Null characters are not allowed."}
    form = api.post(
        "/reports",
        data={"text": "x", "category": "\x00", "address": "y"},
        token=citizen_token,
    )
    assert form.status_code == 400 and "category" in form.json()["fields"]
    comment = api.post(
        f"/reports/{report.code}/comments", json={"text": "\x00"}, token=citizen_token
    )
    assert comment.status_code == 400
