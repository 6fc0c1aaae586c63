"""Who is acting: a user with their roles, the system, a reporter proven by a signed link, or an
integrator's API key.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from phananh.accounts.choices import Role


@dataclass(frozen=True)
class Actor:
    """The subject of every service call; services check it, events record it."""

    user_id: int | None = None
    label: str = ""
    memberships: frozenset[tuple[str, int]] = field(default_factory=frozenset)
    is_system: bool = False
    is_superuser: bool = False
    # The report this actor proved to be the reporter of (a signed link, no account needed).
    reporter_of: int | None = None
    # An integrator's API key (no account): its agency membership, if any, is in `memberships`.
    api_key_id: int | None = None

    @classmethod
    def system(cls, label: str = "system") -> Actor:
        return cls(label=label, is_system=True)

    @classmethod
    def anonymous(cls) -> Actor:
        return cls(label="anonymous")

    @classmethod
    def reporter_link(cls, report_id: int) -> Actor:
        return cls(label="reporter", reporter_of=report_id)

    @classmethod
    def api_key(cls, key_id: int, label: str, agency_id: int | None = None) -> Actor:
        """An integrator's key; a key of an agency acts as that agency's officer, nothing more."""
        memberships = (
            frozenset({(Role.OFFICER, agency_id)}) if agency_id is not None else frozenset()
        )
        return cls(label=label, memberships=memberships, api_key_id=key_id)

    @property
    def roles(self) -> frozenset[str]:
        roles = {role for role, _agency in self.memberships}
        if self.is_superuser:
            roles.add(Role.ADMIN)
        return frozenset(roles)

    def has_role(self, role: str, agency_id: int | None = None) -> bool:
        if agency_id is None:
            return role in self.roles
        return (role, agency_id) in self.memberships

    def agency_ids(self, *roles: str) -> frozenset[int]:
        return frozenset(a for r, a in self.memberships if not roles or r in roles)
