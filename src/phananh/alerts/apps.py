from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "phananh.alerts"
    label = "alerts"
    verbose_name = _("Alerts by place")

    def ready(self) -> None:
        """A report that becomes public is matched against the subscriptions (a fan-out
        subscriber); the daily digests go out once a day, at 00:00 UTC (07:00 in Vietnam)."""
        from phananh.alerts.matching import alerts_notice, alerts_wants
        from phananh.core.periodic import periodic_register
        from phananh.reports import fanout

        fanout.subscribe("alerts", alerts_notice, wants=alerts_wants)
        periodic_register("alerts.digest", "phananh.alerts.tasks.send_digests", every=86400)
