"""A real HTTP receiver on loopback, for webhook deliveries and a stand-in agency system."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Receiver:
    url: str
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    # Status codes to answer, in order (then 200 for ever).
    answers: list[int] = field(default_factory=list)
    # What a POST and a GET answer with (an agency system's XML).
    post_body: bytes = b""
    get_body: bytes = b""
    gets: list[str] = field(default_factory=list)
    # Files served by path (a result photo the agency's system points to).
    files: dict[str, bytes] = field(default_factory=dict)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            state.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
            status = state.answers.pop(0) if state.answers else 200
            self.send_response(status)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(state.post_body)))
            self.end_headers()
            self.wfile.write(state.post_body)

        def do_GET(self) -> None:
            state.gets.append(self.path)
            if self.path in state.files:
                data = state.files[self.path]
                self.send_response(200)
                self.send_header("Content-Type", "image/jpeg")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(state.get_body)))
            self.end_headers()
            self.wfile.write(state.get_body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/phananh"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
