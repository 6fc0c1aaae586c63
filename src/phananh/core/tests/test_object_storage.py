"""Media on S3-compatible object storage, end to end, against a real S3 HTTP server.

The test starts moto's S3 server on a loopback port, then real `phananh serve` and
`phananh worker` processes configured with PHANANH_MEDIA_STORAGE=s3. Photos come in through the
web form, the REST API and Open311; the worker makes the public copies; the public URL serves
a copy without EXIF; the original stays in the private bucket, unreachable without the keys;
a refused upload leaves nothing behind.
"""

from __future__ import annotations

import http.cookiejar
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from PIL import Image

from phananh.conftest import gps_jpeg_bytes

# Its own processes and database: the same whichever database the suite runs on, so it runs
# once, in the SQLite pass.
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("PHANANH_TEST_DATABASE_URL")), reason="runs in the SQLite pass"
)

PUBLIC, PRIVATE = "phananh-public", "phananh-private"
KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_http(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=3):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            if process.poll() is not None:
                raise AssertionError(process.stderr.read().decode()[-3000:]) from None
            assert time.monotonic() < deadline, f"{url} did not come up"
            time.sleep(0.3)


@pytest.fixture(scope="module")
def s3(tmp_path_factory) -> Iterator[str]:
    """A real S3-compatible server (moto) with the public and private buckets."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        _wait_http(endpoint, server)
        client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **KEYS)
        for bucket in (PUBLIC, PRIVATE):
            client.create_bucket(Bucket=bucket)
        # Anyone may read the public copies; nobody without the keys reads the originals.
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{PUBLIC}/*",
                }
            ],
        }
        client.put_bucket_policy(Bucket=PUBLIC, Policy=json.dumps(policy))
        yield endpoint
    finally:
        server.terminate()
        server.wait(15)


def _objects(endpoint: str, bucket: str) -> list[str]:
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **KEYS)
    return [item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


@pytest.fixture(scope="module")
def site(s3, tmp_path_factory) -> Iterator[dict]:
    """`phananh serve` and `phananh worker` on their own SQLite database, media on S3."""
    data = tmp_path_factory.mktemp("site")
    port = _free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PHANANH_")}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "phananh.config.settings",
            "PHANANH_EMBEDDED": "1",
            "PHANANH_DATA_DIR": str(data),
            "PHANANH_SITE_URL": f"http://127.0.0.1:{port}",
            "PHANANH_MEDIA_STORAGE": "s3",
            "PHANANH_S3_ENDPOINT_URL": s3,
            "PHANANH_S3_REGION": "us-east-1",
            "PHANANH_S3_BUCKET": PUBLIC,
            "PHANANH_S3_PRIVATE_BUCKET": PRIVATE,
            "PHANANH_S3_ACCESS_KEY_ID": "testing",
            "PHANANH_S3_SECRET_ACCESS_KEY": "testing",
            "PHANANH_S3_PUBLIC_URL": f"{s3}/{PUBLIC}",
            "PHANANH_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
    )

    def phananh(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "phananh.cli", *args],
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )

    phananh("city", "load", str(Path(__file__).resolve().parents[2] / "cities" / "hue"))
    key = phananh("apikey", "create", "Storage test").stdout.strip().splitlines()[-1]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "phananh.cli", *command],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for command in (("serve", "--port", str(port), "--workers", "1"), ("worker",))
    ]
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_http(f"{base}/healthz", processes[0])
        yield {"base": base, "key": key}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(20)


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in fields.items():
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        )
        body.write(f"{value}\r\n".encode())
    for name, (filename, content) in files.items():
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
        )
        body.write(content + b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    return body.getvalue(), f"multipart/form-data; boundary={boundary}"


def _post(opener, url: str, fields: dict, files: dict, headers: dict | None = None):
    body, content_type = _multipart(fields, files)
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": content_type, **(headers or {})}
    )
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _photo() -> bytes:
    return gps_jpeg_bytes(16.4705, 107.5760, "2026:11:30 07:45:00").getvalue()


def _no_metadata(data: bytes) -> bool:
    image = Image.open(io.BytesIO(data))
    return not image.getexif() and b"Exif" not in data


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def _media_of(site: dict, code: str, token: str, timeout: float = 90) -> list[dict]:
    """The report's media as its reporter reads them, once the worker processed them."""
    deadline = time.monotonic() + timeout
    while True:
        request = urllib.request.Request(
            f"{site['base']}/api/v1/reports/{code}", headers={"X-Reporter-Token": token}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            media = json.loads(response.read())["media"]
        if media and all(item["url"] for item in media):
            return media
        assert time.monotonic() < deadline, f"{code}'s photos were not processed"
        time.sleep(0.5)


def test_photos_through_every_channel_land_cleaned_in_the_public_bucket(s3, site):
    opener = urllib.request.build_opener()
    before_private = set(_objects(s3, PRIVATE))
    created = []
    # REST API, with an integrator's key: the answer holds the reporter token.
    status, body = _post(
        opener,
        f"{site['base']}/api/v1/reports",
        {
            "text": "Rác bên đường",
            "category": "sanitation",
            "lat": "16.4705",
            "lon": "107.5760",
            "attribute[volume]": "pile",
        },
        {"media": ("IMG_0001.JPG", _photo())},
        {"X-Api-Key": site["key"], "Accept-Language": "en"},
    )
    assert status == 201, body
    answer = json.loads(body)
    created.append((answer["report"]["code"], answer["reporter_token"]))
    # Open311, as FixMyStreet and other clients post.
    status, body = _post(
        opener,
        f"{site['base']}/open311/v2/requests.json",
        {
            "api_key": site["key"],
            "service_code": "sanitation",
            "lat": "16.4705",
            "long": "107.5760",
            "description": "Rác bên kênh",
            "attribute[volume]": "pile",
        },
        {"media": ("rac.jpg", _photo())},
    )
    assert status == 200, body
    open311_code = json.loads(body)[0]["service_request_id"]
    for code, token in created:
        for item in _media_of(site, code, token):
            status, data = _get(item["url"])
            assert status == 200 and item["url"].startswith(f"{s3}/{PUBLIC}/")
            assert _no_metadata(data)
            status, thumbnail = _get(item["thumbnail_url"])
            assert status == 200 and _no_metadata(thumbnail)
    originals = set(_objects(s3, PRIVATE)) - before_private
    assert len(originals) == 2  # the API's photo and Open311's, kept privately
    for key in originals:
        assert _get(f"{s3}/{PRIVATE}/{key}")[0] == 403  # not without the keys
    assert open311_code


def test_the_web_form_keeps_its_photo_on_s3(s3, site):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{site['base']}/report/new/?lang=en", timeout=30) as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    before = set(_objects(s3, PRIVATE))
    status, _body = _post(
        opener,
        f"{site['base']}/report/new/",
        {
            "csrfmiddlewaretoken": token,
            "text": "Cống bị tắc, nước tràn lên đường",
            "category": "drainage",
            "lat": "16.4705",
            "lon": "107.5760",
            "email": "lan@example.com",
        },
        {"uploads": ("cong.jpg", _photo())},
        {"Referer": f"{site['base']}/report/new/"},
    )
    assert status == 200  # redirected to "what happens next"
    assert len(set(_objects(s3, PRIVATE)) - before) == 1


def test_a_refused_upload_leaves_nothing_behind(s3, site):
    opener = urllib.request.build_opener()
    # Originals are stored at intake (public copies are made only from them, later).
    before = set(_objects(s3, PRIVATE))
    fake = b"<html><script>alert(1)</script></html>"
    status, body = _post(
        opener,
        f"{site['base']}/api/v1/reports",
        {
            "text": "Ảnh giả",
            "category": "sanitation",
            "lat": "16.4705",
            "lon": "107.5760",
            "attribute[volume]": "pile",
        },
        {"media": ("photo.jpg", fake)},
        {"X-Api-Key": site["key"], "Accept-Language": "en"},
    )
    assert status == 400 and json.loads(body)["code"] == "media_unsupported_type"
    # A good photo beside a bad one: the report is refused and the good one not kept either.
    status, _body = _post(
        opener,
        f"{site['base']}/open311/v2/requests.json",
        {
            "api_key": site["key"],
            "service_code": "sanitation",
            "lat": "16.47",
            "long": "107.57",
            "attribute[volume]": "pile",
        },
        {"media": ("ok.jpg", _photo()), "media[]": ("bad.jpg", fake)},
    )
    assert status == 400
    assert set(_objects(s3, PRIVATE)) == before
