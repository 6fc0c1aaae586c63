"""Every report's finest map cell (geo/grid.py), filled from its point, and its index.

On PostgreSQL one UPDATE fills it (it rewrites every located row: about as long as 0018 at ten
million reports); elsewhere the rows are filled in batches through the same Python function the
field uses.
"""

from django.db import migrations, models

import phananh.geo.fields
from phananh.geo.grid import CELL_ID_SQL, point_cell_id

BATCH = 2000


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"UPDATE reports_report SET cell = {CELL_ID_SQL} "
            "WHERE lat IS NOT NULL AND lon IS NOT NULL"
        )
        return
    Report = apps.get_model("reports", "Report")
    located = Report.objects.filter(lat__isnull=False, lon__isnull=False).order_by("pk")
    last = 0
    while True:
        rows = list(located.filter(pk__gt=last).values_list("pk", "lat", "lon")[:BATCH])
        if not rows:
            return
        filled = [Report(pk=pk, cell=point_cell_id(lat, lon)) for pk, lat, lon in rows]
        Report.objects.bulk_update(filled, ["cell"], batch_size=500)
        last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0018_report_search_vector"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="cell",
            field=phananh.geo.fields.PointCellField(
                blank=True, editable=False, null=True, verbose_name="map cell"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(fields=["cell"], name="report_cell_idx"),
        ),
    ]
