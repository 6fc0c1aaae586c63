"""People and organisations: users, agencies, memberships with roles."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phananh.accounts.choices import AgencyKind, Role
from phananh.core.models import BilingualNameMixin, TimeStampedModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who signs in: citizens, operators, agency staff, observers, admins."""

    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    # The name the person chose to sign their comments with; empty: "a resident". Never their
    # full name by default (a reporter commenting on their own report would name themselves).
    comment_name = models.CharField(_("name on my comments"), max_length=80, blank=True)
    language = models.CharField(
        _("language"), max_length=8, default="vi", choices=[("vi", "Tiếng Việt"), ("en", "English")]
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff (admin site access)"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Set when the person follows an emailed link: only then is the address known to be theirs.
    email_verified_at = models.DateTimeField(_("email verified"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # Not a field: the (role, agency id) pairs, read once per request by actor_for_user.
    _phananh_memberships: frozenset[tuple[str, int]]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[-1] if self.full_name else self.email

    @property
    def is_pending(self) -> bool:
        """Signed up but never followed the verification link (not an account an admin closed)."""
        return not self.is_active and self.email_verified_at is None and self.last_login is None


class Agency(BilingualNameMixin, TimeStampedModel):
    """An organisation that receives or handles reports: the IOC, a ward committee, a company."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    areas = models.ManyToManyField(
        "geo.Area", verbose_name=_("areas served"), blank=True, related_name="agencies"
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["kind", "name_vi"]


class Membership(TimeStampedModel):
    """A user's role in an agency; IOC roles are memberships of the IOC agency."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency}"


class ApiKey(models.Model):
    """An integrator's key (REST API, Open311): only a hash of its secret is kept."""

    name = models.CharField(_("name"), max_length=100)
    # The public part of the key (`pa_<prefix>_<secret>`): shown to admins, used to find the row.
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    # SHA-256 (hex) of the secret part: a leaked database does not leak usable keys.
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("acts for agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="api_keys",
        help_text=_("An agency's own system posting updates acts as that agency."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])


class SignInFailure(models.Model):
    """A refused password sign-in, kept for the operations centre's audit (admin site)."""

    class Form(models.TextChoices):
        PORTAL = "portal", _("Sign-in page (portal and console)")
        ADMIN = "admin", _("Admin site")
        API = "api", _("API token")
        ACCOUNT = "account", _("Account deletion")

    created_at = models.DateTimeField(_("when"), db_index=True)
    identifier = models.CharField(_("account tried"), max_length=254, db_index=True)
    user = models.ForeignKey(
        User,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    client_ip = models.CharField(_("client address"), max_length=64, db_index=True)
    form = models.CharField(_("form"), max_length=16, choices=Form.choices)
    locked = models.BooleanField(
        _("refused while locked"),
        default=False,
        help_text=_("Refused without checking the password: too many failures before."),
    )

    class Meta:
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.identifier} @ {self.client_ip}"
