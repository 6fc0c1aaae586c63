"""Green Sunday: residents announce a clean-up of reported spots, people join, the organiser
posts the "after" photo, the ward's officer confirms and the reports are resolved with it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from phananh.accounts.choices import Role
from phananh.accounts.models import User
from phananh.campaigns.choices import VolunteerState
from phananh.campaigns.models import VolunteerEvent
from phananh.campaigns.services import campaign_upsert
from phananh.conftest import gps_jpeg_bytes, jpeg_bytes
from phananh.core import clock
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import MediaPurpose, MediaState, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def green_sunday(noise, people):
    campaign, _ = campaign_upsert(
        slug="chu-nhat-xanh",
        name_vi="Ngày Chủ nhật xanh",
        name_en="Green Sunday",
        starts_at=clock.now() - timedelta(days=2),
        ends_at=clock.now() + timedelta(days=5),
        categories=[noise],
    )
    return campaign


def _login(client, people, key):
    client.force_login(User.objects.get(pk=people[key].user_id))


def test_a_cleanup_resolves_the_reports_once_the_ward_confirms(
    client, submit, people, green_sunday, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reports = [
            report_assign(report=submit(uploads=[jpeg_bytes()]), actor=people[Role.OPERATOR])
            for _ in range(2)
        ]
    _login(client, people, "citizen")
    sunday = timezone.localtime(clock.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/campaigns/chu-nhat-xanh/events/",
        {
            "title": "Dọn rác bờ sông",
            "place": "Bến thuyền Tòa Khâm",
            "starts_at": sunday,
            "reports": ", ".join(r.code for r in reports),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = VolunteerEvent.objects.get()
    assert event.joined_count == 1  # the organiser
    _login(client, people, "reporter")
    client.post(f"/campaigns/events/{event.pk}/join/")
    client.post(f"/campaigns/events/{event.pk}/join/")  # counted once
    event.refresh_from_db()
    assert event.joined_count == 2
    # Only the organiser posts the result.
    refused = client.post(f"/campaigns/events/{event.pk}/after/", {"photo": jpeg_bytes()})
    assert refused.status_code == 403
    _login(client, people, "citizen")
    client.post(
        f"/campaigns/events/{event.pk}/after/", {"photo": gps_jpeg_bytes(16.4705, 107.5760)}
    )
    event.refresh_from_db()
    assert event.state == VolunteerState.DONE
    assert b"Exif" not in event.after_photo.read()  # its metadata is gone
    # The ward's officer confirms in the console.
    _login(client, people, Role.OFFICER)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/ops/campaigns/chu-nhat-xanh/events/{event.pk}/confirm/")
    assert confirmed.status_code == 302
    event.refresh_from_db()
    assert event.state == VolunteerState.CONFIRMED
    for report in reports:
        report.refresh_from_db()
        assert report.status == Status.RESOLVED
        resolve = report.events.get(action="resolve")
        assert resolve.actor_id == people[Role.OFFICER].user_id
        assert "Green Sunday" in resolve.public_note or "Chủ nhật xanh" in resolve.public_note
        after = report.media.get(purpose=MediaPurpose.RESULT)
        assert after.state == MediaState.READY
    page = client.get("/campaigns/chu-nhat-xanh/?lang=en").content.decode()
    assert "Dọn rác bờ sông" in page and "2 people join" in page
    assert page.count('alt="After"') == 2 and page.count('alt="Before"') == 2


def test_another_wards_officer_cannot_confirm(client, submit, people, green_sunday):
    report = report_assign(report=submit(), actor=people[Role.OPERATOR])
    event = VolunteerEvent.objects.create(
        campaign=green_sunday,
        title="Dọn rác",
        place="Chợ",
        starts_at=clock.now(),
        created_at=clock.now(),
        organiser_id=people["citizen"].user_id,
        state=VolunteerState.DONE,
    )
    event.reports.set([report])
    event.after_photo.save("a.jpg", jpeg_bytes())
    _login(client, people, "other_officer")
    client.post(f"/ops/campaigns/chu-nhat-xanh/events/{event.pk}/confirm/")
    event.refresh_from_db()
    report.refresh_from_db()
    assert event.state == VolunteerState.DONE and report.status == Status.ASSIGNED


def test_only_the_campaigns_public_reports_can_be_cleaned_up(client, submit, people, green_sunday):
    unpublished = submit()  # still awaiting triage
    _login(client, people, "citizen")
    response = client.post(
        "/campaigns/chu-nhat-xanh/events/?lang=en",
        {
            "title": "Dọn rác",
            "place": "Chợ Đông Ba",
            "starts_at": "2026-12-06T07:00",
            "reports": unpublished.code,
        },
    )
    assert response.status_code == 400
    assert "Not reports of this campaign" in response.content.decode()
    assert not VolunteerEvent.objects.exists()
