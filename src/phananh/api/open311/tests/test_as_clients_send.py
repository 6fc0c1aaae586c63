"""Open311 as real clients send it (issue 13): FixMyStreet's photo1 … photoN parts, hostile files
through every part name, media_url given and our own, address as a string, a request just
posted in every list and window, an integrator's updates, and Idempotency-Key retries.
"""

from __future__ import annotations

import io
import struct
import zlib
from datetime import UTC, datetime, timedelta

import pytest
import requests as http
import xmltodict
from boston311 import datamodels as boston
from django.core.files.storage import storages
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from georeport import GeoReport

from phananh.accounts.choices import Role
from phananh.conftest import jpeg_bytes
from phananh.reports.actions.triage import report_request_info
from phananh.reports.choices import MediaState, Status
from phananh.reports.models import Comment, Media, Report

from .conftest import BASE, json_of, spec_error


def _png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge picture: a decompression bomb."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


HOSTILE = {
    "bomb": ("bomb.png", _png_declaring(60000, 60000), "image/png"),
    "truncated": ("cut.jpg", jpeg_bytes((400, 300)).getvalue()[:300], "image/jpeg"),
    "html": ("page.jpg", b"<!doctype html><html><script>alert(1)</script></html>", "image/jpeg"),
    "svg": (
        "x.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "image/svg+xml",
    ),
    "empty": ("empty.jpg", b"", "image/jpeg"),
}


def _stored_files() -> int:
    storage = storages["private"]
    root = getattr(storage, "location", "")
    import os

    return sum(len(files) for _dir, _subdirs, files in os.walk(root)) if root else 0


@pytest.mark.parametrize("part", ["photo1", "media", "media[]", "photo2"])
@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_files_are_refused_through_every_part_name(client, fms_params, part, kind):
    name, data, _content_type = HOSTILE[kind]
    before = _stored_files()
    files = {"photo1": io.BytesIO(jpeg_bytes().getvalue())} if part == "photo2" else {}
    upload = io.BytesIO(data)
    upload.name = name
    files[part] = upload
    response = client.post(f"{BASE}/requests.xml", {**fms_params(), **files})
    assert spec_error(response, 400, "xml")
    assert not Report.objects.exists() and not Media.objects.exists()
    assert _stored_files() == before


def test_an_unknown_file_part_is_refused(client, fms_params):
    upload = io.BytesIO(jpeg_bytes().getvalue())
    upload.name = "a.jpg"
    response = client.post(f"{BASE}/requests.json", {**fms_params(), "attachment": upload})
    assert "attachment" in spec_error(response, 400)


def test_more_than_five_photos_are_refused(client, fms_params):
    parts = {}
    for n in range(1, 7):
        upload = io.BytesIO(jpeg_bytes().getvalue())
        upload.name = f"{n}.jpg"
        parts[f"photo{n}"] = upload
    spec_error(client.post(f"{BASE}/requests.json", {**fms_params(), **parts}), 400)
    assert not Report.objects.exists()


def test_fixmystreet_photo_parts_are_kept_and_media_url_works_at_once(client, fms_params):
    parts = {}
    for n in (1, 2):
        upload = io.BytesIO(jpeg_bytes(color="blue").getvalue())
        upload.name = f"7.{n - 1}.full.jpeg"
        parts[f"photo{n}"] = upload
    response = client.post(f"{BASE}/requests.json", {**fms_params(), **parts})
    assert response.status_code == 200, response.content
    answer = json_of(response)[0]
    report = Report.objects.get(code=answer["service_request_id"])
    assert report.media_count == 2
    # Small photos are made public within the request: the answer's media_url is the copy.
    assert answer["media_url"] and "/media/public/" in answer["media_url"]
    assert Media.objects.filter(report=report, state=MediaState.READY).count() == 2
    back = json_of(client.get(f"{BASE}/requests/{report.code}.json"))[0]
    assert back["media_url"] == answer["media_url"]
    assert client.get(back["media_url"].replace("http://testserver", "")).status_code == 200


def test_a_photos_address_follows_the_host_asked_and_the_storage(client, fms_params, settings):
    upload = io.BytesIO(jpeg_bytes(color="blue").getvalue())
    upload.name = "one.jpeg"
    code = json_of(client.post(f"{BASE}/requests.json", {**fms_params(), "photo1": upload}))[0][
        "service_request_id"
    ]
    first = json_of(client.get(f"{BASE}/requests/{code}.json"))[0]["media_url"]
    assert first.startswith("http://testserver/media/public/")
    # The process keeps each file's storage URL; another host is still answered with its own.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "city.example"]
    other = client.get(f"{BASE}/requests.json", HTTP_HOST="city.example", secure=True)
    assert [r["media_url"] for r in json_of(other)] == [
        first.replace("http://testserver", "https://city.example")
    ]
    settings.MEDIA_URL = "https://cdn.example/files/"  # and a storage moved is followed at once
    moved = json_of(client.get(f"{BASE}/requests/{code}.json"))[0]["media_url"]
    assert moved == first.replace("http://testserver/media/", "https://cdn.example/files/")


