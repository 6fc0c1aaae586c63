"""POST requests in a handful of queries: the key, the service, the ward, its committee, the
deadline policy and the calendar come from per-process copies keyed by the shared `config`
stamp (core/configcache.py) — and an edit made anywhere is seen at once."""

from __future__ import annotations

from django.core.cache import cache

from phananh.accounts.models import ApiKey
from phananh.accounts.services import apikey_revoke
from phananh.api.open311.tests.conftest import BASE
from phananh.catalog.models import Category
from phananh.core.changes import CONFIG, stamp_get
from phananh.geo.models import Area

# Was 22 statements (25 with BEGIN, SAVEPOINT…), then 18, then 12; what is left writes the
# report with its due moment (no savepoint: a clash of codes runs the action again), its
# routing decision, deadline, event, fan-out task and chain link (three statements); nothing is
# read that the process already holds.
POST_BUDGET = 9


def test_a_request_is_filed_within_the_query_budget(
    client, fms_params, ward_agency, django_assert_max_num_queries
):
    assert client.post(f"{BASE}/requests.json", fms_params()).status_code == 200  # warm
    with django_assert_max_num_queries(POST_BUDGET):
        response = client.post(f"{BASE}/requests.json", fms_params(description="Lần hai"))
    assert response.status_code == 200


def test_edits_reach_the_intake_at_once(
    client, fms_params, api_key, phu_xuan, django_capture_on_commit_callbacks
):
    commit = django_capture_on_commit_callbacks
    assert client.post(f"{BASE}/requests.json", fms_params()).status_code == 200
    before = stamp_get(CONFIG)
    with commit(execute=True):
        Category.objects.get(code="sanitation").save()  # an admin's edit moves the shared stamp
    assert stamp_get(CONFIG) != before
    category = Category.objects.get(code="sanitation")
    category.is_active = False
    with commit(execute=True):
        category.save()
    assert client.post(f"{BASE}/requests.json", fms_params()).status_code == 400
    category.is_active = True
    with commit(execute=True):
        category.save()
    # The ward's polygon changes: the next report is placed by the new one.
    phu_xuan.min_lat, phu_xuan.max_lat, phu_xuan.min_lon, phu_xuan.max_lon = 16, 17, 107, 108
    phu_xuan.geometry = {
        "type": "Polygon",
        "coordinates": [[[107, 16], [108, 16], [108, 17], [107, 17], [107, 16]]],
    }
    with commit(execute=True):
        phu_xuan.save()
        other = Area.objects.create(code="X", name_vi="Xa", level="ward", lat=16.1, lon=107.1)
    code = client.post(f"{BASE}/requests.json", fms_params()).json()[0]["service_request_id"]
    from phananh.reports.models import Report

    assert Report.objects.get(code=code).area_id == phu_xuan.pk != other.pk
    # A revoked key is refused at once, in every process (another process's copy is keyed by
    # the same stamp: dropping this process's copy is not what makes it work).
    with commit(execute=True):
        apikey_revoke(key=ApiKey.objects.get(name="FixMyStreet Huế"))
    assert client.post(f"{BASE}/requests.json", fms_params()).status_code == 403


def test_a_flushed_cache_loads_again(client, fms_params):
    assert client.post(f"{BASE}/requests.json", fms_params()).status_code == 200
    cache.clear()
    assert client.post(f"{BASE}/requests.json", fms_params()).status_code == 200


def test_one_request_is_read_in_one_query_and_its_photos_in_one_more(
    client, fms_params, django_assert_max_num_queries
):
    import io

    from phananh.conftest import jpeg_bytes

    plain = client.post(f"{BASE}/requests.json", fms_params()).json()[0]["service_request_id"]
    upload = io.BytesIO(jpeg_bytes(color="blue").getvalue())
    upload.name = "one.jpeg"
    photo = client.post(f"{BASE}/requests.json", {**fms_params(), "media": upload})
    pictured = photo.json()[0]["service_request_id"]
    with django_assert_max_num_queries(1):  # a request that never had a photo: no photo query
        answer = client.get(f"{BASE}/requests/{plain}.json").json()[0]
    assert answer["media_url"] is None
    with django_assert_max_num_queries(2):
        answer = client.get(f"{BASE}/requests/{pictured}.json").json()[0]
    assert "/media/public/" in answer["media_url"]


# The request's own statements, then its photo's row and the report's count of photos (the
# count is not read back); the copies made inline: the pending photos, the row read, then
# locked again in its own transaction and its files recorded (4 with its savepoint pair);
# the answer's media_url from the photo rows alone (the request is not read back). Was 20.
PHOTO_POST_BUDGET = POST_BUDGET + 2 + 6 + 1


def test_a_request_with_a_photo_is_filed_and_answered_within_its_budget(
    client, fms_params, ward_agency, django_assert_max_num_queries
):
    import io

    from phananh.conftest import jpeg_bytes

    def photo() -> io.BytesIO:
        upload = io.BytesIO(jpeg_bytes(color="blue").getvalue())
        upload.name = "one.jpeg"
        return upload

    assert client.post(f"{BASE}/requests.json", {**fms_params(), "media": photo()}).status_code
    with django_assert_max_num_queries(PHOTO_POST_BUDGET):
        response = client.post(f"{BASE}/requests.json", {**fms_params(), "media": photo()})
    assert response.status_code == 200
    answer = response.json()[0]
    assert "/media/public/" in answer["media_url"]
    back = client.get(f"{BASE}/requests/{answer['service_request_id']}.json").json()[0]
    assert back["media_url"] == answer["media_url"]
