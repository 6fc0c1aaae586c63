"""PostgreSQL: search reads a stored vector column, not a vector computed again for each row.

Migration 0004 indexed the expression `to_tsvector('simple', search_text)`. At ten million
reports that cost seconds: a walk down the newest-first index computed the vector again for
every row it passed (about 37 µs each), and a bitmap over many candidates went lossy and
rechecked hundreds of thousands of rows the same way. `search_vector` is a generated column
(PostgreSQL computes it on every insert and update of search_text; Django never writes it and
does not know it: SQLite keeps its FTS5 table, migration 0004), with the GIN index on it.
Adding it rewrites reports_report: on a large database this migration takes minutes.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "ALTER TABLE reports_report ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_text, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS report_search_vector_idx ON reports_report "
    "USING gin (search_vector)",
    "DROP INDEX IF EXISTS report_search_idx",
    "ANALYZE reports_report",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX IF NOT EXISTS report_search_idx ON reports_report "
    "USING gin (to_tsvector('simple', search_text))",
    "ALTER TABLE reports_report DROP COLUMN IF EXISTS search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("reports", "0017_report_agency_queue_idx")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
