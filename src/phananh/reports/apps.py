from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "phananh.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        """Plug the reports app into the fan-out of its events and into the deadline sweep; uploads
        whose processing was lost are queued again every 10 minutes."""
        from phananh.core.periodic import periodic_register
        from phananh.reports import fanout
        from phananh.reports.actions.deadlines import report_escalate
        from phananh.reports.actions.outcome import report_auto_close
        from phananh.reports.notices.followers import followers_notice, followers_wants
        from phananh.reports.notices.reporter import reporter_notice, reporter_wants
        from phananh.reports.notices.staff import staff_notice, staff_wants
        from phananh.sla.monitor import sweep_handlers_register

        fanout.subscribe("reporter", reporter_notice, wants=reporter_wants)
        fanout.subscribe("followers", followers_notice, wants=followers_wants)
        fanout.subscribe("staff", staff_notice, wants=staff_wants)
        sweep_handlers_register(
            overdue=lambda deadline: report_escalate(report=deadline.report, deadline=deadline),
            evaluation_ended=lambda deadline: report_auto_close(report=deadline.report),
        )
        periodic_register("reports.media", "phananh.reports.tasks.requeue_media", every=600)
