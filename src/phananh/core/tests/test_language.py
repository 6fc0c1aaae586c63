"""Vietnamese by default; `?lang=en` works on every page and is remembered."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/reports/", "/report/new/", "/agencies/"])
def test_lang_parameter_switches_any_page_and_is_remembered(client, url):
    assert "Gửi phản ánh" in client.get(url).content.decode()
    response = client.get(url, {"lang": "en"})
    assert response.status_code == 200
    assert "Send a report" in response.content.decode()
    assert response.cookies["django_language"].value == "en"
    assert "Send a report" in client.get(url).content.decode()  # the cookie remembers
    assert "Gửi phản ánh" in client.get(url, {"lang": "vi"}).content.decode()


def test_an_unknown_language_is_ignored(client):
    response = client.get(reverse("publication:home"), {"lang": "fr"})
    assert response.status_code == 200 and "django_language" not in response.cookies


def test_a_refusal_is_a_page_that_says_why_in_the_visitors_language(client, people):
    from phananh.accounts.models import User

    client.force_login(User.objects.get(pk=people["citizen"].user_id))
    response = client.get("/ops/triage/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Not allowed" in page and "The console is for the operations centre" in page
    assert "Sign in with another account" in page and "<nav" in page


@pytest.mark.parametrize("where", ["query", "form"])
def test_a_nul_character_is_a_clear_400_not_a_500(client, where):
    if where == "query":
        response = client.get("/reports/", {"q": "duong\x00ngap"}, HTTP_ACCEPT_LANGUAGE="en")
    else:
        response = client.post("/report/new/", {"text": "a\x00b"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "invalid character (NUL)" in response.content.decode()
