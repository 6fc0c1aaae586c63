"""A WSGI app that streams for five seconds: a long export, as `phananh serve`'s workers see it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

CHUNKS = 10


def app(environ: dict, start_response: Callable) -> Iterator[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    for index in range(CHUNKS):
        time.sleep(0.5)
        yield f"{index}\n".encode()
