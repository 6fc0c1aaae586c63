"""PostgreSQL: the search index also holds each word with the week it was submitted in.

A search shows the newest matches first, twenty at a time. With the words alone in the GIN
index, "đèn đường hỏng" at ten million reports intersected three of the commonest syllables'
posting lists over the whole table (tens of milliseconds) to show the newest twenty of its
10,000 matches. `phananh_search_lexemes(search_vector, submitted_at)` is the report's words and
each word again as "<word>_<week>" (weeks since Monday 2000-01-03, in UTC; no folded word holds
"_"), and `reports.search.newest_matches` asks for "den_1404 & duong_1404 & hong_1404" first:
lists of one week's reports, short however large the table grows.

The index replaces report_search_vector_idx (migration 0018) and is built CONCURRENTLY, so a
city's intake keeps writing while it is built (about a minute at ten million reports here); the
migration is therefore not atomic. A build that failed half-way leaves an invalid index, which
this migration drops and builds again when it is run again.
"""

from django.db import migrations

INDEX = "report_search_week_idx"
# IMMUTABLE: the week of a moment in UTC does not depend on any setting. A subquery in its body,
# so PostgreSQL keeps the call as it is in the index and in queries alike.
FUNCTION = """
CREATE OR REPLACE FUNCTION phananh_search_lexemes(words tsvector, submitted timestamptz)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT words || array_to_tsvector(ARRAY(
        SELECT lexeme || '_' || (((submitted AT TIME ZONE 'UTC')::date - DATE '2000-01-03') / 7)
        FROM unnest(tsvector_to_array(words)) AS lexeme
    ))
$$
"""


def _forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(FUNCTION)
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
            "USING gin (phananh_search_lexemes(search_vector, submitted_at))"
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
        cursor.execute("DROP FUNCTION IF EXISTS phananh_search_lexemes(tsvector, timestamptz)")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("reports", "0021_event_public_note_idx")]

    operations = [migrations.RunPython(_forward, _backward)]
