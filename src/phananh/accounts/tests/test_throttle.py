"""Repeated wrong passwords against every sign-in form: locked, with a growing delay, the right
password refused while locked, the same answers for accounts that do not exist, every failure
recorded for the audit. Real requests through the test client."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client

from phananh.accounts.choices import Role
from phananh.accounts.models import SignInFailure, User
from phananh.accounts.throttle import lock_seconds
from phananh.conftest import make_user
from phananh.core import clock

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def throttle_settings(settings):
    settings.SIGNIN_FAILURES_PER_ACCOUNT = 5
    settings.SIGNIN_FAILURES_PER_ADDRESS = 20
    settings.SIGNIN_LOCK_MAX_SECONDS = 3600
    settings.API_TOKEN_RATE_PER_MINUTE = 0
    settings.API_RATE_PER_MINUTE = 0
    return settings


@pytest.fixture
def staff(throttle_settings, ioc) -> User:
    user = make_user(Role.OPERATOR, ioc, is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def _portal(client: Client, email: str, password: str):
    return client.post("/accounts/login/", {"username": email, "password": password})


def _admin(client: Client, email: str, password: str):
    return client.post(
        "/admin/login/?next=/admin/", {"username": email, "password": password, "next": "/admin/"}
    )


def _api(client: Client, email: str, password: str):
    return client.post(
        "/api/v1/auth/token",
        data=json.dumps({"email": email, "password": password, "name": "t"}),
        content_type="application/json",
    )


def _signed_in(form: str, response) -> bool:
    if form == "api":
        return response.status_code == 201
    return response.status_code == 302


FORMS = {"portal": _portal, "admin": _admin, "api": _api}


@pytest.mark.parametrize("form", FORMS)
def test_wrong_passwords_lock_the_account_and_the_right_one_waits(staff, form):
    post = FORMS[form]
    client = Client()
    start = clock.now()
    with clock.at(start):
        for _attempt in range(4):
            response = post(client, staff.email, "wrong")
            assert not _signed_in(form, response)
            assert response.status_code in (200, 401)
        # The fifth failure locks the account: even the right password is refused, clearly.
        post(client, staff.email, "wrong")
        locked = post(client, staff.email, PASSWORD)
        assert not _signed_in(form, locked)
        text = locked.content.decode()
        assert "Too many failed sign-ins" in text or "Đăng nhập sai quá nhiều lần" in text
        assert locked.status_code == 429
        assert 1 <= int(locked["Retry-After"]) <= 2
    # Once the lock has passed the right password works, and the count starts again.
    with clock.at(start + timedelta(seconds=3)):
        assert _signed_in(form, post(Client(), staff.email, PASSWORD))
    rows = SignInFailure.objects.filter(identifier=staff.email, form=form)
    assert rows.filter(locked=False).count() == 5
    assert rows.filter(locked=True).count() == 1
    assert rows.first().user == staff and rows.first().client_ip == "127.0.0.1"


def test_each_further_failure_doubles_the_lock(staff):
    start = clock.now()
    moment = start
    waits = []
    for _attempt in range(8):
        with clock.at(moment):
            response = _portal(Client(), staff.email, "wrong")
        waits.append(int(response.get("Retry-After", 0) or 0))
        with clock.at(moment):
            probe = _portal(Client(), staff.email, "wrong")
        waits[-1] = int(probe.get("Retry-After", 0) or 0)
        moment += timedelta(seconds=waits[-1] + 1)
    # Refusals while locked do not lengthen the lock; real failures double it.
    locks = [w for w in waits if w]
    assert locks == [2, 4, 8, 16, 32, 64]
    assert [lock_seconds(n, 5) for n in range(4, 9)] == [0, 2, 4, 8, 16]


def test_an_unknown_account_reads_exactly_like_a_real_one(staff):
    """No enumeration: same statuses, same messages, whether or not the address has an account."""
    answers = {}
    for email in (staff.email, "nobody-here@example.com"):
        client = Client()
        seen = []
        for _attempt in range(7):
            response = _portal(client, email, "wrong")
            seen.append((response.status_code, _errors(response)))
        api = _api(Client(), email, "wrong")
        seen.append((api.status_code, api.json()["code"]))
        answers[email] = seen
    assert answers[staff.email] == answers["nobody-here@example.com"]


def _errors(response) -> str:
    form = response.context["form"] if response.context else None
    return " ".join(form.non_field_errors()) if form else ""


def test_spraying_many_accounts_from_one_address_locks_the_address(staff, throttle_settings):
    throttle_settings.SIGNIN_FAILURES_PER_ADDRESS = 10
    victims = [make_user() for _n in range(5)]
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _round in range(2):
        for victim in victims:  # two tries each: far below the per-account threshold
            assert _portal(attacker, victim.email, "wrong").status_code == 200
    # The address is locked now, for every account, the right password of a real one too.
    response = _portal(attacker, staff.email, PASSWORD)
    assert response.status_code == 429
    # Another address is not.
    assert _portal(Client(REMOTE_ADDR="198.51.100.2"), staff.email, PASSWORD).status_code == 302


def test_the_address_behind_a_trusted_proxy(staff, throttle_settings):
    throttle_settings.SIGNIN_FAILURES_PER_ADDRESS = 3
    throttle_settings.SIGNIN_FAILURES_PER_ACCOUNT = 0
    throttle_settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy = {"REMOTE_ADDR": "10.1.2.3"}
    for _n in range(3):
        Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.9").post(
            "/accounts/login/", {"username": staff.email, "password": "wrong"}
        )
    blocked = Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert _portal(blocked, staff.email, PASSWORD).status_code == 429
    # Another client behind the same proxy is someone else.
    other = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert _portal(other, staff.email, PASSWORD).status_code == 302
    assert SignInFailure.objects.filter(client_ip="203.0.113.9").count() == 4
    # From anyone else, X-Forwarded-For is not believed.
    throttle_settings.TRUSTED_PROXIES = []
    assert _portal(blocked, staff.email, PASSWORD).status_code == 302


def test_the_audit_lists_failed_sign_ins(staff):
    for _n in range(2):
        _portal(Client(), "someone@example.com", "wrong")
    admin = Client()
    admin.force_login(staff)
    page = admin.get("/admin/accounts/signinfailure/")
    assert page.status_code == 200
    assert "someone@example.com" in page.content.decode()


def test_deleting_an_account_checks_the_password_with_the_same_throttle(throttle_settings):
    citizen = make_user()
    citizen.set_password(PASSWORD)
    citizen.save()
    client = Client()
    client.force_login(citizen)
    for _n in range(5):
        response = client.post("/accounts/delete/", {"email": citizen.email, "password": "wrong"})
        assert response.status_code == 400
    response = client.post("/accounts/delete/", {"email": citizen.email, "password": PASSWORD})
    assert response.status_code == 429
    assert User.objects.filter(pk=citizen.pk).exists()
