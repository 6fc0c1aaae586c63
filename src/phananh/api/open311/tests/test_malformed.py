"""A battery of malformed requests: each gets the spec's error, in the asked format, never a 500."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from phananh.reports.models import Report

from .conftest import BASE, spec_error

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


def _query(name: str, value: str) -> str:
    from urllib.parse import quote

    return f"{name}={quote(value, safe='')}"


BAD_GETS = [
    # (path with query, status)
    (f"requests.json?{_query('start_date', 'yesterday')}", 400),
    (f"requests.json?{_query('start_date', '2026-13-45')}", 400),
    (f"requests.json?{_query('start_date', '2026-02-30')}", 400),
    (f"requests.json?{_query('start_date', '99999-01-01')}", 400),
    (f"requests.json?{_query('start_date', '0001-01-01T00:00:00+14:00')}", 400),
    (f"requests.json?{_query('end_date', '9999-12-31')}", 400),
    (f"requests.json?{_query('end_date', '9999-12-31T23:59:59-12:00')}", 400),
    (f"requests.json?{_query('start_date', chr(39) + ' OR 1=1 --')}", 400),
    (f"requests.json?{_query('start_date', '2026-05-04T25:00:00Z')}", 400),
    (f"requests.json?{_query('start_date', '2026-05-04T10:00:00+25:00')}", 400),
    (f"requests.json?{_query('start_date', '1' * 5000)}", 400),
    ("requests.json?start_date=2026-05-04&end_date=2026-05-01", 400),
    ("requests.xml?status=pending", 400),
    ("requests.json?status=open,maybe", 400),
    ("requests.json?service_code=" + ",".join(f"c{i}" for i in range(300)), 400),
    ("requests.json?service_request_id=" + ",".join(f"PA-{i}" for i in range(300)), 400),
    ("requests.json?jurisdiction_id=sf.gov", 404),
    ("services.xml?jurisdiction_id=%FF%FE", 404),
    ("services/nope.json", 404),
    ("services/%00.json", 404),
    ("services/sanitation%00.json", 404),
    ("requests/PA-%00.json", 404),
    ("tokens/%00.xml", 404),
    ("requests.json?status=%00x", 400),
    ("services/" + "x" * 3000 + ".json", 404),
    ("requests/PA-NOPE.xml", 404),
    ("requests/%FF%FE.json", 404),
    ("tokens/" + "t" * 3000 + ".json", 404),
    # No usable suffix.
    ("requests", 404),
    ("services", 404),
    ("requests.html", 404),
    ("requests.JSONP", 404),
    ("requests/.json", 404),
    ("discovery", 404),
    ("servicerequestupdates", 404),
    ("no/such/thing.json", 404),
    (f"servicerequestupdates.json?{_query('start_date', 'soon')}", 400),
]


@pytest.mark.parametrize(("path", "status"), BAD_GETS)
def test_bad_gets(client, catalog, path, status):
    response = client.get(f"{BASE}/{path}")
    fmt = "xml" if ".xml" in path or "." not in path.split("?")[0] or ".html" in path else "json"
    if path.split("?")[0].endswith((".JSONP", ".html")) or "." not in path.split("?")[0]:
        fmt = "xml"
    spec_error(response, status, fmt)


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({"lat": "abc"}, 400),
        ({"lat": "91"}, 400),
        ({"long": "-181"}, 400),
        ({"lat": "nan"}, 400),
        ({"lat": "inf"}, 400),
        ({"lat": "1e400"}, 400),
        ({"lat": "1" * 5000}, 400),
        ({"long": None}, 400),
        ({"lat": None, "long": None}, 400),
        ({"service_code": None}, 400),
        ({"service_code": "nope"}, 400),
        ({"service_code": "sanitation\x00"}, 200),
        ({"attribute[volume]": None}, 400),
        ({"attribute[volume]": ""}, 400),
        ({"attribute[volume]": ["bag", "dump"]}, 400),
        ({"email": "not-an-address"}, 400),
        ({"description": "x" * 30000}, 400),
        ({"description": "Rác\x00 ở đây\x07"}, 200),
        ({"api_key": None}, 403),
        ({"api_key": ""}, 403),
        ({"api_key": "pa_deadbeef_" + "A" * 43}, 403),
        ({"api_key": "x" * 10000}, 403),
        ({"jurisdiction_id": "other.gov"}, 404),
        ({"first_name": "A" * 5000, "phone": "9" * 500, "media_url": "javascript:alert(1)"}, 200),
        ({"attribute[" + "x" * 500 + "]": "y", "attribute[]": "z", "attribute": "w"}, 200),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_bad_posts(client, fms_params, changes, status, fmt):
    response = client.post(f"{BASE}/requests.{fmt}", fms_params(**changes))
    if status == 200:
        assert response.status_code == 200, response.content
        report = Report.objects.get()
        assert "\x00" not in report.text and "\x00" not in report.category.code
    else:
        spec_error(response, status, fmt)
        assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("put", "requests.json"),
        ("delete", "requests.xml"),
        ("patch", "servicerequestupdates.json"),
        ("post", "services.json"),
        ("post", "services/sanitation.xml"),
        ("post", "requests/PA-1.json"),
        ("post", "tokens/PA-1.json"),
        ("post", "discovery.json"),
        ("options", "requests.json"),
    ],
)
def test_wrong_methods(client, catalog, method, path):
    response = getattr(client, method)(f"{BASE}/{path}")
    fmt = path.rsplit(".", 1)[1]
    spec_error(response, 405, fmt)
    assert "GET" in response["Allow"]


def test_head_is_a_get(client, catalog):
    assert client.head(f"{BASE}/services.json").status_code == 200


def _raw(url: str, body: bytes, content_type: str):
    """POST these exact bytes (the test client's `post` would re-encode them)."""
    return Client().generic("POST", url, body, content_type=content_type)


def test_unreadable_bodies(client, fms_params, api_key):
    url = f"{BASE}/requests.json"
    # Not UTF-8: decoded with replacement characters, never a crash.
    body = f"api_key={api_key}&service_code=sanitation&lat=16.47&long=107.57".encode()
    body += b"&attribute%5Bvolume%5D=bag&description=R%E1c%FF%FE\xff\xfe"
    response = _raw(url, body, content_type=FORM)
    assert response.status_code == 200, response.content
    assert "\ufffd" in Report.objects.get().text
    # Latin-1 declared: still read.
    response = _raw(url, body, content_type=f"{FORM}; charset=latin-1")
    assert response.status_code in (200, 400)
    # Unknown charset: read as UTF-8.
    response = _raw(url, body, content_type=f"{FORM}; charset=klingon")
    assert response.status_code in (200, 400)
    # Multipart without a boundary, with a broken one, or truncated.
    spec_error(_raw(url, b"xx", content_type="multipart/form-data"), 400)
    response = _raw(url, b"garbage", content_type="multipart/form-data; boundary=zz")
    spec_error(response, response.status_code)
    truncated = b'--zz\r\nContent-Disposition: form-data; name="api_key"\r\n\r\n' + api_key.encode()
    response = _raw(url, truncated, content_type="multipart/form-data; boundary=zz")
    assert response.status_code in (400, 403)
    spec_error(response, response.status_code)
    # JSON instead of a form: no parameters, so no api_key.
    spec_error(_raw(url, b'{"api_key": "x"}', content_type="application/json"), 403)
    # Too many fields.
    many = "&".join(f"attribute%5Bf{i}%5D=1" for i in range(1500))
    response = _raw(url, f"api_key={api_key}&{many}".encode(), content_type=FORM)
    spec_error(response, 400)
    # Too many files.
    params = fms_params()
    uploads = []
    for index in range(8):
        upload = io.BytesIO(b"\xff\xd8\xff")
        upload.name = f"p{index}.jpg"
        uploads.append(upload)
    before = Report.objects.count()
    spec_error(client.post(url, {**params, "media": uploads}), 400)
    assert Report.objects.count() == before


def test_updates_battery(client, published, agency_key):
    report = published()
    url = f"{BASE}/servicerequestupdates.json"
    base = {"api_key": agency_key, "service_request_id": report.code}
    spec_error(client.post(url, {**base, "status": "open", "api_key": ""}), 403)
    spec_error(client.post(url, {**base, "status": "sideways", "description": "x"}), 400)
    spec_error(client.post(url, {"api_key": agency_key, "status": "open"}), 400)
    spec_error(client.post(url, {**base, "service_request_id": "PA-NOPE", "status": "open"}), 404)
    spec_error(client.post(url, {**base, "status": "closed"}), 400)  # no result text
    spec_error(client.post(url, {**base, "status": "NOT_COUNCILS_RESPONSIBILITY"}), 400)
    spec_error(client.post(url, {**base, "status": "open", "jurisdiction_id": "x"}), 404)
    assert (
        client.post(url, {**base, "status": "closed", "description": "\x00" * 10}).status_code
        == 400
    )
    report.refresh_from_db()
    assert report.status == "assigned"


def test_nul_bytes_never_reach_the_database(client, published):
    """PostgreSQL refuses NUL in text: every parameter is cleaned before a query."""
    report = published()
    for params in (
        {"service_request_id": f"{report.code}\x00"},
        {"service_code": "sanitation\x00,noise"},
        {"jurisdiction_id": "hue.gov.vn\x00"},
    ):
        assert client.get(f"{BASE}/requests.json", params).status_code in (200, 404)
    data = client.get(f"{BASE}/requests.json", {"service_request_id": f"{report.code}\x00"})
    assert report.code in data.content.decode()
