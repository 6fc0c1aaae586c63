"""PostgreSQL: the search index also knows the day each report was submitted.

A search shows the newest matches first, twenty at a time. With the words alone in the GIN
index, "đèn đường hỏng" at ten million reports intersected three of the commonest syllables'
posting lists over the whole table (tens of milliseconds) to show the newest twenty of its
10,000 matches. The index now holds one more lexeme per report, "_<days since 2000-01-01, UTC>"
(no folded word starts with "_"), and `reports.search.newest_matches` asks for the words *and*
the last days first: GIN walks the words' lists only where they meet those days' short lists.

The index replaces report_search_vector_idx (migration 0018) and is built CONCURRENTLY, so a
city's intake keeps writing while it is built (minutes at ten million reports); the migration
is therefore not atomic. A build that failed half-way leaves an invalid index, which this
migration drops and builds again when it is run again.
"""

from django.db import migrations

INDEX = "report_search_day_idx"
# The expression `reports.search` queries, written out (a migration does not follow later code).
VECTOR = (
    "search_vector || array_to_tsvector(ARRAY['_' || "
    "((submitted_at AT TIME ZONE 'UTC')::date - DATE '2000-01-01')::text])"
)


def _forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT NOT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE c.relname = %s",
            [INDEX],
        )
        row = cursor.fetchone()
        if row and row[0]:
            cursor.execute(f"DROP INDEX CONCURRENTLY {INDEX}")
        cursor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON reports_report "
            f"USING gin (({VECTOR}))"
        )
        cursor.execute("DROP INDEX CONCURRENTLY IF EXISTS report_search_vector_idx")
        # The planner's statistics of the new expression (its lexemes' frequencies).
        cursor.execute("ANALYZE reports_report")


def _backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS report_search_vector_idx ON reports_report "
            "USING gin (search_vector)"
        )
        cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("reports", "0021_event_public_note_idx")]

    operations = [migrations.RunPython(_forward, _backward)]
