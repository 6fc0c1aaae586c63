"""'My reports': the signed-in person's own reports and those they support, nobody else's."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import unquote

import pytest

from phananh.accounts.choices import Role
from phananh.accounts.models import User
from phananh.core import clock
from phananh.reports.actions.participation import report_support
from phananh.reports.actions.triage import report_assign
from phananh.reports.models import Report

pytestmark = pytest.mark.django_db

URL = "/accounts/reports/"


@pytest.fixture
def reporter(people) -> User:
    return User.objects.get(pk=people["reporter"].user_id)


def test_needs_sign_in(client):
    response = client.get(URL)
    assert (
        response.status_code == 302
        and response["Location"] == "/accounts/login/?next=/accounts/reports/"
    )


def test_lists_own_reports_newest_first_with_status_place_and_due(client, reporter, people, submit):
    older = submit(text="Đèn đường hỏng ở Lê Lợi")
    newer = report_assign(report=submit(text="Rác ở bến Tòa Khâm"), actor=people[Role.OPERATOR])
    stranger = submit(actor=people["citizen"], text="Cây đổ chắn đường")
    client.force_login(reporter)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").text
    assert 'lang="en"' in page and "<h1>My reports</h1>" in page
    assert page.index(newer.code) < page.index(older.code)
    assert stranger.code not in page and "Cây đổ" not in page
    assert "Received" in page and "In progress" in page  # public status labels
    assert "Noise" in page and "Phu Xuan Ward" in page  # category and ward, in English
    assert f'href="/reports/{newer.code}/"' in page
    newer.refresh_from_db()
    assert newer.due_at is not None and "Due" in page


def test_overdue_badge(client, reporter, submit):
    report = submit()
    Report.objects.filter(pk=report.pk).update(is_overdue=True)
    client.force_login(reporter)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").text
    assert 'class="badge overdue">Overdue' in page


def test_reports_i_support_are_listed(client, people, submit):
    published = report_assign(report=submit(), actor=people[Role.OPERATOR])
    unpublished = submit()
    citizen = User.objects.get(pk=people["citizen"].user_id)
    report_support(report=published, actor=people["citizen"])
    client.force_login(citizen)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").text
    supported = page.split("Reports I support", 1)[1]
    assert published.code in supported and unpublished.code not in page


def _count_queries(client, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(5):
        assert client.get(URL).status_code == 200


def test_query_budget_does_not_grow_with_reports(
    client, reporter, people, submit, django_assert_max_num_queries
):
    client.force_login(reporter)
    submit()
    _count_queries(client, django_assert_max_num_queries)
    for _ in range(25):
        report_support(
            report=report_assign(
                report=submit(actor=people["citizen"]), actor=people[Role.OPERATOR]
            ),
            actor=people["reporter"],
        )
        submit()
    _count_queries(client, django_assert_max_num_queries)


def test_keyset_pages(client, reporter, submit):
    start = clock.now()
    codes = []
    for minute in range(23):
        with clock.at(start + timedelta(minutes=minute)):
            codes.append(submit().code)
    client.force_login(reporter)
    first = client.get(URL).text
    assert all(code in first for code in codes[3:]) and codes[2] not in first
    after = first.split('class="button" href="?after=', 1)[1].split('"', 1)[0]
    second = client.get(URL, {"after": unquote(after)}).text
    assert all(code in second for code in codes[:3]) and codes[3] not in second
    assert 'href="?after=' not in second and "Older reports" not in second
    assert client.get(URL, {"after": "garbage"}).status_code == 200
