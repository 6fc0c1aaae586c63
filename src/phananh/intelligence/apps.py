from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntelligenceConfig(AppConfig):
    name = "phananh.intelligence"
    label = "intelligence"
    verbose_name = _("Intelligence")

    def ready(self) -> None:
        """The classifier looks at each report as it arrives and as it enters triage; hot issues
        are looked for every 5 minutes, and whether a model is due every 15."""
        from phananh.core.periodic import periodic_register
        from phananh.intelligence.services import classify_notice, classify_wants
        from phananh.reports import fanout

        fanout.subscribe("classifier", classify_notice, wants=classify_wants)
        periodic_register(
            "intelligence.hot_issues", "phananh.intelligence.tasks.detect_hot_issues", every=300
        )
        periodic_register(
            "intelligence.training", "phananh.intelligence.tasks.train_classifier_due", every=900
        )
