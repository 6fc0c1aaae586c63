"""`core.db.filter_ids`: the rows whose id column is in a long list, as one array parameter on
PostgreSQL and `__in` elsewhere, with the same answer."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from phananh.core.db import filter_ids
from phananh.geo.choices import AreaLevel
from phananh.geo.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas() -> list[Area]:
    return Area.objects.bulk_create(
        Area(code=f"A{i}", name_vi=f"Phường {i}", level=AreaLevel.WARD, lat=16.4, lon=107.5)
        for i in range(30)
    )


def test_the_rows_asked_for_and_only_those(areas):
    wanted = [area.pk for area in areas[::3]]
    found = filter_ids(Area.objects.all(), "id", [*wanted, 10**9]).values_list("pk", flat=True)
    assert sorted(found) == sorted(wanted)
    assert list(filter_ids(Area.objects.all(), "id", [])) == []
    assert filter_ids(Area.objects.filter(code="A0"), "id", wanted).get().code == "A0"


def test_a_thousand_ids_travel_as_one_parameter_on_postgresql(areas):
    wanted = [*(area.pk for area in areas), *range(10**6, 10**6 + 970)]
    with CaptureQueriesContext(connection) as queries:
        assert filter_ids(Area.objects.all(), "id", wanted).count() == 30
    sql = queries[-1]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql and " IN (" not in sql
    else:
        assert " IN (" in sql
