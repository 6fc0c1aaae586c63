"""Two web processes share one cache (Redis): a limit counted on one holds on the other.

Two real `phananh serve` processes on one database, with PHANANH_CACHE_URL pointing at the
Redis of this machine (127.0.0.1:6379; `.ci/run` starts it when it is down).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("PHANANH_TEST_DATABASE_URL")), reason="runs in the SQLite pass"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory) -> Iterator[list[str]]:
    assert _redis_up(), "Redis must run on 127.0.0.1:6379 (.ci/run starts it)"
    data = tmp_path_factory.mktemp("cluster")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PHANANH_")}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "phananh.config.settings",
            "PHANANH_EMBEDDED": "1",
            "PHANANH_DATA_DIR": str(data),
            "PHANANH_CACHE_URL": "redis://127.0.0.1:6379/15",
            # Another run's counters never count here.
            "PHANANH_CACHE_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
            # Few, so that all the attempts fit in the counter's minute however slow each
            # one's password hashing is on a loaded machine (twelve once did not: 401, not 429).
            "PHANANH_API_TOKEN_RATE_PER_MINUTE": "4",
        }
    )
    subprocess.run(
        [sys.executable, "-m", "phananh.cli", "migrate"],
        env=environment,
        check=True,
        capture_output=True,
        timeout=600,
    )
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "phananh.cli", "serve", "--port", str(port), "--workers", "1"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for base, server in zip(bases, servers, strict=True):
            deadline = time.monotonic() + 120
            while True:
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=3).close()
                    break
                except OSError:
                    assert server.poll() is None, server.stderr.read().decode()[-2000:]
                    assert time.monotonic() < deadline
                    time.sleep(0.3)
        yield bases
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(20)


def _token_attempt(base: str) -> int:
    body = json.dumps({"email": f"{uuid.uuid4().hex[:8]}@example.com", "password": "x"}).encode()
    request = urllib.request.Request(
        f"{base}/api/v1/auth/token",
        data=body,
        headers={"Content-Type": "application/json", "Accept-Language": "en"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_rate_limit_counted_on_one_process_holds_on_the_other(two_servers):
    first, second = two_servers
    # Four attempts a minute per address, whichever process answers them.
    answers = [_token_attempt(first if n % 2 else second) for n in range(4)]
    assert answers == [401] * 4
    assert _token_attempt(first) == 429
    assert _token_attempt(second) == 429
