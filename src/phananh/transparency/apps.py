from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "phananh.transparency"
    label = "transparency"
    verbose_name = _("Transparency log")

    def ready(self) -> None:
        """The worker publishes each finished day's chain head (it checks every hour)."""
        from phananh.core.periodic import periodic_register

        periodic_register(
            "transparency.heads", "phananh.transparency.tasks.publish_heads", every=3600
        )
