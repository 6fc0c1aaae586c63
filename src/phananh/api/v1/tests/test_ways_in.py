"""Every read operation answers every way in the same public data (and the schema holds)."""

from __future__ import annotations

import pytest

from phananh.accounts.models import User
from phananh.catalog.services import category_install_defaults

pytestmark = pytest.mark.django_db

WAYS = ["nobody", "token", "session", "api_key"]


@pytest.fixture
def call(api, people, citizen_token, api_key, client):
    def _call(way: str, path: str, **kwargs):
        if way == "token":
            kwargs["token"] = citizen_token
        elif way == "api_key":
            kwargs["key"] = api_key
        elif way == "session":
            client.force_login(User.objects.get(pk=people["citizen"].user_id))
        return api.get(path, **kwargs)

    return _call


@pytest.mark.parametrize("way", WAYS)
def test_every_read_operation(call, way, published, ioc):
    category_install_defaults()
    report = published()
    for path in (
        "/",
        "/reports",
        f"/reports/{report.code}",
        f"/reports/{report.code}/timeline",
        f"/reports/{report.code}/comments",
        "/categories",
        "/categories/noise",
        "/areas",
        "/agencies",
        "/agencies/ubnd-19753",
        "/scorecards",
        "/me",
    ):
        response = call(way, path)
        assert response.status_code == 200, (way, path, response.json())
    me = call(way, "/me").json()
    assert me["auth"] == {"nobody": "anonymous"}.get(way, way)
    mine = call(way, "/me/reports")
    assert mine.status_code == {"nobody": 401, "api_key": 403}.get(way, 200)
