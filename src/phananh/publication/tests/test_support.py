"""'Me too': once per person, counted, and carried over when duplicates are merged."""

from __future__ import annotations

import pytest

from phananh.accounts.models import User
from phananh.accounts.selectors import actor_for_user
from phananh.reports.actions.agency import report_return
from phananh.reports.actions.participation import report_support
from phananh.reports.actions.triage import report_assign, report_merge
from phananh.reports.models import Support

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(submit, people):
    return report_assign(report=submit(), actor=people["operator"])


def test_support_counts_once_per_person(client, published):
    url = f"/reports/{published.code}/support/"
    assert "/accounts/login/" in client.post(url)["Location"]
    client.force_login(User.objects.create_user(email="an@example.com", password="x"))
    client.post(url)
    page = client.post(url, follow=True, HTTP_ACCEPT_LANGUAGE="en").text
    assert "already support" in page
    published.refresh_from_db()
    assert published.supports_count == 1
    assert client.get(url).status_code == 405


@pytest.mark.usefixtures("publish_on_triage")
def test_unpublished_reports_cannot_be_supported(client, submit):
    report = submit()
    client.force_login(User.objects.create_user(email="an@example.com", password="x"))
    client.post(f"/reports/{report.code}/support/")
    report.refresh_from_db()
    assert report.supports_count == 0


def test_merge_moves_supporters_to_the_primary(submit, people, published):
    duplicate = report_assign(report=submit(), actor=people["operator"])
    report_return(report=duplicate, actor=people["officer"], reason="Trùng")
    fan = User.objects.create_user(email="fan@example.com", password="x")
    both = User.objects.create_user(email="both@example.com", password="x")
    duplicate.refresh_from_db()
    report_support(report=published, actor=actor_for_user(both))
    for user in (fan, both):
        # Supports given while it was published still count after it went back for triage.
        Support.objects.get_or_create(
            report=duplicate, user=user, defaults={"created_at": duplicate.submitted_at}
        )
    report_merge(report=duplicate, actor=people["operator"], into=published)
    published.refresh_from_db()
    # The duplicate's reporter (+1), the fan moved over (+1), "both" already counted (+0).
    assert published.supports_count == 3
    assert set(published.supports.values_list("user__email", flat=True)) == {
        "fan@example.com",
        "both@example.com",
    }


def test_the_home_page_lists_the_most_supported_reports(
    client, submit, people, django_assert_max_num_queries
):
    quiet = report_assign(report=submit(text="Không ai ủng hộ"), actor=people["operator"])
    popular = report_assign(report=submit(text="Nhiều người gặp"), actor=people["operator"])
    report_support(report=popular, actor=people["citizen"])
    with django_assert_max_num_queries(6):
        page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    supported = page.split("Most supported", 1)[1]
    assert popular.code in supported and quiet.code not in supported
