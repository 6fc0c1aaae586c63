import pytest
from django.db import connection

from phananh.core.db import database_optimize


@pytest.mark.django_db
def test_optimize_gathers_statistics_then_keeps_them_fresh(submit):
    submit()
    database_optimize()
    database_optimize()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM sqlite_stat1")
            assert cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_one_migration_at_a_time_never_deadlocks_a_concurrent_index_build():
    import threading
    import time

    from django.db import connections

    from phananh.core.db import one_at_a_time

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises its writers; the advisory lock is PostgreSQL's")
    order: list[str] = []
    errors: list[BaseException] = []

    def second_process() -> None:
        try:
            with one_at_a_time("test migrate", poll_seconds=0.05):
                order.append("second")
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    with one_at_a_time("test migrate"):
        waiting = threading.Thread(target=second_process)
        waiting.start()
        time.sleep(0.3)  # the other one is asking for the lock by now
        with connection.cursor() as cursor:
            # Waits for every older snapshot: had the other one waited on the lock inside a
            # statement, this would wait for it, and it for us (deadlock detected after 1 s).
            cursor.execute("CREATE INDEX CONCURRENTLY test_lock_idx ON reports_report (lat)")
            cursor.execute("DROP INDEX CONCURRENTLY test_lock_idx")
        order.append("first")
    waiting.join(timeout=10)
    assert not errors and order == ["first", "second"]


@pytest.mark.django_db
def test_keyset_after_pages_through_ties_and_starts_the_walk_at_the_cursor(submit):
    from datetime import timedelta

    from phananh.core import clock
    from phananh.core.db import keyset_after
    from phananh.reports.models import Report

    now = clock.now()
    for minutes in (0, 0, 0, 5, 5, 9, 30):  # three and two reports at the same moment
        with clock.at(now - timedelta(minutes=minutes)):
            submit(text="Cây đổ")
    for descending in (True, False):
        order = ("-submitted_at", "-id") if descending else ("submitted_at", "id")
        rows = Report.objects.order_by(*order)
        every = list(rows.values_list("submitted_at", "pk"))
        for position, (moment, pk) in enumerate(every):
            after = keyset_after(rows, "submitted_at", moment, pk, descending=descending)
            assert list(after.values_list("submitted_at", "pk")) == every[position + 1 :]
    if connection.vendor == "postgresql":
        moment, pk = every[3]
        newest_first = Report.objects.order_by("-submitted_at", "-id")
        query = keyset_after(newest_first, "submitted_at", moment, pk).values("id")[:20]
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
        assert "Index Cond: (submitted_at <=" in plan, plan  # a range, not a filter on every row
