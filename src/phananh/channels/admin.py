from django.contrib import admin
from django.http import HttpRequest

from phananh.channels.models import Conversation, InboundEmail, InboundMessage


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["platform", "sender_id", "state", "language", "updated_at", "last_report"]
    list_filter = ["platform", "state"]
    search_fields = ["sender_id"]
    readonly_fields = [f.name for f in Conversation._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin):
    list_display = ["received_at", "platform", "sender_id", "kind", "state"]
    list_filter = ["platform", "state", "kind"]
    search_fields = ["sender_id", "message_id"]
    readonly_fields = [f.name for f in InboundMessage._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(InboundEmail)
class InboundEmailAdmin(admin.ModelAdmin):
    """Every email the intake address received and what became of it."""

    list_display = ["received_at", "sender", "subject", "outcome", "report"]
    list_filter = ["outcome", "received_at"]
    search_fields = ["sender", "subject", "message_id", "report__code"]
    list_select_related = ["report"]
    readonly_fields = [f.name for f in InboundEmail._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
