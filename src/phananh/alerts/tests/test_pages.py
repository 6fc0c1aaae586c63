"""The alerts pages: reachable from the list, ward and report pages; precise 4xx answers in the
page's language; the form cannot fill someone's inbox."""

from __future__ import annotations

import pytest

from phananh.alerts.models import AlertSubscription
from phananh.alerts.tests.conftest import emails_to
from phananh.alerts.tokens import alert_token

pytestmark = pytest.mark.django_db


def test_the_list_ward_and_report_pages_link_to_the_form(client, submit, phu_xuan, ward_agency):
    report = submit()
    assert 'href="/alerts/?area=19753"' in client.get("/reports/?area=19753").text
    assert "/alerts/?area=19753" in client.get(f"/agencies/{ward_agency.code}/").text
    detail = client.get(f"/reports/{report.code}/?lang=en").text
    assert "/alerts/?lat=16.470500&amp;lon=107.576000" in detail
    form = client.get("/alerts/?lat=16.470500&lon=107.576000&lang=en")
    assert form.status_code == 200
    assert form.context["form"]["kind"].value() == "radius"
    assert 'name="lat" value="16.470500"' in form.text
    assert "Phu Xuan Ward" in form.text and "All of" in form.text


@pytest.mark.parametrize(
    ("lang", "posted", "status", "message"),
    [
        (
            "en",
            {"email": "not-an-address", "kind": "ward", "area": "19753"},
            400,
            "Enter a valid email address.",
        ),
        ("vi", {"email": "", "kind": "ward", "area": "19753"}, 400, "Nhập địa chỉ email"),
        ("en", {"email": "a@example.com", "kind": "ward"}, 400, "Choose the ward or commune."),
        (
            "en",
            {"email": "a@example.com", "kind": "ward", "area": "nowhere"},
            400,
            "This ward or commune is not in the list.",
        ),
        (
            "en",
            {"email": "a@example.com", "kind": "radius"},
            400,
            "Choose the point on the map, or give its latitude and longitude.",
        ),
        (
            "en",
            {
                "email": "a@example.com",
                "kind": "radius",
                "lat": "16.47",
                "lon": "107.57",
                "radius": "10000",
            },
            400,
            "The distance must be between 250 m and 5 km.",
        ),
        (
            "vi",
            {
                "email": "a@example.com",
                "kind": "radius",
                "lat": "16.47",
                "lon": "107.57",
                "radius": "100",
            },
            400,
            "Bán kính phải từ 250 m đến 5 km.",
        ),
        (
            "en",
            {"email": "a@example.com", "kind": "radius", "lat": "21.03", "lon": "105.85"},
            400,
            "This point is outside the city.",
        ),
        (
            "en",
            {"email": "a@example.com", "kind": "radius", "lat": "north", "lon": "107.57"},
            400,
            "The latitude must be a number",
        ),
        (
            "en",
            {"email": "a@example.com", "kind": "ward", "area": "19753", "category": "nope"},
            400,
            "This category is not in the list.",
        ),
        ("en", {"email": "a@example.com", "kind": "everywhere"}, 400, "Choose a ward or a point."),
    ],
)
def test_bad_input_is_a_precise_400_in_the_page_s_language(
    client, phu_xuan, noise, lang, posted, status, message
):
    answer = client.post(f"/alerts/?lang={lang}", {"frequency": "immediate", **posted})
    assert answer.status_code == status
    assert message in answer.text
    assert not AlertSubscription.objects.exists()


def test_the_form_cannot_fill_an_inbox(client, phu_xuan, django_capture_on_commit_callbacks):
    posted = {
        "email": "victim@example.com",
        "kind": "ward",
        "area": "19753",
        "frequency": "immediate",
    }
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post("/alerts/?lang=en", posted).status_code for _ in range(5)]
    assert answers == [200, 200, 200, 429, 429]
    assert len(emails_to("victim@example.com")) == 3
    refused = client.post("/alerts/?lang=en", posted)
    assert "Please wait an hour" in refused.text
    # From one connection, other addresses too: past 10 an hour, refused.
    with django_capture_on_commit_callbacks(execute=True):
        others = [
            client.post("/alerts/", {**posted, "email": f"p{n}@example.com"}).status_code
            for n in range(8)
        ]
    assert others.count(429) >= 2


def test_bad_or_misused_links_are_400(client, phu_xuan):
    from phananh.alerts.services import AlertRequest, alert_subscribe

    subscription = alert_subscribe(
        request=AlertRequest(email="a@example.com", kind="ward", frequency="daily", area=phu_xuan)
    )
    assert client.get("/alerts/confirm/garbage/?lang=en").status_code == 400
    stop_token = alert_token(subscription.pk, "stop")
    wrong = client.get(f"/alerts/confirm/{stop_token}/?lang=en")
    assert wrong.status_code == 400 and "This link does not work" in wrong.text
    assert AlertSubscription.objects.get().confirmed_at is None
    assert client.post("/alerts/stop/garbage/").status_code == 400
