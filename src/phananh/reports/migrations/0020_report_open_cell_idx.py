"""The duplicate lookup's index: open reports by map cell, recent first (reports.models)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0019_report_cell"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="report",
            index=models.Index(
                condition=models.Q(
                    status__in=(
                        "new",
                        "info_requested",
                        "assigned",
                        "in_progress",
                        "returned",
                        "reopened",
                    )
                ),
                fields=["cell", "-submitted_at"],
                name="report_open_cell_idx",
            ),
        ),
    ]
