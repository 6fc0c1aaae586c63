"""Signing in keeps the language the visitor was browsing in, and saves it to the account."""

from __future__ import annotations

import pytest
from django.utils import timezone

from phananh.accounts.models import User
from phananh.accounts.tests.conftest import link_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def vi_account(db) -> User:
    user = User.objects.create_user(
        email="minh@example.com", full_name="Minh", password="pw-12345678", language="vi"
    )
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at"])
    return user


def test_password_sign_in_keeps_the_browsing_language_and_saves_it(client, vi_account):
    client.cookies["django_language"] = "en"
    response = client.post(
        "/accounts/login/", {"username": vi_account.email, "password": "pw-12345678"}
    )
    assert response.status_code == 302
    assert client.cookies["django_language"].value == "en"
    vi_account.refresh_from_db()
    assert vi_account.language == "en"
    assert "My reports" in client.get("/accounts/reports/").text


def test_without_a_choice_the_account_language_is_used(client, vi_account):
    vi_account.language = "en"
    vi_account.save(update_fields=["language"])
    client.post("/accounts/login/", {"username": vi_account.email, "password": "pw-12345678"})
    assert client.cookies["django_language"].value == "en"
    vi_account.refresh_from_db()
    assert vi_account.language == "en"


def test_a_lang_parameter_on_the_sign_in_form_counts_as_a_choice(client, vi_account):
    vi_account.language = "en"
    vi_account.save(update_fields=["language"])
    client.post(
        "/accounts/login/?lang=vi", {"username": vi_account.email, "password": "pw-12345678"}
    )
    assert client.cookies["django_language"].value == "vi"
    vi_account.refresh_from_db()
    assert vi_account.language == "vi"


def test_sign_in_link_keeps_the_browsing_language(client, vi_account, post_mail, outbox):
    client.cookies["django_language"] = "en"
    post_mail("/accounts/login/link/", {"email": vi_account.email})
    done = client.post(link_path(outbox[0], "login/link"))
    assert done.status_code == 302
    assert client.cookies["django_language"].value == "en"
    vi_account.refresh_from_db()
    assert vi_account.language == "en"
