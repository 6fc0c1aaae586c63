"""POST /api/v1/reports: the web form's rules, through the one intake, per way of calling."""

from __future__ import annotations

import io

import pytest
from django.core import mail

from phananh.catalog.services import category_install_defaults
from phananh.conftest import gps_jpeg_bytes, jpeg_bytes
from phananh.intelligence.models import Classification
from phananh.notifications.models import Notification
from phananh.reports.choices import Channel, Status, Track
from phananh.reports.models import Media, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(phu_xuan, ward_agency):
    category_install_defaults()
    return phu_xuan


def form(**values):
    data = {
        "text": "Đèn đường hỏng cả tuần, kiệt tối om",
        "category": "lighting",
        "lat": "16.4705",
        "lon": "107.5760",
        "address": "Kiệt 47 Nguyễn Chí Thanh",
        # Required by the lighting category's service definition (GET /categories).
        "attribute[lamp_state]": "off_at_night",
    }
    if values.get("category", "lighting") != "lighting":
        del data["attribute[lamp_state]"]
    data.update(values)
    return {k: v for k, v in data.items() if v is not None}


def test_without_an_account_it_waits_for_the_emailed_link(
    api, city, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/reports",
            data=form(
                name="Lan", email="Lan@Example.com", phone="0905 111 222", media=jpeg_bytes()
            ),
        )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["confirmation_required"] is True
    assert body["reporter_token"] is None
    assert body["report"]["status"] == Status.UNCONFIRMED
    assert body["report"]["state"] == "received"
    report = Report.objects.get(code=body["report"]["code"])
    assert report.channel == Channel.APP
    assert report.reporter_id is None
    assert (report.reporter_name, report.reporter_email, report.reporter_phone) == (
        "Lan",
        "lan@example.com",
        "0905 111 222",
    )
    assert report.media_count == 1
    assert report.language == "en"
    confirmation = Notification.objects.get(kind="report_confirmation", report_id=report.pk)
    assert "/confirm/" in confirmation.body
    # Through report_intake: the classifier ran after commit.
    assert Classification.objects.filter(report=report).exists()


def test_without_an_account_an_email_is_required(api, city):
    response = api.post("/reports", data=form())
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["fields"] == {
        "email": "An email address is needed to confirm a report sent without an account."
    }
    assert not Report.objects.exists()


def test_with_a_personal_token_the_report_is_the_accounts_and_confirmed(
    api, city, citizen_token, people
):
    response = api.post(
        "/reports",
        data=form(urgent="true", anonymous="on", name="Ignored", email="x@example.com"),
        token=citizen_token,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["confirmation_required"] is False
    assert body["report"]["status"] == Status.NEW
    report = Report.objects.get(code=body["report"]["code"])
    assert report.reporter_id == people["citizen"].user_id
    assert report.channel == Channel.APP
    assert report.track == Track.URGENT and body["report"]["urgent"] is True
    assert report.is_anonymous
    # An account's contact is its own: the form's contact fields are not taken.
    assert (report.reporter_name, report.reporter_email) == ("", "")
    assert not Notification.objects.filter(kind="report_confirmation").exists()
    # The reporter sees it (and its status) at once, before publication.
    detail = api.get(f"/reports/{report.code}", token=citizen_token).json()
    assert detail["status"] == Status.NEW
    mine = api.get("/me/reports", token=citizen_token).json()
    assert [r["code"] for r in mine["results"]] == [report.code]
    # The public does not, until the operations centre accepts it.
    assert api.get(f"/reports/{report.code}").status_code == 200  # public once confirmed


def test_with_an_api_key_it_is_confirmed_on_the_api_channel(api, city, api_key):
    response = api.post(
        "/reports",
        data=form(name="Minh", email="minh@example.com", category="", address=""),
        key=api_key,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    report = Report.objects.get(code=body["report"]["code"])
    assert report.channel == Channel.API
    assert report.status == Status.NEW and report.confirmed_at is not None
    assert report.category is None and report.area is not None
    assert report.reporter_id is None and report.reporter_email == "minh@example.com"
    # The key holder gets the reporter token: it proves the report is theirs later.
    token = body["reporter_token"]
    assert token
    detail = api.get(f"/reports/{report.code}", key=api_key, reporter_token=token).json()
    assert detail["status"] == Status.NEW
    assert api.get(f"/reports/{report.code}", key=api_key).status_code == 200


def test_an_api_key_without_the_write_scope_may_not_send(api, city, read_only_key):
    response = api.post("/reports", data=form(), key=read_only_key)
    assert response.status_code == 403
    assert response.json()["code"] == "scope_missing"
    assert not Report.objects.exists()


def test_in_a_session_csrf_is_checked(csrf_api, city, people):
    from phananh.accounts.models import User

    user = User.objects.get(pk=people["citizen"].user_id)
    csrf_api.client.force_login(user)
    refused = csrf_api.post("/reports", data=form())
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    # The token the page would give (the csrftoken cookie) makes it pass.
    csrf_api.client.get("/report/new/")
    csrf = csrf_api.client.cookies["csrftoken"].value
    accepted = csrf_api.post("/reports", data=form(), headers={"X-CSRFToken": csrf})
    assert accepted.status_code == 201, accepted.json()
    report = Report.objects.get(code=accepted.json()["report"]["code"])
    assert report.reporter_id == user.pk and report.status == Status.NEW


def test_form_encoded_works_too(api, city, citizen_token):
    response = api.post(
        "/reports",
        body="text=C%C3%B3+r%C3%A1c&address=Ch%E1%BB%A3+%C4%90%C3%B4ng+Ba",
        content_type="application/x-www-form-urlencoded",
        token=citizen_token,
    )
    assert response.status_code == 201, response.json()
    report = Report.objects.get(code=response.json()["report"]["code"])
    assert report.text == "Có rác" and report.address == "Chợ Đông Ba"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"text": ""}, "text", "This field is required."),
        ({"text": "x" * 5001}, "text", "Ensure this value has at most 5000 characters"),
        ({"lat": None, "lon": None, "address": ""}, "address", "Give the place"),
        ({"lon": None, "address": ""}, "lon", "both latitude and longitude"),
        ({"lat": "north"}, "lat", "Enter a number."),
        ({"lat": "91"}, "lat", "less than or equal to 90"),
        ({"category": "unicorns"}, "category", "Select a valid choice"),
        ({"attribute[lamp_state]": None}, "attribute[lamp_state]", "is required"),
        ({"attribute[lamp_state]": "on fire"}, "attribute[lamp_state]", "is not one of"),
    ],
)
def test_the_web_forms_rules_apply(api, city, citizen_token, values, field, message):
    response = api.post("/reports", data=form(**values), token=citizen_token)
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["fields"], body
    assert message in body["fields"][field]
    assert not Report.objects.exists()


