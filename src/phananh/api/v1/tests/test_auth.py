"""The ways in: personal tokens (made, listed, revoked), API keys and their scopes, the session
with CSRF, and nobody; a wrong credential is refused, never ignored."""

from __future__ import annotations

from datetime import timedelta

import pytest

from phananh.accounts.models import ApiKey, User
from phananh.accounts.services import apikey_revoke
from phananh.api.v1.models import PersonalToken
from phananh.api.v1.selectors import token_authenticate
from phananh.core import clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan(db) -> User:
    return User.objects.create_user(
        email="lan@example.com", password="a long secret", full_name="Lan", language="vi"
    )


def test_a_token_from_email_and_password(api, lan):
    response = api.post(
        "/auth/token",
        json={"email": " LAN@example.com ", "password": "a long secret", "name": "Pixel"},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    raw = body["token"]
    assert raw.startswith(f"pat_{body['prefix']}_")
    stored = PersonalToken.objects.values().get(pk=body["id"])
    secret = raw.split("_", 2)[2]
    assert all(secret not in str(value) for value in stored.values())
    assert stored["name"] == "Pixel"
    me = api.get("/me", token=raw).json()
    assert me == {
        "auth": "token",
        "email": "lan@example.com",
        "full_name": "Lan",
        "language": "vi",
        "api_key": None,
        "scopes": [],
    }
    listed = api.get("/auth/tokens", token=raw).json()["results"]
    assert [t["id"] for t in listed] == [body["id"]]
    assert "token" not in listed[0]


@pytest.mark.parametrize(
    "credentials",
    [
        {"email": "lan@example.com", "password": "wrong"},
        {"email": "nobody@example.com", "password": "a long secret"},
    ],
)
def test_wrong_credentials_are_401(api, lan, credentials):
    response = api.post("/auth/token", json=credentials)
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"
    assert response.json()["message"] == "Wrong email address or password."
    assert not PersonalToken.objects.exists()


def test_an_inactive_account_gets_no_token(api, lan):
    lan.is_active = False
    lan.save(update_fields=["is_active"])
    assert (
        api.post(
            "/auth/token", json={"email": "lan@example.com", "password": "a long secret"}
        ).status_code
        == 401
    )


def test_token_request_validation(api):
    response = api.post("/auth/token", json={"email": "lan@example.com"})
    assert response.status_code == 400
    assert response.json()["fields"] == {"password": "This field is required."}
    assert (
        api.post("/auth/token", body="{oops", content_type="application/json").json()["code"]
        == "malformed"
    )


def test_revoking_tokens(api, lan):
    from phananh.api.v1.services import token_create

    _t1, first = token_create(user=lan, name="old phone")
    t2, second = token_create(user=lan, name="new phone")
    assert api.delete(f"/auth/tokens/{t2.pk}", token=first).status_code == 204
    assert api.get("/me", token=second).status_code == 401
    assert api.delete(f"/auth/tokens/{t2.pk}", token=first).status_code == 404
    # signing the app out revokes the token it uses
    assert api.delete("/auth/token", token=first).status_code == 204
    refused = api.get("/me", token=first)
    assert refused.status_code == 401 and refused.json()["code"] == "invalid_token"


def test_nobody_may_touch_someone_elses_token(api, lan, citizen_token):
    from phananh.api.v1.services import token_create

    token, raw = token_create(user=lan)
    assert api.delete(f"/auth/tokens/{token.pk}", token=citizen_token).status_code == 404
    assert token_authenticate(raw) is not None


def test_a_deactivated_account_loses_its_tokens(api, lan):
    from phananh.api.v1.services import token_create

    _token, raw = token_create(user=lan)
    lan.is_active = False
    lan.save(update_fields=["is_active"])
    assert api.get("/me", token=raw).json()["code"] == "invalid_token"


def test_last_use_is_stamped_now_and_then(lan):
    from phananh.api.v1.services import token_create

    token, raw = token_create(user=lan)
    start = clock.now()
    with clock.at(start):
        token_authenticate(raw)
    with clock.at(start + timedelta(minutes=1)):
        token_authenticate(raw)
    assert PersonalToken.objects.get(pk=token.pk).last_used_at == start


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer pat_0123456789ab_" + "x" * 43},
        {"Authorization": "Bearer "},
        {"Authorization": "Bearer \u00e9\u00e9"},
        {"Authorization": "Basic bGFuOnNlY3JldA=="},
        {"Authorization": "ApiKey pa_00000000_" + "y" * 43},
        {"X-Api-Key": ""},
        {"X-Api-Key": "x" * 5000},
    ],
)
def test_wrong_credentials_are_refused_not_ignored(api, headers):
    response = api.get("/reports", headers=headers)
    assert response.status_code == 401
    assert response.json()["code"] in {
        "invalid_token",
        "invalid_api_key",
        "unsupported_authorization",
    }
    assert response["WWW-Authenticate"]


def test_api_keys_by_either_header(api, api_key):
    for headers in ({"X-Api-Key": api_key}, {"Authorization": f"ApiKey {api_key}"}):
        me = api.get("/me", headers=headers).json()
        assert me["auth"] == "api_key"
        assert me["api_key"] == "Partner app"
        assert me["scopes"] == ["reports:read", "reports:write"]
        assert me["email"] is None


def test_a_revoked_key_is_refused(api, api_key):
    apikey_revoke(key=ApiKey.objects.get())
    response = api.get("/reports", key=api_key)
    assert response.status_code == 401 and response.json()["code"] == "invalid_api_key"


def test_a_key_without_read_scope_cannot_read_reports(api, db):
    from phananh.accounts.services import apikey_create

    _key, raw = apikey_create(name="Writer", scopes=["reports:write"])
    response = api.get("/reports", key=raw)
    assert response.status_code == 403 and response.json()["code"] == "scope_missing"
    assert api.get("/categories", key=raw).status_code == 200


def test_session_reads_need_no_csrf_and_unsafe_calls_do(csrf_api, lan, published):
    csrf_api.client.force_login(lan)
    assert csrf_api.get("/me").json()["auth"] == "session"
    report = published()
    refused = csrf_api.post(f"/reports/{report.code}/support")
    assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed"
    csrf_api.client.get("/")
    csrf = csrf_api.client.cookies["csrftoken"].value
    accepted = csrf_api.post(f"/reports/{report.code}/support", headers={"X-CSRFToken": csrf})
    assert accepted.status_code == 200 and accepted.json()["supported"] is True
    # A bearer token next to the session cookie is what counts (no CSRF needed with it).
    from phananh.api.v1.services import token_create

    _token, raw = token_create(user=lan)
    assert csrf_api.post(f"/reports/{report.code}/support", token=raw).status_code == 200


def test_tokens_list_needs_a_person(api, api_key):
    assert api.get("/auth/tokens").status_code == 401
    assert api.get("/auth/tokens", key=api_key).json()["code"] == "person_required"
    assert api.delete("/auth/token", key=api_key).status_code == 403
    assert api.get("/me").json()["auth"] == "anonymous"


def test_the_session_cannot_revoke_the_current_token(api, lan, client):
    client.force_login(lan)
    response = api.delete("/auth/token")
    assert response.status_code == 400 and response.json()["code"] == "no_token"
