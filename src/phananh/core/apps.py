from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "phananh.core"
    label = "core"

    def ready(self) -> None:
        """The cluster's own upkeep: lost task runs every PHANANH_ORPHANS_SWEEP_SECONDS, the
        database every hour."""
        from django.conf import settings
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from phananh.core import checks  # noqa: F401 (registers the system checks)
        from phananh.core.changes import on_model_change
        from phananh.core.periodic import periodic_register

        periodic_register(
            "core.orphans",
            "phananh.core.tasks.requeue_orphans",
            every=lambda: settings.ORPHANS_SWEEP_SECONDS,
        )
        periodic_register("core.database", "phananh.core.tasks.optimize_database", every=3600)
        # Cache invalidation, not business logic: every process's caches and validators follow.
        post_save.connect(on_model_change, dispatch_uid="phananh.core.changes.save")
        post_delete.connect(on_model_change, dispatch_uid="phananh.core.changes.delete")
        m2m_changed.connect(on_model_change, dispatch_uid="phananh.core.changes.m2m")
