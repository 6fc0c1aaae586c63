"""A supervisor makes a campaign in the console; residents report into it through the form,
the API and Open311; its page, map, ranking and feed show it; its category goes when it ends."""

from __future__ import annotations

from datetime import timedelta

import pytest

from phananh.accounts.choices import Role
from phananh.accounts.models import User
from phananh.accounts.services import apikey_create
from phananh.campaigns.choices import JoinedBy
from phananh.campaigns.models import CampaignReport
from phananh.campaigns.selectors import campaign_standing
from phananh.campaigns.services import campaign_tag
from phananh.catalog.models import Category
from phananh.conftest import file_report
from phananh.core import clock
from phananh.core.errors import InvalidInput
from phananh.reports.actions.triage import report_assign
from phananh.reports.choices import Channel, Track
from phananh.reports.models import Report
from phananh.sla.models import Deadline

pytestmark = pytest.mark.django_db
POINT = {"lat": "16.4705", "lon": "107.5760"}


def _form_post(client, **extra):
    values = {
        "text": "Nhà số 5 kiệt 12 có người về từ vùng dịch không khai báo",
        "category": "quarantine_breach",
        "address": "Kiệt 12 Lê Lợi",
        **POINT,
    }
    values.update(extra)
    return client.post("/report/new/", values)


def test_the_console_made_the_campaign_and_its_own_category(epidemic, health):
    category = Category.objects.get(code="quarantine_breach")
    assert category.available_from == epidemic.starts_at
    assert category.available_until == epidemic.ends_at
    assert category.successor.code == "health" and category.track == Track.URGENT
    assert {u.category.code: u.own for u in epidemic.uses.all()} == {
        "noise": False,
        "quarantine_breach": True,
    }


def test_an_officer_cannot_make_a_campaign(client, people):
    client.force_login(User.objects.get(pk=people[Role.OFFICER].user_id))
    response = client.post("/ops/campaigns/", {"slug": "x"})
    assert response.status_code == 403


def test_a_resident_reports_into_it_from_the_form(client, people, epidemic, health):
    client.force_login(User.objects.get(pk=people["citizen"].user_id))
    form = client.get("/report/new/?campaign=covid-19").content.decode()
    assert 'value="quarantine_breach"' in form and 'value="covid-19"' in form
    response = _form_post(client)
    assert response.status_code == 302, response.content.decode()[:2000]
    report = Report.objects.get()
    # Its own routing, track and deadline policy, unchanged machinery.
    assert report.track == Track.URGENT
    assert report.routing_decisions.get().agency == health
    triage = Deadline.objects.get(report=report, step="triage")
    assert triage.due_at - triage.started_at == timedelta(minutes=30)
    link = CampaignReport.objects.get(report=report)
    assert (link.campaign, link.joined_by) == (epidemic, JoinedBy.CATEGORY)


def test_a_lasting_category_joins_while_it_runs_and_a_pick_joins_too(
    submit, epidemic, people, lasting_health
):
    by_category = submit()  # noise, used by the campaign
    assert CampaignReport.objects.filter(report=by_category, joined_by=JoinedBy.CATEGORY).exists()
    picked = file_report(
        actor=people["reporter"],
        text="Cửa hàng bán khẩu trang giá gấp 10 lần",
        channel=Channel.WEB,
        category=lasting_health,
        lat=16.4705,
        lon=107.5760,
    )
    assert not CampaignReport.objects.filter(report=picked).exists()
    from phananh.reports.actions.intake import report_intake
    from phananh.reports.drafts import ReportDraft

    joined = report_intake(
        actor=people["reporter"],
        draft=ReportDraft(
            text="Giá khẩu trang tăng vọt",
            channel=Channel.WEB,
            category=lasting_health,
            point=(16.4705, 107.5760),
            campaign="covid-19",
        ),
    )
    assert CampaignReport.objects.get(report=joined).joined_by == JoinedBy.PICKED
    with pytest.raises(InvalidInput) as caught:
        report_intake(
            actor=people["reporter"],
            draft=ReportDraft(
                text="x y z", channel=Channel.WEB, point=(16.47, 107.57), campaign="nope"
            ),
        )
    assert caught.value.fields == {"campaign": "campaign_not_running"}


def test_a_resident_reports_into_it_through_the_api(client, epidemic, city_ready):
    key = apikey_create(name="Hue-S", scopes=["reports:write", "reports:read"])[1]
    response = client.post(
        "/api/v1/reports",
        {
            "text": "Quán karaoke mở cửa trong thời gian giãn cách",
            "category": "noise",
            "campaign": "covid-19",
            **POINT,
        },
        HTTP_X_API_KEY=key,
    )
    assert response.status_code == 201, response.content
    report = Report.objects.get(code=response.json()["report"]["code"])
    assert CampaignReport.objects.get(report=report).joined_by == JoinedBy.PICKED
    bad = client.post(
        "/api/v1/reports",
        {"text": "Quán karaoke mở cửa", "campaign": "green-sunday", **POINT},
        HTTP_X_API_KEY=key,
    )
    assert bad.status_code == 400 and "campaign" in bad.json()["fields"]


