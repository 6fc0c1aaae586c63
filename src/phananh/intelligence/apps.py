from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntelligenceConfig(AppConfig):
    name = "phananh.intelligence"
    label = "intelligence"
    verbose_name = _("Intelligence")

    def ready(self) -> None:
        """The classifier looks at each report as it arrives and as it enters triage."""
        from phananh.intelligence.services import classify_notice, classify_wants
        from phananh.reports import fanout

        fanout.subscribe("classifier", classify_notice, wants=classify_wants)
