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