def test_a_photo_still_being_made_has_a_stable_address(client, fms_params, settings):
    upload = io.BytesIO(jpeg_bytes().getvalue())
    upload.name = "a.jpg"
    settings.OPEN311_PHOTO_INLINE_BYTES = 0  # as for a big photo: the worker makes it later
    response = client.post(f"{BASE}/requests.json", {**fms_params(), "photo1": upload})
    answer = json_of(response)[0]
    assert answer["media_url"].startswith("http://testserver/open311/v2/media/")
    waiting = client.get(answer["media_url"].replace("http://testserver", ""))
    assert waiting.status_code == 503 and waiting["Retry-After"]
    media = Media.objects.get(report__code=answer["service_request_id"])
    from phananh.reports.media import media_process

    media_process(media_id=media.pk)
    ready = client.get(answer["media_url"].replace("http://testserver", ""))
    assert ready.status_code == 302 and "/media/public/" in ready["Location"]


def test_a_clients_media_url_is_returned_never_fetched(client, fms_params):
    given = "https://fms.example/photo/7.0.full.jpeg"
    response = client.post(f"{BASE}/requests.json", fms_params(media_url=given))
    answer = json_of(response)[0]
    assert answer["media_url"] == given
    back = json_of(client.get(f"{BASE}/requests/{answer['service_request_id']}.json"))[0]
    assert back["media_url"] == given


def test_address_is_always_a_string(client, fms_params, phu_xuan):
    answer = json_of(client.post(f"{BASE}/requests.json", fms_params()))[0]
    back = json_of(client.get(f"{BASE}/requests/{answer['service_request_id']}.json?lang=en"))[0]
    assert isinstance(back["address"], str) and phu_xuan.name_vi in back["address"]
    typed = json_of(client.post(f"{BASE}/requests.json", fms_params(address_string="12 Lê Lợi")))
    back = json_of(client.get(f"{BASE}/requests/{typed[0]['service_request_id']}.json"))[0]
    assert back["address"] == "12 Lê Lợi"


def test_idempotency_key_returns_the_same_request(client, fms_params):
    first = client.post(
        f"{BASE}/requests.json", fms_params(), headers={"Idempotency-Key": "fms-report-7-try"}
    )
    again = client.post(
        f"{BASE}/requests.json", fms_params(), headers={"Idempotency-Key": "fms-report-7-try"}
    )
    assert json_of(first)[0]["service_request_id"] == json_of(again)[0]["service_request_id"]
    assert Report.objects.count() == 1
    other = client.post(
        f"{BASE}/requests.json", fms_params(), headers={"Idempotency-Key": "fms-report-8-try"}
    )
    assert json_of(other)[0]["service_request_id"] != json_of(first)[0]["service_request_id"]


def test_a_retry_answers_with_the_first_photo_and_none_once_the_request_is_hidden(
    client, fms_params
):
    def post() -> dict:
        upload = io.BytesIO(jpeg_bytes(color="blue").getvalue())
        upload.name = "7.0.full.jpeg"
        response = client.post(
            f"{BASE}/requests.json",
            {**fms_params(), "photo1": upload},
            headers={"Idempotency-Key": "fms-report-9-try"},
        )
        assert response.status_code == 200, response.content
        return json_of(response)[0]

    first = post()
    assert "/media/public/" in first["media_url"]
    assert post()["media_url"] == first["media_url"]  # the same request, its one photo
    assert Media.objects.count() == 1
    Report.objects.filter(code=first["service_request_id"]).update(is_hidden=True)
    again = post()
    assert again["service_request_id"] == first["service_request_id"]
    assert again["media_url"] is None  # a hidden request shows no photo


