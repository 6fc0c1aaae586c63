from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "phananh.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        """Messages whose time has come (retries, lost tasks) go out each minute."""
        from phananh.core.periodic import periodic_register

        periodic_register("notifications.due", "phananh.notifications.tasks.deliver_due", every=60)
