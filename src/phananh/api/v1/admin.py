from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from phananh.api.v1.models import PersonalToken
from phananh.api.v1.services import token_revoke


@admin.register(PersonalToken)
class PersonalTokenAdmin(admin.ModelAdmin):
    """People's app tokens: seen (never their secret) and revoked, e.g. for a stolen phone."""

    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["=prefix", "user__email", "name"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_select_related = ["user"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a token is made by its owner, who alone sees its secret

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[PersonalToken]) -> None:
        for token in queryset.select_related("user"):
            token_revoke(token=token, user=token.user)
