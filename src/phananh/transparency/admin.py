from django.contrib import admin

from phananh.transparency.models import TransparencyHead


@admin.register(TransparencyHead)
class TransparencyHeadAdmin(admin.ModelAdmin):
    list_display = ("day", "first_seq", "last_seq", "count", "chain_head", "published_at")

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False
