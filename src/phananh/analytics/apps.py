from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "phananh.analytics"
    label = "analytics"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        """The live counts and the map every minute, the scorecards every
        PHANANH_STATS_REFRESH_MINUTES."""
        from django.conf import settings

        from phananh.core.periodic import periodic_register

        periodic_register("analytics.backlog", "phananh.analytics.tasks.refresh_backlog", every=60)
        periodic_register("analytics.map", "phananh.analytics.tasks.refresh_map", every=60)
        periodic_register(
            "analytics.statistics",
            "phananh.analytics.tasks.refresh_statistics",
            every=lambda: settings.STATS_REFRESH_MINUTES * 60,
        )
