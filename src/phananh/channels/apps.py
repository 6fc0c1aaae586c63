from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "phananh.channels"
    label = "channels"
    verbose_name = _("Channels")

    def ready(self) -> None:
        from phananh.channels import facebook, zalo
        from phananh.notifications.adapters import register_adapter

        register_adapter(facebook.PLATFORM.value, facebook.send_notification)
        register_adapter(zalo.PLATFORM.value, zalo.send_notification)
