"""The Huế demo's two campaigns: a finished Green Sunday with clean-ups and before/after
photos, and a running epidemic response with its own categories routed urgently."""

from __future__ import annotations

import pytest

from phananh.campaigns.choices import VolunteerState
from phananh.campaigns.models import Campaign, VolunteerEvent
from phananh.campaigns.selectors import campaign_standing, campaign_state
from phananh.demo.services import demo_seed
from phananh.reports.choices import MediaPurpose, Status, Track

pytestmark = pytest.mark.django_db


def test_the_demo_ships_a_finished_green_sunday_and_a_running_epidemic_response(client):
    demo_seed(limit=1, boundaries=[])
    green = Campaign.objects.get(slug="chu-nhat-xanh")
    epidemic = Campaign.objects.get(slug="phong-chong-dich")
    assert (campaign_state(green), campaign_state(epidemic)) == ("ended", "running")

    events = list(VolunteerEvent.objects.filter(campaign=green))
    assert len(events) == 3
    assert all(e.state == VolunteerState.CONFIRMED and e.after_photo for e in events)
    assert [e.joined_count for e in events] == [13, 9, 6]  # the volunteers and the organiser
    cleaned = [r for e in events for r in e.reports.all()]
    assert len(cleaned) == 5
    for report in cleaned:
        assert report.status == Status.CLOSED  # resolved with the photo, then rated
        assert report.media.filter(purpose=MediaPurpose.REPORT, state="ready").exists()
        assert report.media.filter(purpose=MediaPurpose.RESULT, state="ready").exists()
    standing = campaign_standing(green)
    assert standing.progress.received == 6 and standing.progress.handled == 5

    own = {u.category.code for u in epidemic.uses.all() if u.own}
    assert own == {"quarantine_breach", "mask_price_gouging", "suspected_case"}
    breach = epidemic.links.get(
        report__category__code="quarantine_breach", report__area__code="19753"
    )
    assert breach.report.track == Track.URGENT and breach.report.agency.code == "so-y-te"

    page = client.get("/campaigns/chu-nhat-xanh/?lang=en").content.decode()
    assert "This campaign has ended" in page and page.count('alt="After"') == 5
    assert "quarantine_breach" in client.get("/report/new/").content.decode()