def test_category_attributes_are_checked_and_kept(api, city, citizen_token):
    bad = api.post(
        "/reports",
        data=form(category="sanitation", **{"attribute[volume]": "mountain"}),
        token=citizen_token,
    )
    assert bad.status_code == 400
    assert bad.json()["fields"] == {
        "attribute[volume]": "attribute[volume]: “mountain” is not one of bag, pile, large, dump."
    }
    good = api.post(
        "/reports",
        data=form(
            category="sanitation",
            **{"attribute[volume]": "pile", "attribute[waste_type][]": ["household", "debris"]},
        ),
        token=citizen_token,
    )
    assert good.status_code == 201, good.json()
    report = Report.objects.get(code=good.json()["report"]["code"])
    assert report.attributes == {"volume": "pile", "waste_type": ["household", "debris"]}


def test_media_checks(api, city, citizen_token):
    not_an_image = io.BytesIO(b"%PDF-1.4 not a photo")
    not_an_image.name = "doc.pdf"
    response = api.post("/reports", data=form(media=not_an_image), token=citizen_token)
    assert response.status_code == 400
    assert response.json()["code"] == "media_unsupported_type"
    assert "media" in response.json()["fields"]
    seven = [jpeg_bytes() for _ in range(7)]
    response = api.post("/reports", data=form(media=seven), token=citizen_token)
    assert response.status_code == 400
    assert response.json()["fields"]["media"] == "Send at most 6 photos or videos."
    assert not Report.objects.exists() and not Media.objects.exists()


def test_a_photo_too_large_is_413(api, city, citizen_token, settings):
    settings.MEDIA_MAX_BYTES = 1000
    response = api.post(
        "/reports", data=form(media=jpeg_bytes((400, 300), "blue")), token=citizen_token
    )
    assert response.status_code == 413
    assert response.json()["code"] == "media_too_large"
    assert not Report.objects.exists()


def test_the_place_may_come_from_the_photo(api, city, citizen_token):
    response = api.post(
        "/reports",
        data=form(
            lat=None, lon=None, address="near the market", media=gps_jpeg_bytes(16.47, 107.575)
        ),
        token=citizen_token,
    )
    assert response.status_code == 201
    assert response.json()["report"]["lat"] == pytest.approx(16.47, abs=1e-4)


def test_json_is_refused_with_415(api, city, citizen_token):
    response = api.post("/reports", json={"text": "x"}, token=citizen_token)
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    assert "multipart/form-data" in response.json()["message"]


def test_vietnamese_by_default(api, city):
    response = api.post("/reports", data=form(), lang=None)
    assert response.status_code == 400
    assert response.json()["fields"]["email"] != (
        "An email address is needed to confirm a report sent without an account."
    )
    english = api.post("/reports?lang=en", data=form(), lang=None)
    assert english.json()["fields"]["email"] == (
        "An email address is needed to confirm a report sent without an account."
    )


def test_an_apps_retry_with_the_same_idempotency_key_gets_the_same_report(api, city):
    headers = {"Idempotency-Key": "3f2a9c1e7b5d4a6f8e0c2b4d6f8a0c1e"}
    codes = [
        api.post("/reports", data=form(email="app@example.com"), headers=headers).json()["report"][
            "code"
        ]
        for _attempt in range(2)
    ]
    assert codes[0] == codes[1] and Report.objects.count() == 1
