"""Categories with their Open311 attributes, wards, agencies, scorecards; the classifier."""

from __future__ import annotations

import pytest
from django.utils import timezone

from phananh.analytics.choices import PeriodKind
from phananh.analytics.services import scorecards_refresh
from phananh.catalog.services import category_install_defaults
from phananh.core import clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    category_install_defaults()


def test_categories_with_open311_attributes(api, catalogue, django_assert_max_num_queries):
    api.get("/categories")  # loads the process's copy of the catalogue (core/configcache.py)
    with django_assert_max_num_queries(1):
        response = api.get("/categories")
    categories = {c["code"]: c for c in response.json()["results"]}
    assert {"sanitation", "lighting", "noise", "other"} <= set(categories)
    volume = categories["sanitation"]["attributes"][0]
    assert volume["code"] == "volume"
    assert volume["datatype"] == "singlevaluelist" and volume["required"] is True
    assert volume["description"] == "Estimated amount of waste"
    assert {"key": "bag", "name": "A few bags"} in volume["values"]
    vietnamese = api.get("/categories/sanitation", lang="vi").json()
    assert vietnamese["attributes"][0]["description"] == "Khối lượng rác ước tính"
    assert vietnamese["name"].startswith("Vệ sinh môi trường")
    missing = api.get("/categories/unicorns")
    assert missing.status_code == 404 and missing.json()["message"] == "No category with this code."


def test_areas(api, phu_xuan, vy_da, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        areas = api.get("/areas").json()["results"]
    assert {a["code"] for a in areas} == {"19753", "19777"}
    phu = next(a for a in areas if a["code"] == "19753")
    assert phu == {
        "code": "19753",
        "name": "Phu Xuan Ward",
        "level": "ward",
        "lat": 16.479631,
        "lon": 107.574292,
        "parent": None,
    }


def test_agencies(api, ioc, ward_agency, other_agency, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        agencies = api.get("/agencies").json()["results"]
    assert [a["code"] for a in agencies] == ["ioc", "ubnd-19753", "ubnd-19777"]
    ward = api.get("/agencies/ubnd-19753").json()
    assert ward["kind"] == "ward" and ward["areas"] == ["19753"]
    assert ward["url"].endswith("/agencies/ubnd-19753/")
    assert api.get("/agencies/nope").status_code == 404


def test_scorecards(api, published, people):
    from phananh.accounts.choices import Role
    from phananh.reports.actions.agency import report_agency_accept
    from phananh.reports.actions.outcome import report_resolve

    report = published()
    report = report_agency_accept(report=report, actor=people[Role.OFFICER])
    report_resolve(report=report, actor=people[Role.OFFICER], result="Xong")
    today = timezone.localdate(clock.now())
    scorecards_refresh(kind=PeriodKind.ROLLING_30, day=today)
    body = api.get("/scorecards").json()
    assert body["period"] == "rolling30" and body["by"] == "agency"
    assert body["end"] == today.isoformat()
    assert body["city"]["received"] == 1 and body["city"]["subject"] is None
    card = next(c for c in body["results"] if c["subject"]["code"] == "ubnd-19753")
    assert card["resolved"] == 1 and card["rank"] is None  # below the minimum volume
    by_area = api.get("/scorecards", query={"by": "area"}).json()
    assert by_area["results"][0]["subject"]["code"] == "19753"
    empty = api.get("/scorecards", query={"period": "year", "date": "2001-06-01"}).json()
    assert empty["results"] == [] and empty["city"] is None and empty["start"] == "2001-01-01"
    bad = api.get("/scorecards", query={"period": "decade", "by": "planet"})
    assert bad.status_code == 400
    assert set(bad.json()["fields"]) == {"period", "by"}
    # `date` is declared a date in the schema: one that is not is refused before the rest.
    bad = api.get("/scorecards", query={"period": "decade", "date": "soon"})
    assert bad.status_code == 400
    assert bad.json()["fields"] == {"date": "Dates are written YYYY-MM-DD."}
    far = api.get("/scorecards", query={"period": "month", "date": "9999-12-30"})
    assert far.status_code == 400
    assert far.json()["fields"] == {"date": "Dates go from 2000-01-01 to 2100-12-31."}


def test_classify_one_and_many(api, catalogue):
    one = api.post("/classify", json={"text": "Đèn đường hỏng, cả kiệt tối om"}).json()
    [result] = one["results"]
    assert result["suggestions"][0]["category"] == "lighting"
    assert len(result["suggestions"]) <= 3
    assert all(0 <= s["score"] <= 1 for s in result["suggestions"])
    scores = [s["score"] for s in result["suggestions"]]
    assert scores == sorted(scores, reverse=True)
    texts = ["karaoke hát to đến 2 giờ sáng", "nuoc ngap sau qua", "a", "street light broken"]
    many = api.post("/classify", json={"texts": texts}).json()["results"]
    assert [r["text"] for r in many] == texts
    assert many[0]["suggestions"][0]["category"] == "noise"
    assert many[1]["suggestions"][0]["category"] == "drainage"
    assert many[2]["suggestions"] == []
    assert many[3]["suggestions"][0]["category"] == "lighting"
    assert api.post("/classify", json={"texts": []}).json() == {"results": []}


def test_classify_limits(api, catalogue):
    assert api.post("/classify", json={"texts": ["x"] * 100}).status_code == 200
    assert api.post("/classify", json={"texts": ["x"] * 101}).status_code == 400
    long = api.post("/classify", json={"texts": ["ok", "x" * 5001]})
    assert long.status_code == 400 and "texts.1" in long.json()["fields"]
