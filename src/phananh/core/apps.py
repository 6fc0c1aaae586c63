from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "phananh.core"
    label = "core"

    def ready(self) -> None:
        """The cluster's own upkeep: lost task runs every PHANANH_ORPHANS_SWEEP_SECONDS, the
        database every hour."""
        from django.conf import settings

        from phananh.core.periodic import periodic_register

        periodic_register(
            "core.orphans",
            "phananh.core.tasks.requeue_orphans",
            every=lambda: settings.ORPHANS_SWEEP_SECONDS,
        )
        periodic_register("core.database", "phananh.core.tasks.optimize_database", every=3600)
