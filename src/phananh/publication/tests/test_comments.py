"""Signed-in people comment on published reports; personal data in comments is masked."""

from __future__ import annotations

import pytest

from phananh.accounts.models import User
from phananh.reports.actions.triage import report_assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(submit, people):
    return report_assign(report=submit(), actor=people["operator"])


def test_signed_in_comment_is_published_and_redacted(
    client, published, django_assert_max_num_queries
):
    user = User.objects.create_user(
        email="hoa@example.com", password="x", full_name="Trần Thị Hoa", comment_name="Hoa"
    )
    client.force_login(user)
    url = f"/reports/{published.code}/comment/"
    response = client.post(url, {"text": "Mình cũng thấy, gọi 0905 123 456"})
    assert response.status_code == 302
    with django_assert_max_num_queries(12):
        page = client.get(published.get_absolute_url()).text
    # Signed with the name chosen for comments, never the account's full name.
    assert "Mình cũng thấy" in page and "0905" not in page and "Hoa" in page
    assert "Trần Thị Hoa" not in page
    published.refresh_from_db()
    assert published.comments_count == 1


def test_comments_say_a_resident_unless_a_name_was_chosen(client, published):
    user = User.objects.create_user(email="lam@example.com", password="x", full_name="Lê Văn Lâm")
    client.force_login(user)
    client.post(f"/reports/{published.code}/comment/", {"text": "Đúng vậy"})
    page = client.get(published.get_absolute_url()).text
    assert "Lê Văn Lâm" not in page and "lam@example.com" not in page
    assert "Người dân" in page


def test_comment_needs_an_account_and_text(client, published):
    url = f"/reports/{published.code}/comment/"
    response = client.post(url, {"text": "Xin chào"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not published.comments.exists()
    user = User.objects.create_user(email="nam@example.com", password="x")
    client.force_login(user)
    page = client.post(url, {"text": "Đúng vậy"}, follow=True, HTTP_ACCEPT_LANGUAGE="en").text
    assert "nam@example.com" not in page.split('id="comments"')[1] and "A resident" in page
    page = client.post(url, {"text": " "}, follow=True, HTTP_ACCEPT_LANGUAGE="en").text
    assert "required" in page and published.comments.count() == 1
    assert client.get(url).status_code == 405
    assert client.post("/reports/PA-NOPE000/comment/", {"text": "x"}).status_code == 404


@pytest.mark.usefixtures("publish_on_triage")
def test_unpublished_reports_take_no_comments(client, submit):
    report = submit()
    client.force_login(User.objects.create_user(email="an@example.com", password="x"))
    client.post(f"/reports/{report.code}/comment/", {"text": "Sớm quá"})
    assert not report.comments.exists()
