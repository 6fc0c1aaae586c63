"""Full-text indexes over Report.search_text (folded text): GIN on PostgreSQL, FTS5 on SQLite."""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE reports_report_fts USING fts5("
    "search_text, content='reports_report', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER reports_report_fts_insert AFTER INSERT ON reports_report BEGIN "
    "INSERT INTO reports_report_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER reports_report_fts_delete AFTER DELETE ON reports_report BEGIN "
    "INSERT INTO reports_report_fts(reports_report_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER reports_report_fts_update AFTER UPDATE OF search_text ON reports_report BEGIN "
    "INSERT INTO reports_report_fts(reports_report_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO reports_report_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO reports_report_fts(reports_report_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS reports_report_fts_insert",
    "DROP TRIGGER IF EXISTS reports_report_fts_delete",
    "DROP TRIGGER IF EXISTS reports_report_fts_update",
    "DROP TABLE IF EXISTS reports_report_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX IF NOT EXISTS report_search_idx ON reports_report "
    "USING gin (to_tsvector('simple', search_text))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS report_search_idx"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_alter_event_action")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
