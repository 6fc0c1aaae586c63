"""Sign up with an email (password optional), confirm it from the emailed link, find old reports."""

from __future__ import annotations

import re

import pytest

from phananh.accounts.actors import Actor
from phananh.accounts.models import User
from phananh.accounts.tests.conftest import link_path
from phananh.reports.choices import Action, Visibility
from phananh.reports.models import Event

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"


def test_sign_up_verify_and_claim_earlier_reports(client, submit, people, post_mail, outbox):
    anonymous = submit(actor=Actor.anonymous(), reporter_email="lan@example.com")
    other = submit(actor=Actor.anonymous(), reporter_email="hoa@example.com")
    response = post_mail(
        SIGNUP,
        {"email": "Lan@Example.com", "full_name": "Nguyễn Thị Lan", "password": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/check-email/"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").text
    assert "Check your email" in page and "lan@example.com" in page
    user = User.objects.get(email="lan@example.com")
    assert not user.is_active and user.email_verified_at is None
    assert not user.has_usable_password() and user.language == "en"
    assert len(outbox) == 1 and outbox[0].to == ["lan@example.com"]
    assert "Confirm your email address" in outbox[0].subject
    path = link_path(outbox[0], "verify")

    # Opening the link only asks for a press (mail scanners open links too).
    confirm = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert confirm.status_code == 200 and "Confirm and sign in" in confirm.text
    user.refresh_from_db()
    assert not user.is_active

    done = client.post(path, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert done.redirect_chain[-1][0] == "/accounts/reports/"
    assert "Your email address is confirmed" in done.text
    assert "1 report you sent earlier" in done.text
    assert anonymous.code in done.text and other.code not in done.text
    user.refresh_from_db()
    assert user.is_active and user.email_verified_at is not None
    anonymous.refresh_from_db()
    other.refresh_from_db()
    assert anonymous.reporter_id == user.pk and other.reporter_id is None
    claim = Event.objects.get(report=anonymous, action=Action.CLAIM)
    assert claim.visibility == Visibility.INTERNAL and claim.actor_id == user.pk
    assert claim.from_status == claim.to_status == anonymous.status
    assert client.cookies["django_language"].value == "en"

    # The link works once.
    client.logout()
    again = client.post(path, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 400 and "no longer valid" in again.text
    assert client.get(path).status_code == 400


def test_sign_up_with_a_password_then_sign_in_with_it(client, post_mail, outbox):
    data = {"email": "minh@example.com", "full_name": "Trần Minh", "password": "sen-hồ-tịnh-tâm-9"}
    assert post_mail(SIGNUP, data).status_code == 302
    login = {"username": "minh@example.com", "password": data["password"]}
    # Not before the address is confirmed.
    assert client.post("/accounts/login/", login).status_code == 200
    client.post(link_path(outbox[0], "verify"))
    client.logout()
    response = client.post("/accounts/login/", login)
    assert response.status_code == 302 and response["Location"] == "/accounts/reports/"


def test_existing_address_gets_the_same_page_and_a_sign_in_link(client, post_mail, outbox):
    owner = User.objects.create_user(email="an@example.com", password="secret-1234", full_name="An")
    new = post_mail(SIGNUP, {"email": "new@example.com", "full_name": "X", "password": ""})
    new_page = client.get(new["Location"]).text.replace("new@example.com", "@")
    taken = post_mail(SIGNUP, {"email": "AN@example.com", "full_name": "Y", "password": ""})
    taken_page = client.get(taken["Location"]).text.replace("an@example.com", "@")
    assert new.status_code == taken.status_code == 302
    assert new["Location"] == taken["Location"]
    assert _main(new_page) == _main(taken_page)
    owner.refresh_from_db()
    assert owner.full_name == "An" and owner.check_password("secret-1234")
    assert User.objects.filter(email="an@example.com").count() == 1
    to_owner = [m for m in outbox if m.to == ["an@example.com"]]
    assert len(to_owner) == 1 and "/accounts/login/link/" in to_owner[0].body
    # The owner reads it in their own language (Vietnamese, the default).
    assert "đã có tài khoản" in to_owner[0].body


def test_signing_up_again_before_confirming_resends_the_verification(client, post_mail, outbox):
    post_mail(SIGNUP, {"email": "ba@example.com", "full_name": "Bà Tư", "password": ""})
    post_mail(
        SIGNUP, {"email": "ba@example.com", "full_name": "Someone else", "password": "x" * 12}
    )
    assert [m.to for m in outbox] == [["ba@example.com"], ["ba@example.com"]]
    assert all("/accounts/verify/" in m.body for m in outbox)
    user = User.objects.get(email="ba@example.com")
    assert user.full_name == "Bà Tư" and not user.has_usable_password()


def test_closed_accounts_are_not_reopened_by_sign_up(client, post_mail, outbox):
    closed = User.objects.create_user(email="gone@example.com", password="x", is_active=False)
    closed.last_login = closed.date_joined
    closed.save(update_fields=["last_login"])
    response = post_mail(SIGNUP, {"email": "gone@example.com", "full_name": "G", "password": ""})
    assert response.status_code == 302 and outbox == []


def test_sign_up_errors_are_precise_and_in_english(client, outbox):
    page = client.get(SIGNUP, HTTP_ACCEPT_LANGUAGE="en").text
    assert 'lang="en"' in page
    for label in ("Email", "Full name", "Password (optional)"):
        assert re.search(rf'<label for="[^"]+">{re.escape(label)}</label>', page), label
    assert "Create my account</button>" in page
    bad = client.post(
        SIGNUP,
        {"email": "not-an-address", "full_name": "", "password": "123"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert bad.status_code == 400
    assert "Enter a valid email address." in bad.text
    assert "This field is required." in bad.text
    weak = client.post(
        SIGNUP,
        {"email": "ok@example.com", "full_name": "Ok", "password": "123"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert weak.status_code == 400 and "too short" in weak.text
    assert not User.objects.exists() and outbox == []


def test_sign_up_is_rate_limited_per_address(client, post_mail, outbox):
    data = {"email": "spam@example.com", "full_name": "S", "password": ""}
    for _ in range(5):
        assert post_mail(SIGNUP, data).status_code == 302
    blocked = post_mail(SIGNUP, data, HTTP_ACCEPT_LANGUAGE="en")
    assert blocked.status_code == 429 and "Please wait an hour" in blocked.text
    assert len(outbox) == 5


def test_signed_in_people_are_sent_to_their_reports(client):
    client.force_login(User.objects.create_user(email="in@example.com", password="x"))
    assert client.get(SIGNUP)["Location"] == "/accounts/reports/"


def _main(page: str) -> str:
    main = page.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)


def test_pages_are_vietnamese_by_default(client):
    for url in (SIGNUP, "/accounts/login/link/", "/accounts/login/"):
        page = client.get(url).text
        assert 'lang="vi"' in page, url
