"""Configuration contracts: every PHANANH_* variable is documented; the demo needs none."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from phananh.config import env

SRC = Path(__file__).resolve().parents[2]
REPO = SRC.parents[1]


def test_env_example_lists_every_variable_read():
    read = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text()
        read |= set(re.findall(r'env\.get(?:_bool|_int|_list)?\(\s*"([A-Z_]+)"', text))
        read |= set(re.findall(r'"PHANANH_([A-Z_]+)"', text))
    documented = set(re.findall(r"^PHANANH_([A-Z_]+)=", (REPO / ".env.example").read_text(), re.M))
    assert read, "the scan found nothing: the pattern is broken"
    assert read <= documented, f"undocumented: {sorted(read - documented)}"


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("PHANANH_SECRET_KEY", raising=False)
    first = env.secret_key(tmp_path, debug=False)
    assert len(first) > 40
    assert env.secret_key(tmp_path, debug=False) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_without_secret_key_refuses_to_start(tmp_path):
    code = (
        "import os; os.environ['PHANANH_EMBEDDED']='0'; os.environ.pop('PHANANH_SECRET_KEY', None);"
        f"os.environ['PHANANH_DATA_DIR']={str(tmp_path)!r};"
        "import phananh.config.settings"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
    assert "PHANANH_SECRET_KEY must be set" in result.stderr


def _database_options(url: str) -> dict:
    """The OPTIONS the settings make of a database URL, in a fresh interpreter."""
    import json

    answer = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, django; from django.conf import settings; django.setup(); "
            "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))",
        ],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "phananh.config.settings",
            "PHANANH_TEST_DATABASE_URL": url,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(answer.stdout)


def test_postgresql_sessions_run_without_parallel_workers_or_jit_unless_the_url_says():
    options = _database_options("postgresql://u@h/d")
    assert options["options"] == "-c jit=off -c max_parallel_workers_per_gather=0"
    # A city's own options in its URL are kept as they are.
    assert _database_options("postgresql://u@h/d?options=-c%20work_mem%3D64MB") == {
        "options": "-c work_mem=64MB"
    }
    # SQLite keeps its own connection settings, and gets none of PostgreSQL's.
    assert "options" not in _database_options("sqlite:////tmp/phananh-options.sqlite3")


@pytest.mark.django_db
def test_the_test_database_sessions_have_those_settings():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT current_setting('jit'), current_setting('max_parallel_workers_per_gather')"
            )
            assert cursor.fetchone() == ("off", "0")
        else:
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20000  # what settings.py asks of SQLite instead
