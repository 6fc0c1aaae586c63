from django.apps import AppConfig, apps


class CoreConfig(AppConfig):
    name = "phananh.core"
    label = "core"

    def ready(self) -> None:
        """The cluster's own upkeep: lost task runs every PHANANH_ORPHANS_SWEEP_SECONDS, the
        database every hour."""
        from django.conf import settings
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from phananh.core import checks  # noqa: F401 (registers the system checks)
        from phananh.core.changes import CHANGES_MODELS, CONFIG_MODELS, on_model_change
        from phananh.core.periodic import periodic_register

        periodic_register(
            "core.orphans",
            "phananh.core.tasks.requeue_orphans",
            every=lambda: settings.ORPHANS_SWEEP_SECONDS,
        )
        periodic_register("core.database", "phananh.core.tasks.optimize_database", every=3600)
        # Cache invalidation, not business logic: every process's caches and validators follow.
        # Connected to those models only: a receiver for every model would make every other
        # model's queryset.delete() read its rows first (Django cannot delete them in one go).
        for label in sorted(CONFIG_MODELS | CHANGES_MODELS):
            model = apps.get_model(label)
            for signal in (post_save, post_delete, m2m_changed):
                signal.connect(
                    on_model_change, sender=model, dispatch_uid=f"phananh.core.changes.{label}"
                )