def test_open311_lists_its_category_while_it_runs_and_takes_reports(client, epidemic, health):
    services = client.get("/open311/v2/services.json").json()
    assert "quarantine_breach" in {s["service_code"] for s in services}
    key = apikey_create(name="FixMyStreet", scopes=["reports:write", "reports:read"])[1]
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": key,
            "service_code": "quarantine_breach",
            "description": "Người cách ly tại nhà đi ra chợ",
            "lat": "16.4705",
            "long": "107.5760",
            "email": "lan@example.com",
        },
    )
    assert response.status_code == 200, response.content
    code = response.json()[0]["service_request_id"]
    assert CampaignReport.objects.filter(report__code=code, campaign=epidemic).exists()


def test_when_it_ends_its_category_disappears_and_names_the_lasting_one(
    client, people, epidemic, lasting_health
):
    after = epidemic.ends_at + timedelta(minutes=1)
    key = apikey_create(name="FixMyStreet", scopes=["reports:write", "reports:read"])[1]
    client.force_login(User.objects.get(pk=people["citizen"].user_id))
    with clock.at(after):
        form = client.get("/report/new/?lang=en").content.decode()
        assert 'value="quarantine_breach"' not in form
        response = _form_post(client, lang="en")
        assert response.status_code == 400
        page = response.content.decode()
        assert "no longer taking reports" in page and "Health" in page
        services = client.get("/open311/v2/services.json").json()
        assert "quarantine_breach" not in {s["service_code"] for s in services}
        answer = client.post(
            "/open311/v2/requests.json?lang=en",
            {
                "api_key": key,
                "service_code": "quarantine_breach",
                "description": "Người cách ly tại nhà đi ra chợ",
                "lat": "16.4705",
                "long": "107.5760",
                "email": "lan@example.com",
            },
        )
        assert answer.status_code == 400
        assert "Health" in answer.json()[0]["description"]
        api = client.post(
            "/api/v1/reports?lang=en",
            {"text": "Vi phạm cách ly", "category": "quarantine_breach", **POINT},
            HTTP_X_API_KEY=key,
        )
        assert api.status_code == 400 and api.json()["code"] == "category_ended"
        assert "Health" in api.json()["fields"]["category"]
        # The page stays as a record.
        record = client.get("/campaigns/covid-19/?lang=en").content.decode()
        assert "This campaign has ended" in record
    assert not Report.objects.exists()


def test_the_page_map_feed_and_ranking_show_its_reports(client, submit, people, epidemic):
    report = report_assign(report=submit(), actor=people[Role.OPERATOR])
    page = client.get("/campaigns/covid-19/?lang=en")
    assert page.status_code == 200
    html = page.content.decode()
    assert report.code in html and "Phu Xuan" in html
    assert 'class="received">1<' in html
    points = client.get("/campaigns/covid-19/map.json").json()["points"]
    assert [p["code"] for p in points] == [report.code]
    rss = client.get("/campaigns/covid-19/feed.rss").content.decode()
    assert report.code in rss
    atom = client.get("/campaigns/covid-19/feed.atom")
    assert atom.status_code == 200 and report.code in atom.content.decode()
    assert "covid-19" in client.get("/campaigns/").content.decode()
    assert client.get("/campaigns/nope/").status_code == 404


def test_the_ward_ranking_uses_the_scorecards_bounds(settings, resolved, epidemic):
    settings.SCORECARD_MIN_VOLUME = 2
    for _ in range(2):
        resolved()
    standing = campaign_standing(epidemic)
    assert (standing.progress.received, standing.progress.handled) == (2, 2)
    [ward] = standing.wards
    assert ward.rank == 1 and ward.on_time == 2
    assert ward.on_time_low == pytest.approx(0.342, abs=0.001)  # wilson(2, 2) low


def test_an_operator_tags_a_report_and_the_export_lists_it(client, people, epidemic, noise):
    report = file_report(
        actor=people["reporter"],
        text="Khu cách ly xả rác",
        channel=Channel.WEB,
        lat=16.4705,
        lon=107.5760,
    )
    assert campaign_tag(campaign=epidemic, report=report, actor=people[Role.OPERATOR])
    assert not campaign_tag(campaign=epidemic, report=report, actor=people[Role.OPERATOR])
    assert CampaignReport.objects.get(report=report).joined_by == JoinedBy.TAGGED
    client.force_login(User.objects.get(pk=people[Role.OBSERVER].user_id))
    export = b"".join(client.get("/ops/campaigns/covid-19/export.csv").streaming_content)
    assert report.code.encode() in export and b"@" not in export
    dashboard = client.get("/ops/campaigns/covid-19/")
    assert dashboard.status_code == 200


def test_the_console_refuses_a_campaign_that_ends_before_it_starts(supervisor_client):
    response = supervisor_client.post(
        "/ops/campaigns/?lang=en",
        {
            "slug": "bad",
            "name_vi": "X",
            "starts_at": "2026-12-10T08:00",
            "ends_at": "2026-12-01T08:00",
        },
    )
    assert response.status_code == 400
    assert "ends after it starts" in response.content.decode()


@pytest.fixture
def city_ready(phu_xuan, ward_agency):
    return phu_xuan
