from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from phananh.accounts.choices import ApiKeyScope
from phananh.accounts.forms import AdminSignInForm
from phananh.accounts.models import Agency, ApiKey, Membership, SignInFailure, User
from phananh.accounts.services import apikey_create, apikey_revoke
from phananh.accounts.views import admin_login_throttled
from phananh.core.errors import InvalidInput

# The admin's sign-in is throttled like every password form (accounts/throttle.py).
admin.site.login_form = AdminSignInForm
admin.site.login = admin_login_throttled(admin.site.login)  # type: ignore[method-assign]


# Shown and read only (a tuple: the admin reads these as shown columns and as read-only fields).
_API_KEY_FIELDS = ("name", "prefix", "scopes", "agency", "created_at", "last_used_at", "revoked_at")
_SIGN_IN_FAILURE_COLUMNS = ("created_at", "identifier", "user", "client_ip", "form", "locked")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "agency"]


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserChange(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChange
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined"]
    readonly_fields = ["email_verified_at"]
    list_filter = ["is_staff", "is_superuser", "is_active", "memberships__role"]
    search_fields = ["email", "full_name", "phone"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal details"), {"fields": ("full_name", "phone", "language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined", "email_verified_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name_vi", "name_en", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name_vi", "name_en"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["areas"]
    inlines = [MembershipInline]


class ApiKeyCreateForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    scopes = forms.MultipleChoiceField(
        label=_("scopes"),
        choices=ApiKeyScope.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agency = forms.ModelChoiceField(
        label=_("acts for agency"),
        queryset=Agency.objects.filter(is_active=True),
        required=False,
        help_text=_("Required for “updates:write”: the agency's own system acts as that agency."),
    )


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are created through the service (the secret is shown once) and revoked, never edited."""

    list_display = [
        "name",
        "prefix",
        "scopes_display",
        "agency",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "agency"]
    search_fields = ["name", "prefix"]
    fields = _API_KEY_FIELDS
    readonly_fields = _API_KEY_FIELDS
    actions = ["revoke"]

    @admin.display(description=_("scopes"))
    def scopes_display(self, key: ApiKey) -> str:
        return ", ".join(key.scopes or [])

    def has_change_permission(self, request: HttpRequest, obj: ApiKey | None = None) -> bool:
        return False  # nothing to edit: a key with other rights is a new key

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return super().has_change_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: ApiKey | None = None) -> bool:
        return False  # revoked keys stay, so the record says who submitted what

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ApiKeyCreateForm(request.POST or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Create an API key"),
            "form": form,
        }
        if request.method == "POST" and form.is_valid():
            try:
                key, raw_key = apikey_create(
                    name=form.cleaned_data["name"],
                    scopes=form.cleaned_data["scopes"],
                    agency=form.cleaned_data["agency"],
                )
            except InvalidInput as exc:
                form.add_error(None, str(exc.message))
            else:
                self.log_addition(request, key, [{"added": {}}])
                response = TemplateResponse(
                    request,
                    "admin/accounts/apikey/created.html",
                    {**context, "title": str(key), "key": key, "raw_key": raw_key},
                )
                response["Cache-Control"] = "no-store"
                return response
        return TemplateResponse(request, "admin/accounts/apikey/add.html", context)

    @admin.action(description=_("Revoke the selected API keys"), permissions=["revoke"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        count = 0
        for key in queryset.filter(revoked_at__isnull=True):
            apikey_revoke(key=key)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d key revoked.", "%(count)d keys revoked.", count) % {"count": count},
        )


@admin.register(SignInFailure)
class SignInFailureAdmin(admin.ModelAdmin):
    """Failed password sign-ins, for the operations centre's audit: read only."""

    list_display = _SIGN_IN_FAILURE_COLUMNS
    list_filter = ["form", "locked"]
    search_fields = ["identifier", "client_ip"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    readonly_fields = _SIGN_IN_FAILURE_COLUMNS

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: SignInFailure | None = None) -> bool:
        return False
