"""A report's latest public note by one probe (the Open311 lists' status_notes): reports.models."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0020_report_open_cell_idx"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(visibility="public") & ~models.Q(public_note=""),
                fields=["report", "-created_at", "-id"],
                name="event_public_note_idx",
            ),
        ),
    ]
