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
