"""Sign in with a one-time emailed link: once, for 30 minutes, never saying who has an account."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from phananh.accounts.actors import Actor
from phananh.accounts.models import User
from phananh.accounts.tests.conftest import link_path
from phananh.core import clock

pytestmark = pytest.mark.django_db

LINK = "/accounts/login/link/"


@pytest.fixture
def lan(db) -> User:
    user = User.objects.create_user(email="lan@example.com", full_name="Lan", language="en")
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at"])
    return user


def test_link_signs_in_once(client, lan, post_mail, outbox):
    response = post_mail(LINK, {"email": "LAN@example.com"})
    assert response.status_code == 302 and response["Location"] == "/accounts/check-email/"
    assert len(outbox) == 1 and outbox[0].to == ["lan@example.com"]
    assert "30 minutes" in outbox[0].body
    path = link_path(outbox[0], "login/link")
    assert client.get(path).status_code == 200
    assert "_auth_user_id" not in client.session  # opening the link alone does not sign in
    done = client.post(path)
    assert done.status_code == 302 and done["Location"] == "/accounts/reports/"
    assert client.session["_auth_user_id"] == str(lan.pk)
    client.logout()
    used = client.post(path, HTTP_ACCEPT_LANGUAGE="en")
    assert used.status_code == 400 and "no longer valid" in used.text
    assert "_auth_user_id" not in client.session


def test_link_expires_after_30_minutes(client, lan, post_mail, outbox):
    start = timezone.now()
    with clock.at(start):
        post_mail(LINK, {"email": "lan@example.com"})
    path = link_path(outbox[0], "login/link")
    with clock.at(start + timedelta(minutes=31)):
        assert client.get(path).status_code == 400
        assert client.post(path).status_code == 400
    assert "_auth_user_id" not in client.session
    with clock.at(start + timedelta(minutes=29)):
        assert client.post(path).status_code == 302
    assert client.session["_auth_user_id"] == str(lan.pk)


def test_tampered_links_are_refused_without_error(client, lan, post_mail, outbox):
    post_mail(LINK, {"email": "lan@example.com"})
    path = link_path(outbox[0], "login/link")
    uid, token = path.rstrip("/").split("/")[-2:]
    for bad in (
        f"{LINK}{uid}/{token[:-1]}x/",
        f"{LINK}!!!/{token}/",
        f"{LINK}MTIzNDU2/{token}/",
        f"{LINK}{uid}/nonsense/",
    ):
        assert client.post(bad).status_code == 400, bad
        assert client.get(bad).status_code == 400, bad
    assert "_auth_user_id" not in client.session


def test_same_answer_whether_or_not_the_address_has_an_account(client, lan, post_mail, outbox):
    known = post_mail(LINK, {"email": "lan@example.com"})
    unknown = post_mail(LINK, {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in outbox] == [["lan@example.com"]]


def test_link_requests_are_rate_limited(client, lan, post_mail, outbox):
    for _ in range(5):
        assert post_mail(LINK, {"email": "lan@example.com"}).status_code == 302
    blocked = post_mail(LINK, {"email": "lan@example.com"}, HTTP_ACCEPT_LANGUAGE="en")
    assert blocked.status_code == 429
    assert "Please wait an hour" in blocked.text and "still work" in blocked.text
    assert len(outbox) == 5
    # Unknown addresses count the same, so the limit tells nothing either.
    for _ in range(5):
        post_mail(LINK, {"email": "nobody@example.com"})
    assert post_mail(LINK, {"email": "nobody@example.com"}).status_code == 429


def test_link_request_validates_the_address(client, outbox):
    bad = client.post(LINK, {"email": "lan at example"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and "Enter a valid email address." in bad.text
    page = client.get(LINK, HTTP_ACCEPT_LANGUAGE="en").text
    assert 'lang="en"' in page and "Email me a sign-in link" in page
    assert "Send me the link</button>" in page and outbox == []


def test_link_keeps_where_the_person_was_going(client, lan, post_mail, outbox):
    post_mail(LINK, {"email": "lan@example.com", "next": "/reports/PA-XYZ/"})
    path = link_path(outbox[0], "login/link")
    assert "next=%2Freports%2FPA-XYZ%2F" in path
    assert client.post(path)["Location"] == "/reports/PA-XYZ/"


def test_link_never_redirects_elsewhere(client, lan, post_mail, outbox):
    post_mail(LINK, {"email": "lan@example.com", "next": "https://evil.example/"})
    path = link_path(outbox[0], "login/link")
    assert client.post(path + "?next=https://evil.example/")["Location"] == "/accounts/reports/"


def test_link_also_claims_reports_sent_from_the_address(client, lan, submit, post_mail, outbox):
    report = submit(actor=Actor.anonymous(), reporter_email="lan@example.com")
    post_mail(LINK, {"email": "lan@example.com"})
    client.post(link_path(outbox[0], "login/link"))
    report.refresh_from_db()
    assert report.reporter_id == lan.pk


def test_pending_account_gets_its_verification_link_again(client, post_mail, outbox):
    User.objects.create_user(email="new@example.com", is_active=False)
    post_mail(LINK, {"email": "new@example.com"})
    assert len(outbox) == 1 and "/accounts/verify/" in outbox[0].body


def test_closed_account_gets_nothing(client, lan, post_mail, outbox):
    lan.is_active = False
    lan.save(update_fields=["is_active"])
    assert post_mail(LINK, {"email": "lan@example.com"}).status_code == 302
    assert outbox == []


def test_link_asked_for_before_the_account_was_closed_fails(client, lan, post_mail, outbox):
    post_mail(LINK, {"email": "lan@example.com"})
    lan.is_active = False
    lan.save(update_fields=["is_active"])
    assert client.post(link_path(outbox[0], "login/link")).status_code == 400


def test_login_page_offers_links_and_sign_up_in_english(client):
    page = client.get("/accounts/login/?next=/reports/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "Email me a sign-in link" in page and "Create an account" in page
    assert "/accounts/login/link/?next=/reports/" in page.replace("%2F", "/")
    assert 'href="/accounts/signup/"' in page


def test_password_login_sets_the_language_and_sends_staff_to_the_console(client, people):
    lan = User.objects.create_user(email="pw@example.com", password="pw-12345678", language="en")
    response = client.post("/accounts/login/", {"username": lan.email, "password": "pw-12345678"})
    assert response["Location"] == "/accounts/reports/"
    assert client.cookies["django_language"].value == "en"
    client.logout()
    staff = User.objects.get(pk=people["operator"].user_id)
    staff.set_password("staff-12345678")
    staff.save()
    response = client.post(
        "/accounts/login/", {"username": staff.email, "password": "staff-12345678"}
    )
    assert response["Location"] == "/ops/"
    officer = User.objects.get(pk=people["officer"].user_id)
    client.force_login(officer)
    assert client.get("/ops/")["Location"] == "/ops/agency/"  # not the IOC's dashboard: a 403


def test_admin_sees_when_the_address_was_verified(client, lan):
    admin = User.objects.create_superuser(email="admin@example.com", password="x")
    client.force_login(admin)
    page = client.get(f"/admin/accounts/user/{lan.pk}/change/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "Email verified" in page.text
    prefs = client.get("/admin/notifications/notificationpreference/")
    assert prefs.status_code == 200
