"""`phananh check --deploy` passes with the deployment guide's settings and fails, naming the
setting, on each one left out; outside the embedded mode the processes need a shared cache."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

# Its own processes and database: the same whichever database the suite runs on, so it runs
# once, in the SQLite pass.
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("PHANANH_TEST_DATABASE_URL")), reason="runs in the SQLite pass"
)

GUIDE_ENV = Path(__file__).resolve().parents[4] / "deploy" / "phananh.env"


def _guide() -> dict[str, str]:
    values = {}
    for line in GUIDE_ENV.read_text().splitlines():
        match = re.match(r"^(PHANANH_[A-Z0-9_]+)=(.*)$", line)
        if match:
            values[match.group(1)] = match.group(2)
    return values


def _phananh(tmp_path: Path, variables: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    # A fresh process as an operator starts it: none of the suite's own variables (the
    # browser tests allow async-unsafe calls, which a deployment check refuses).
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PHANANH_") and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment.update(variables)
    environment["PHANANH_DATA_DIR"] = str(tmp_path)
    environment["DJANGO_SETTINGS_MODULE"] = "phananh.config.settings"
    return subprocess.run(
        [sys.executable, "-m", "phananh.cli", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_guides_settings_pass(tmp_path):
    result = _phananh(tmp_path, _guide(), "check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout.lower()


# Each setting the guide gives, and how the check names it when it is left out.
NAMED = {
    "PHANANH_ALLOWED_HOSTS": "PHANANH_ALLOWED_HOSTS",
    "PHANANH_SITE_URL": "PHANANH_SITE_URL",
    "PHANANH_TRUSTED_PROXIES": "PHANANH_TRUSTED_PROXIES",
    "PHANANH_CACHE_URL": "PHANANH_CACHE_URL",
    "PHANANH_MEDIA_STORAGE": "PHANANH_MEDIA_STORAGE",
    "PHANANH_EMAIL_BACKEND": "PHANANH_EMAIL_BACKEND",
    "PHANANH_DATABASE_URL": "PHANANH_DATABASE_URL",
}


def test_every_setting_left_out_is_named(tmp_path):
    """One run with all of them left out (each run costs a process start): each is named."""
    variables = {k: v for k, v in _guide().items() if k not in NAMED}
    result = _phananh(tmp_path, variables, "check", "--deploy")
    assert result.returncode == 1
    missing = [name for name in NAMED.values() if name not in result.stderr]
    assert missing == [], result.stderr
    # The buckets are named once S3 is chosen.
    variables = {k: v for k, v in _guide().items() if k != "PHANANH_S3_BUCKET"}
    result = _phananh(tmp_path, variables, "check", "--deploy")
    assert result.returncode == 1 and "PHANANH_S3_BUCKET" in result.stderr


def test_without_a_secret_key_nothing_starts_and_the_setting_is_named(tmp_path):
    variables = {k: v for k, v in _guide().items() if k != "PHANANH_SECRET_KEY"}
    for command in (("check", "--deploy"), ("worker",), ("serve",)):
        result = _phananh(tmp_path, variables, *command)
        assert result.returncode == 2, command
        assert "PHANANH_SECRET_KEY must be set" in result.stderr
        assert "Traceback" not in result.stderr


def test_weak_https_settings_and_the_embedded_mode_are_named(tmp_path):
    weak = {
        "PHANANH_SSL_REDIRECT": "0",
        "PHANANH_HSTS_SECONDS": "0",
        "PHANANH_SECURE_COOKIES": "0",
        "PHANANH_PROXY_SSL_HEADER": " ",
        "PHANANH_EMBEDDED": "1",
    }
    result = _phananh(tmp_path, {**_guide(), **weak}, "check", "--deploy")
    assert result.returncode == 1
    for named in (
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "PHANANH_PROXY_SSL_HEADER",
        "PHANANH_EMBEDDED",
    ):
        assert named in result.stderr, (named, result.stderr)


def test_serve_refuses_to_start_without_a_shared_cache(tmp_path):
    variables = _guide()
    del variables["PHANANH_CACHE_URL"]
    result = _phananh(tmp_path, variables, "serve", "--port", "9")
    assert result.returncode == 2
    assert "phananh.E001" in result.stderr and "PHANANH_CACHE_URL" in result.stderr
