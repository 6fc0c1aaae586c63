"""The demo's people: one login per role (printed by `phananh demo`), an officer per agency."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from phananh.accounts.choices import AgencyKind, Role
from phananh.accounts.models import Agency
from phananh.accounts.selectors import user_by_email
from phananh.accounts.services import membership_ensure, user_ensure
from phananh.demo.data import DemoPeople


@dataclass(frozen=True)
class DemoLogin:
    """A printed demo login: address, role label, agency name."""

    email: str
    role: str
    agency: str


@transaction.atomic
def demo_seed_people(people: DemoPeople, agencies: dict[str, Agency]) -> list[DemoLogin]:
    """Create the logins of people.json (kept as they are when they exist) and an officer
    (without a password: for the sample timelines only) for every other agency but the IOC."""
    logins = []
    staffed = set()
    for person in people.logins:
        email = people.email(person.login)
        user, _created = user_ensure(
            email=email,
            full_name=person.name,
            password=people.password,
            superuser=person.role == Role.ADMIN,
        )
        if person.role is None:
            logins.append(DemoLogin(email, "citizen", ""))
            continue
        assert person.agency is not None, "people.json gives every role an agency (demo/data.py)"
        agency = agencies[person.agency]
        membership_ensure(user=user, agency=agency, role=person.role)
        logins.append(DemoLogin(email, str(Role(person.role).label), agency.name_vi))
        if person.role in (Role.OFFICER, Role.HEAD):
            staffed.add(agency.code)
    for code, agency in agencies.items():
        if agency.kind == AgencyKind.IOC or code in staffed:
            continue
        user, _created = user_ensure(
            email=people.email(people.officer_login.format(agency_code=code)),
            full_name=people.officer_name.format(
                agency_name_vi=agency.name_vi, agency_name_en=agency.name_en
            ),
            password=None,
        )
        membership_ensure(user=user, agency=agency, role=Role.OFFICER)
    return logins


def demo_logins(people: DemoPeople) -> list[DemoLogin]:
    """The printed demo logins (one per role) as they exist in the database."""
    logins = []
    for person in people.logins:
        user = user_by_email(people.email(person.login))
        if user is None:
            continue
        membership = user.memberships.select_related("agency").first()
        role = str(Role(membership.role).label) if membership else "citizen"
        logins.append(DemoLogin(user.email, role, membership.agency.name_vi if membership else ""))
    return logins
