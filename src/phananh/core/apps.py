from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "phananh.core"
    label = "core"

    def ready(self) -> None:
        """The cluster's own upkeep: lost task runs every 30 s, the database every hour."""
        from phananh.core.periodic import periodic_register

        periodic_register("core.orphans", "phananh.core.tasks.requeue_orphans", every=30)
        periodic_register("core.database", "phananh.core.tasks.optimize_database", every=3600)
