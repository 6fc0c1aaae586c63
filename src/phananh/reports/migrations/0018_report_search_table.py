"""PostgreSQL: search reads a narrow table of stored vectors, kept by triggers, not the reports.

Migration 0004 indexed `to_tsvector('simple', search_text)` on reports_report itself. At ten
million reports that cost seconds: every candidate row was read from the wide table and its
vector computed again (a walk down the newest-first index recomputed one per row; a bitmap over
many matches went lossy and rechecked hundreds of thousands). `reports_report_search` holds one
row per report (its id and the stored vector) with the GIN index; triggers keep it in step with
`search_text` (insert, update of the text, delete, truncate), as the FTS5 table does on SQLite.
No foreign key: Django's test flush truncates reports_report without CASCADE (the truncate
trigger empties this table too). Filling it reads every report once; on a large database this
migration takes minutes (about 10 million reports in five).
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE TABLE IF NOT EXISTS reports_report_search ("
    "report_id bigint PRIMARY KEY, vector tsvector NOT NULL)",
    """CREATE OR REPLACE FUNCTION reports_report_search_put() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO reports_report_search (report_id, vector)
        VALUES (NEW.id, to_tsvector('simple', coalesce(NEW.search_text, '')))
        ON CONFLICT (report_id) DO UPDATE SET vector = EXCLUDED.vector;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION reports_report_search_drop() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM reports_report_search WHERE report_id = OLD.id;
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION reports_report_search_empty() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE reports_report_search;
        RETURN NULL;
    END $$""",
    "DROP TRIGGER IF EXISTS reports_report_search_insert ON reports_report",
    "CREATE TRIGGER reports_report_search_insert AFTER INSERT ON reports_report "
    "FOR EACH ROW EXECUTE FUNCTION reports_report_search_put()",
    "DROP TRIGGER IF EXISTS reports_report_search_update ON reports_report",
    "CREATE TRIGGER reports_report_search_update AFTER UPDATE OF search_text ON reports_report "
    "FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text) "
    "EXECUTE FUNCTION reports_report_search_put()",
    "DROP TRIGGER IF EXISTS reports_report_search_delete ON reports_report",
    "CREATE TRIGGER reports_report_search_delete AFTER DELETE ON reports_report "
    "FOR EACH ROW EXECUTE FUNCTION reports_report_search_drop()",
    "DROP TRIGGER IF EXISTS reports_report_search_truncate ON reports_report",
    "CREATE TRIGGER reports_report_search_truncate AFTER TRUNCATE ON reports_report "
    "FOR EACH STATEMENT EXECUTE FUNCTION reports_report_search_empty()",
    "INSERT INTO reports_report_search (report_id, vector) "
    "SELECT id, to_tsvector('simple', coalesce(search_text, '')) FROM reports_report "
    "ON CONFLICT (report_id) DO NOTHING",
    "CREATE INDEX IF NOT EXISTS report_search_vector_idx ON reports_report_search "
    "USING gin (vector)",
    "ANALYZE reports_report_search",
    "DROP INDEX IF EXISTS report_search_idx",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX IF NOT EXISTS report_search_idx ON reports_report "
    "USING gin (to_tsvector('simple', search_text))",
    "DROP TRIGGER IF EXISTS reports_report_search_insert ON reports_report",
    "DROP TRIGGER IF EXISTS reports_report_search_update ON reports_report",
    "DROP TRIGGER IF EXISTS reports_report_search_delete ON reports_report",
    "DROP TRIGGER IF EXISTS reports_report_search_truncate ON reports_report",
    "DROP FUNCTION IF EXISTS reports_report_search_put()",
    "DROP FUNCTION IF EXISTS reports_report_search_drop()",
    "DROP FUNCTION IF EXISTS reports_report_search_empty()",
    "DROP TABLE IF EXISTS reports_report_search",
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
