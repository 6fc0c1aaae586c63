from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteropConfig(AppConfig):
    name = "phananh.interop"
    label = "interop"
    verbose_name = _("Systems around the IOC")

    def ready(self) -> None:
        """Forwarding to agencies' own systems and integrators' webhooks plug into the event
        fan-out and the outbox; the agencies' Open311 updates are polled periodically."""
        from django.conf import settings

        from phananh.core.periodic import periodic_register
        from phananh.interop import forwarding, webhooks
        from phananh.notifications.adapters import register_adapter
        from phananh.reports import fanout

        fanout.subscribe("forward", forwarding.forward_on_event, wants=forwarding.forward_wants)
        fanout.subscribe("webhooks", webhooks.webhooks_on_event, wants=webhooks.webhooks_wants)
        register_adapter(forwarding.OPEN311_CHANNEL, forwarding.send_open311)
        register_adapter(forwarding.EMAIL_CHANNEL, forwarding.send_email)
        register_adapter(webhooks.CHANNEL, webhooks.send_webhook)
        periodic_register(
            "interop.poll",
            "phananh.interop.tasks.poll_agencies",
            every=lambda: settings.FORWARD_POLL_SECONDS,
        )
