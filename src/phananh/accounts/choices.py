"""Stable values for accounts: agency kinds and membership roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    IOC = "ioc", _("Operations centre (IOC)")
    WARD = "ward", _("Ward or commune People's Committee")
    DEPARTMENT = "department", _("City department")
    POLICE = "police", _("Police")
    UTILITY = "utility", _("Utility company")
    PUBLIC_SERVICE = "public_service", _("Public service unit")
    HERITAGE = "heritage", _("Heritage centre")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    OPERATOR = "operator", _("IOC operator")
    SUPERVISOR = "supervisor", _("IOC supervisor")
    OFFICER = "officer", _("Agency officer")
    HEAD = "head", _("Agency head")
    OBSERVER = "observer", _("Observer")
    ADMIN = "admin", _("Administrator")


IOC_ROLES = frozenset({Role.OPERATOR, Role.SUPERVISOR})
AGENCY_ROLES = frozenset({Role.OFFICER, Role.HEAD})


class ApiKeyScope(models.TextChoices):
    """What an integrator's API key may do (stable strings: they are printed and stored)."""

    REPORTS_READ = "reports:read", _("Read reports")
    REPORTS_WRITE = "reports:write", _("Submit reports")
    UPDATES_WRITE = "updates:write", _("Post updates as the key's agency")
    WEBHOOKS = "webhooks:manage", _("Subscribe to signed webhooks")


# What `phananh apikey create NAME` grants when no --scope is given: read and submit reports.
DEFAULT_API_KEY_SCOPES = (ApiKeyScope.REPORTS_READ.value, ApiKeyScope.REPORTS_WRITE.value)
