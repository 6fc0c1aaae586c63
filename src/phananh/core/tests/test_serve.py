"""`phananh serve` on a fresh data dir: migrates, then the WSGI server answers the day-one pages."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_serve_answers_on_a_fresh_install(tmp_path):
    port = free_port()
    environment = {
        **os.environ,
        "PHANANH_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "phananh.config.settings",
    }
    # The embedded default, whichever database the rest of the suite uses.
    environment.pop("PHANANH_DATABASE_URL", None)
    environment.pop("PHANANH_TEST_DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "phananh.cli", "serve", "--port", str(port), "--workers", "1"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240  # a fresh install migrates first
        while True:
            try:
                status, body = get(f"{base}/healthz")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()[-2000:]
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        assert status == 200 and '"ok"' in body
        assert get(f"{base}/")[0] == 200
        assert get(f"{base}/reports/")[0] == 200
        assert get(f"{base}/admin/login/")[0] == 200
        assert get(f"{base}/static/phananh/site.css")[0] == 200
        status, body = get(f"{base}/reports/PA-0000000/")
        assert status == 404 and "Không tìm thấy trang" in body
        assert (tmp_path / "secret_key").exists()
        # kill -9 of serve leaves nothing answering on its port, so a restart can bind it.
        server.kill()
        server.wait(timeout=15)
        deadline = time.monotonic() + 20
        while True:
            try:
                get(f"{base}/healthz")
            except OSError:
                break
            assert time.monotonic() < deadline, "a web worker outlived its killed serve"
            time.sleep(0.3)
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=15)


def test_bench_command_needs_the_checkout(tmp_path, capsys):
    from phananh.cli import main

    assert main(["bench", "--bench-dir", str(tmp_path), "measure"]) == 2
    assert "not found" in capsys.readouterr().err


def _serve_argv(monkeypatch, *argv: str) -> list[str]:
    """The gunicorn command `phananh serve …` would become (os.execv stopped before it runs)."""
    import pytest

    from phananh import cli
    from phananh.cli import run

    ran: list[list[str]] = []

    def execv(_path: str, args: list[str]) -> None:
        ran.append(args)
        raise SystemExit(0)

    monkeypatch.setattr(run, "_ready_to_run", lambda _name: 0)
    for name in ("MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_"):  # serve sets them if unset
        monkeypatch.setenv(name, os.environ.get(name, "0"))
    monkeypatch.setattr(run.os, "execv", execv)
    with pytest.raises(SystemExit):
        cli.main(["serve", *argv])
    return ran[0]


def _option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_serve_runs_one_request_at_a_time_per_process_by_default(monkeypatch):
    monkeypatch.delenv("PHANANH_THREADS", raising=False)
    argv = _serve_argv(monkeypatch, "--workers", "3")
    assert (_option(argv, "--workers"), _option(argv, "--threads")) == ("3", "1")
    # The threaded worker even with one thread: its heartbeat runs beside a long export.
    assert _option(argv, "--worker-class") == "gthread"
    monkeypatch.setenv("PHANANH_THREADS", "4")  # a server browsers reach directly
    assert _option(_serve_argv(monkeypatch), "--threads") == "4"


def test_a_long_streamed_answer_outlives_the_worker_timeout():
    """An export streaming for longer than gunicorn's timeout is written whole: the worker's
    heartbeat runs beside the request (gunicorn's sync worker would be killed mid-stream)."""
    from phananh.cli.run import _gunicorn_argv
    from phananh.core.tests.slow_stream import CHUNKS

    port = free_port()
    argv = _gunicorn_argv("127.0.0.1", port, workers=1, threads=1)
    argv[argv.index("phananh.config.wsgi:application")] = "phananh.core.tests.slow_stream:app"
    server = subprocess.Popen([*argv, "--timeout", "2"], stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        status, body = get(f"http://127.0.0.1:{port}/")
        assert status == 200
        assert body.split() == [str(index) for index in range(CHUNKS)]
    finally:
        server.terminate()
        server.wait(10)
