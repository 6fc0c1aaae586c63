"""Integrators' API keys: created once, stored hashed, checked in constant time, revocable."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from phananh.accounts.choices import ApiKeyScope, Role
from phananh.accounts.models import ApiKey
from phananh.accounts.selectors import actor_for_api_key, apikey_authenticate, apikey_get
from phananh.accounts.services import apikey_create, apikey_revoke
from phananh.cli import main
from phananh.conftest import make_user
from phananh.core import clock
from phananh.core.errors import InvalidInput
from phananh.reports import lifecycle
from phananh.reports.actions.agency import report_agency_accept
from phananh.reports.actions.outcome import report_resolve
from phananh.reports.actions.triage import report_assign

pytestmark = pytest.mark.django_db

READ_WRITE = [ApiKeyScope.REPORTS_READ, ApiKeyScope.REPORTS_WRITE]


def test_create_returns_the_key_once_and_stores_only_a_hash():
    key, raw = apikey_create(name="FixMyStreet bridge", scopes=READ_WRITE)
    assert raw.startswith(f"pa_{key.prefix}_")
    secret = raw.split("_", 2)[2]
    assert len(secret) >= 40
    stored = ApiKey.objects.values().get(pk=key.pk)
    for value in stored.values():
        assert secret not in str(value) and raw not in str(value)
    assert stored["secret_hash"] != secret and len(stored["secret_hash"]) == 64
    assert key.scopes == ["reports:read", "reports:write"]
    assert apikey_authenticate(raw) == key


def test_two_keys_never_share_a_prefix_or_secret():
    _k1, raw1 = apikey_create(name="a", scopes=READ_WRITE)
    _k2, raw2 = apikey_create(name="b", scopes=READ_WRITE)
    assert raw1.split("_")[1] != raw2.split("_")[1]
    assert raw1 != raw2


@pytest.mark.parametrize(
    "mangle",
    [
        lambda raw: raw[:-1] + ("A" if raw[-1] != "A" else "B"),  # wrong secret
        lambda raw: "pa_00000000_" + raw.split("_", 2)[2],  # unknown prefix
        lambda raw: raw.replace("pa_", "xx_", 1),
        lambda raw: raw.split("_", 2)[0] + "_" + raw.split("_", 2)[1],  # no secret
        lambda raw: "",
        lambda raw: "pa__",
        lambda raw: "x" * 10_000,
        lambda raw: "pa_\udcff_\udcff",  # undecodable (surrogates)
        lambda raw: None,
    ],
)
def test_wrong_or_malformed_keys_are_refused(mangle):
    _key, raw = apikey_create(name="n", scopes=READ_WRITE)
    assert apikey_authenticate(mangle(raw)) is None


def test_a_revoked_key_stops_working_at_once():
    key, raw = apikey_create(name="old", scopes=READ_WRITE)
    revoked = apikey_revoke(key=key)
    assert revoked.revoked_at is not None
    assert apikey_authenticate(raw) is None
    again = apikey_revoke(key=key)  # twice-safe: the first moment stays
    assert again.revoked_at == revoked.revoked_at


def test_last_used_is_written_at_most_once_a_minute(django_assert_num_queries):
    key, raw = apikey_create(name="busy", scopes=READ_WRITE)
    start = timezone.now()
    with clock.at(start), django_assert_num_queries(2):  # read + stamp
        apikey_authenticate(raw)
    # Then read from the process's copy of the keys (core/configcache.py): no query at all.
    with clock.at(start + timedelta(seconds=30)), django_assert_num_queries(0):
        apikey_authenticate(raw)
    key.refresh_from_db()
    assert key.last_used_at == start
    with clock.at(start + timedelta(seconds=61)):
        apikey_authenticate(raw)
    key.refresh_from_db()
    assert key.last_used_at == start + timedelta(seconds=61)


def test_scopes_are_checked_and_updates_need_an_agency(ward_agency):
    with pytest.raises(InvalidInput) as error:
        apikey_create(name="x", scopes=["reports:delete"])
    assert error.value.code == "bad_scope"
    with pytest.raises(InvalidInput) as error:
        apikey_create(name="x", scopes=[ApiKeyScope.UPDATES_WRITE])
    assert error.value.code == "agency_required"
    with pytest.raises(InvalidInput):
        apikey_create(name="  ", scopes=READ_WRITE)
    key, _raw = apikey_create(
        name="ward system", scopes=[ApiKeyScope.UPDATES_WRITE, "updates:write"], agency=ward_agency
    )
    assert key.scopes == ["updates:write"]
    assert key.has_scope("updates:write") and not key.has_scope("reports:write")


def test_an_agency_key_acts_as_that_agency_officer_and_nothing_more(people, submit, ward_agency):
    key, raw = apikey_create(name="ward system", scopes=["updates:write"], agency=ward_agency)
    actor = actor_for_api_key(apikey_authenticate(raw))
    assert actor.user_id is None and not actor.is_system and actor.api_key_id == key.pk
    assert actor.label == "ward system (API)"
    report = submit()
    # Before referral the agency key may do nothing (triage is the IOC's).
    assert lifecycle.allowed_actions(report, actor) == []
    report = report_assign(report=report, actor=people[Role.OPERATOR], agency=ward_agency)
    report = report_agency_accept(report=report, actor=actor)
    report = report_resolve(report=report, actor=actor, result="Đã nhắc nhở chủ quán.")
    event = report.events.order_by("-id").first()
    assert (event.actor_label, event.actor_role, event.actor_id) == (
        "ward system (API)",
        Role.OFFICER,
        None,
    )
    # A key without an agency holds no role on any report.
    _plain, plain_raw = apikey_create(name="reader", scopes=READ_WRITE)
    assert (
        lifecycle.allowed_actions(report, actor_for_api_key(apikey_authenticate(plain_raw))) == []
    )


def test_a_key_of_another_agency_cannot_touch_the_report(people, submit, ward_agency, other_agency):
    _key, raw = apikey_create(name="other", scopes=["updates:write"], agency=other_agency)
    report = report_assign(report=submit(), actor=people[Role.OPERATOR], agency=ward_agency)
    assert lifecycle.allowed_actions(report, actor_for_api_key(apikey_authenticate(raw))) == []


def test_cli_create_prints_the_key_alone_on_its_last_line(capsys, ward_agency):
    assert main(["apikey", "create", "Partner app"]) == 0
    raw = capsys.readouterr().out.rstrip("\n").splitlines()[-1]
    key = apikey_authenticate(raw)
    assert key is not None and key.name == "Partner app"
    assert key.scopes == ["reports:read", "reports:write"]

    assert (
        main(["apikey", "create", "Ward", "--scope", "updates:write", "--agency", ward_agency.code])
        == 0
    )
    raw = capsys.readouterr().out.splitlines()[-1]
    assert apikey_authenticate(raw).agency == ward_agency

    assert main(["apikey", "list"]) == 0
    listing = capsys.readouterr().out
    assert key.prefix in listing and "Partner app" in listing and raw not in listing

    assert main(["apikey", "revoke", key.prefix]) == 0
    capsys.readouterr()
    assert apikey_get(key.prefix).revoked_at is not None
    assert main(["apikey", "revoke", "nope"]) == 2
    assert main(["apikey", "create", "x", "--scope", "bogus"]) == 2
    assert main(["apikey", "create", "x", "--agency", "no-such-agency"]) == 2


def test_admin_creates_a_key_shows_it_once_and_revokes(client, ward_agency):
    admin = make_user(is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:accounts_apikey_add")
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    response = client.post(
        url,
        {"name": "Open311 partner", "scopes": ["reports:write"], "agency": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = ApiKey.objects.get(name="Open311 partner")
    raw = response.context["raw_key"]
    assert raw in response.content.decode() and apikey_authenticate(raw) == key
    # The change page never shows the secret again.
    page = client.get(reverse("admin:accounts_apikey_change", args=[key.pk])).content.decode()
    assert key.prefix in page and raw.split("_", 2)[2] not in page
    # updates:write without an agency is refused in the form.
    response = client.post(url, {"name": "bad", "scopes": ["updates:write"]})
    assert response.status_code == 200 and not ApiKey.objects.filter(name="bad").exists()
    response = client.post(
        reverse("admin:accounts_apikey_changelist"),
        {"action": "revoke", "_selected_action": [key.pk]},
    )
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert apikey_authenticate(raw) is None
