from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlaConfig(AppConfig):
    name = "phananh.sla"
    label = "sla"
    verbose_name = _("Deadlines")

    def ready(self) -> None:
        """The deadline monitor runs once per PHANANH_SLA_SWEEP_SECONDS across the cluster."""
        from django.conf import settings

        from phananh.core.periodic import periodic_register

        periodic_register(
            "sla.sweep",
            "phananh.sla.tasks.sweep_deadlines",
            every=lambda: settings.SLA_SWEEP_SECONDS,
        )