def test_an_integrators_update_is_a_public_comment_or_the_answer(
    client, fms_params, people, api_key
):
    code = json_of(client.post(f"{BASE}/requests.json", fms_params()))[0]["service_request_id"]
    report = Report.objects.get(code=code)
    update = {
        "api_key": api_key,
        "service_request_id": code,
        "status": "OPEN",
        "description": "Vẫn còn rác, gọi 0905123456",
        "first_name": "Lan",
        "last_name": "Nguyễn",
        "email": "lan@example.com",
        "update_id": "99",
    }
    response = client.post(f"{BASE}/servicerequestupdates.xml", update)
    assert response.status_code == 200, response.content
    update_id = xmltodict.parse(response.content)["service_request_updates"]["request_update"][
        "update_id"
    ]
    comment = Comment.objects.get(report=report)
    assert update_id == f"c{comment.pk}"
    assert "0905123456" not in comment.text and "Lan" not in comment.author_name
    # A retry is the same comment.
    client.post(f"{BASE}/servicerequestupdates.xml", update)
    assert Comment.objects.filter(report=report).count() == 1
    # While the IOC waits for an answer, the key that filed the report gives it.
    report_request_info(report=report, actor=people[Role.OPERATOR], question="Ở kiệt mấy?")
    answer = client.post(f"{BASE}/servicerequestupdates.json", {**update, "description": "Kiệt 5"})
    assert answer.status_code == 200, answer.content
    report.refresh_from_db()
    assert report.status == Status.NEW


pytestmark_live = pytest.mark.django_db(transaction=True)


@pytestmark_live
def test_a_request_just_posted_is_in_every_list_and_window(live_server, fms_params):
    endpoint = f"{live_server.url}/open311/v2/"
    response = http.post(f"{endpoint}requests.json", data=fms_params(), timeout=10)
    code = response.json()[0]["service_request_id"]
    now = datetime.now(UTC)
    city_day = timezone.localdate(now).isoformat()
    windows = [
        {},
        {"status": "open"},
        {"service_code": "sanitation"},
        {
            "start_date": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "end_date": (now + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
        {
            "start_date": (now - timedelta(hours=1)).astimezone().isoformat(timespec="seconds"),
            "end_date": (now + timedelta(minutes=1)).astimezone().isoformat(timespec="seconds"),
        },
        # A date without a time is a day in the city (Asia/Ho_Chi_Minh), whatever UTC says.
        {"start_date": city_day, "end_date": city_day},
    ]
    for params in windows:
        for fmt in ("json", "xml"):
            listed = http.get(f"{endpoint}requests.{fmt}", params=params, timeout=10)
            assert listed.ok, (params, listed.text)
            assert code in listed.text, (fmt, params)
    # georeport reads the XML list; boston311's strict model takes every request.
    geo = GeoReport(endpoint, jurisdiction="hue.gov.vn", output_format="xml")
    listed = geo.get_service_requests(status="open")
    listed = [listed] if isinstance(listed, dict) else listed
    assert code in [r["service_request_id"] for r in listed]
    for item in http.get(f"{endpoint}requests.json", timeout=10).json():
        request = boston.ServiceRequest(**item)
        assert request.address


@pytest.mark.parametrize("part", ["photo1", "media", "media[]"])
def test_hostile_files_in_an_update_are_refused(client, published, agency_key, part):
    report = published()
    name, data, _content_type = HOSTILE["svg"]
    upload = io.BytesIO(data)
    upload.name = name
    params = {
        "api_key": agency_key,
        "service_request_id": report.code,
        "status": "closed",
        "description": "Đã xử lý",
        part: upload,
    }
    spec_error(client.post(f"{BASE}/servicerequestupdates.xml", params), 400, "xml")
    report.refresh_from_db()
    assert report.status == Status.ASSIGNED and not Media.objects.exists()


def test_a_photo_post_decodes_the_photo_once_and_never_at_its_full_size(
    client, fms_params, monkeypatch
):
    from PIL import ImageFile

    loads = []
    real_load = ImageFile.ImageFile.load
    monkeypatch.setattr(
        ImageFile.ImageFile,
        "load",
        # A decode is a load with tiles still to read (a loaded image loads again for free).
        lambda image: (image.tile and loads.append(image.size)) or real_load(image),
    )
    opened = []
    real_open = FieldFile.open
    monkeypatch.setattr(
        FieldFile, "open", lambda file, mode="rb": opened.append(file.name) or real_open(file, mode)
    )
    photo = io.BytesIO(jpeg_bytes(size=(1800, 1200)).getvalue())
    photo.name = "7.0.full.jpeg"
    response = client.post(f"{BASE}/requests.json", {**fms_params(), "photo1": photo})
    assert response.status_code == 200, response.content
    assert Media.objects.get().state == MediaState.READY
    # The copies are made from the upload's bytes in hand: the original is written, never read.
    assert opened == []
    # The check, at half size (every coded block is still read; the smallest scale whose short
    # side still covers the 400 px square); the public copy is the upload's own picture without
    # its metadata, and the thumbnail is drawn from the check's decode.
    assert loads == [(900, 600)]
