from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "phananh.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        """A report joins the running campaigns it belongs to as it is taken in."""
        from phananh.campaigns.services import campaign_join_at_intake
        from phananh.reports.intake_hooks import intake_hook_register

        intake_hook_register("campaigns", campaign_join_at_intake)
