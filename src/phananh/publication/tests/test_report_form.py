"""The citizen's report form: labels, validation, confirmation by email, privacy."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.urls import reverse

from phananh.accounts.models import User
from phananh.catalog.services import category_install_defaults
from phananh.conftest import jpeg_bytes
from phananh.reports.choices import Status
from phananh.reports.models import Report

pytestmark = pytest.mark.django_db
URL = "/report/new/"


@pytest.fixture
def city(phu_xuan, ward_agency):
    category_install_defaults()
    return phu_xuan


def post(client, **values):
    data = {
        "text": "Đèn đường hỏng cả tuần, kiệt tối om",
        "category": "lighting",
        "lat": "16.4705",
        "lon": "107.5760",
        "address": "Kiệt 47 Nguyễn Chí Thanh",
        "name": "Lan",
        "email": "lan@example.com",
        "phone": "0905 111 222",
    }
    data.update(values)
    return client.post(
        URL, {k: v for k, v in data.items() if v is not None}, HTTP_ACCEPT_LANGUAGE="en"
    )


def test_english_labels_are_the_published_ones(client, city):
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").text
    for label in (
        "Description",
        "Category",
        "Photos or video",
        "Location",
        "Your name",
        "Email",
        "Phone",
    ):
        assert re.search(rf'<label for="[^"]+">{label}</label>', page), label
    assert "Send report" in page
    assert "leaflet/leaflet.js" in page


def test_vietnamese_by_default(client, city):
    page = client.get(URL).text
    assert 'lang="vi"' in page
    for label in ("Nội dung phản ánh", "Lĩnh vực", "Ảnh hoặc video", "Vị trí", "Họ và tên"):
        assert re.search(rf'<label for="[^"]+">{label}</label>', page), label
    assert "Gửi phản ánh</button>" in page


def test_anonymous_visitor_confirms_by_email(client, city, django_capture_on_commit_callbacks):
    upload = jpeg_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, uploads=upload)
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == Status.UNCONFIRMED
    assert report.area == city and report.category.code == "lighting"
    assert report.media.count() == 1
    sent = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").text
    assert report.code in sent and "lan@example.com" in sent
    message = mail.outbox[-1]
    assert message.to == ["lan@example.com"] and report.code in message.subject
    link = re.search(r"https?://[^\s]+/confirm/[^\s]+", message.body).group(0)
    path = link.split("//", 1)[1].split("/", 1)[1]
    confirmed = client.get("/" + path, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "confirmed" in confirmed.text
    report.refresh_from_db()
    assert report.status == Status.NEW
    assert report.events.filter(action="confirm").count() == 1
    again = client.get("/" + path, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "already confirmed" in again.text


def test_signed_in_citizen_needs_no_confirmation(client, city):
    user = User.objects.create_user(email="minh@example.com", password="x")
    client.force_login(user)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").text
    assert 'name="email"' not in page
    response = post(client, name=None, email=None, phone=None)
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == Status.NEW and report.reporter == user


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"lat": "", "lon": "", "address": ""}, "address", "drop a pin"),
        ({"email": ""}, "email", "email address is needed"),
        ({"text": ""}, "text", "required"),
        ({"lat": "999"}, "address", "place the pin again"),
        ({"lon": "east"}, "address", "place the pin again"),
    ],
)
def test_bad_input_gets_a_clear_400_and_keeps_what_was_typed(client, city, values, field, message):
    response = post(client, **values)
    assert response.status_code == 400
    assert message in response.text
    assert not Report.objects.exists()
    if field != "text":
        assert "Đèn đường hỏng" in response.text


def test_files_that_are_not_photos_are_refused_by_their_content(client, city):
    fake = io.BytesIO(b"%PDF-1.7 invoice")
    fake.name = "photo.jpg"
    response = post(client, uploads=fake)
    assert response.status_code == 400
    assert "photo.jpg" in response.text
    assert not Report.objects.exists()


def test_private_contact_is_not_on_the_public_page(client, city):
    post(client, anonymous="on")
    report = Report.objects.get()
    page = client.get(report.get_absolute_url()).text
    for secret in ("lan@example.com", "0905 111 222", "Lan<"):
        assert secret not in page


def test_category_suggestions_from_the_text(client, city):
    response = client.get(reverse("publication:report-suggest"), {"text": "den duong hong toi om"})
    codes = [s["category"] for s in response.json()["suggestions"]]
    assert codes[0] == "lighting"
    assert client.get(reverse("publication:report-suggest")).json() == {"suggestions": []}


def test_where_endpoint(client, city):
    assert (
        client.get(reverse("geo:where"), {"lat": "16.47", "lon": "107.57"}).json()["area"]["code"]
        == "19753"
    )
    assert client.get(reverse("geo:where"), {"lat": "x"}).status_code == 400
    outlines = client.get(reverse("geo:outlines")).json()
    assert outlines["features"][0]["properties"]["code"] == "19753"


def test_bad_confirmation_link(client, city):
    post(client)
    report = Report.objects.get()
    response = client.get(reverse("publication:report-confirm", args=[report.code, "forged"]))
    assert response.status_code == 400
    assert Report.objects.get().status == Status.UNCONFIRMED
