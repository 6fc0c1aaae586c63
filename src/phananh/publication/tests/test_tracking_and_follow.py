"""The home page's tracking-code box, the follow button's states, why "Me too" asks to sign in."""

from __future__ import annotations

import pytest

from phananh.accounts.models import User
from phananh.reports.actions.triage import report_assign
from phananh.reports.models import Follower

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(submit, people):
    return report_assign(report=submit(), actor=people["operator"])


def test_a_tracking_code_goes_to_its_report_typed_any_way(client, published):
    for typed in (published.code, f"  {published.code.lower()} ", published.code[3:]):
        response = client.get("/reports/find/", {"code": typed})
        assert response.status_code == 302
        assert response["Location"] == published.get_absolute_url()
    wrong = client.get(
        "/reports/find/", {"code": "PA-NOPE"}, follow=True, headers={"Accept-Language": "en"}
    )
    assert "No report has the tracking code “PA-NOPE”" in wrong.text
    assert 'id="track"' in client.get("/").text


def test_the_follow_button_says_you_follow_and_lets_you_stop(client, published):
    user = User.objects.create_user(email="an@example.com", password="x")
    client.force_login(user)
    page = published.get_absolute_url() + "?lang=en"
    assert "Follow by email" in client.get(page).text
    client.post(f"/reports/{published.code}/follow/")
    text = client.get(page).text
    assert "You follow this report by email" in text and "Stop following" in text
    client.post(f"/reports/{published.code}/follow/", {"stop": "1"})
    assert not Follower.objects.filter(report=published).exists()
    assert "Follow by email" in client.get(page).text


def test_an_address_waiting_for_its_link_is_told_so(client, published):
    client.post(f"/reports/{published.code}/follow/", {"email": "lan@example.com"})
    text = client.get(published.get_absolute_url() + "?lang=en").text
    assert "open the link we emailed you to confirm" in text
    assert 'name="email"' not in text.split('id="follow"')[1].split("</form>")[0]


def test_me_too_without_an_account_says_why_it_asks_to_sign_in(client, published):
    response = client.post(
        f"/reports/{published.code}/support/", follow=True, headers={"Accept-Language": "en"}
    )
    assert "/accounts/login/" in response.redirect_chain[-1][0]
    assert "To add your support, sign in or create an account" in response.text
