"""Huế's default deadlines (design §3) as editable rows, for every category without its own."""

from decimal import Decimal

from django.db import migrations

DEFAULTS = [
    {
        "track": "normal",
        "triage_amount": Decimal(4),
        "triage_unit": "working_hours",
        "acceptance_amount": Decimal(8),
        "acceptance_unit": "working_hours",
        "resolution_amount": Decimal(7),
        "resolution_unit": "working_days",
    },
    {
        "track": "urgent",
        "triage_amount": Decimal("0.5"),
        "triage_unit": "hours",
        "acceptance_amount": Decimal(1),
        "acceptance_unit": "hours",
        "resolution_amount": Decimal(24),
        "resolution_unit": "hours",
    },
]


def create(apps, schema_editor):
    SlaPolicy = apps.get_model("sla", "SlaPolicy")
    for values in DEFAULTS:
        SlaPolicy.objects.get_or_create(category=None, track=values["track"], defaults=values)


class Migration(migrations.Migration):
    dependencies = [("sla", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
