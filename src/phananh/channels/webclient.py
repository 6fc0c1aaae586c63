"""The HTTP client the chat channels use to call the platforms: timeouts and size limits always.

Only http and https are followed (no file:, no ftp:, even through a redirect), every request has
a deadline, and a download stops as soon as it passes its size limit. Tests and other callers
pass their own `WebClient` (or a subclass) where a function takes `client=`.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from typing import IO, Any

USER_AGENT = "phananh"
_CHUNK = 64 * 1024


class WebError(Exception):
    """A call did not get an answer (network, timeout) or got one too large."""


@dataclass(frozen=True)
class WebResponse:
    status: int
    body: bytes
    content_type: str = ""

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 3

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme not in {"http", "https"}:
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-HTTP URL", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _Redirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


class WebClient:
    """Blocking HTTP calls with a per-call deadline (seconds) and a response size limit (bytes)."""

    def __init__(
        self,
        *,
        timeout: float = 10.0,
        download_timeout: float = 60.0,
        max_response_bytes: int = 1024 * 1024,
    ) -> None:
        self.timeout = timeout
        self.download_timeout = download_timeout
        self.max_response_bytes = max_response_bytes
        self._opener = _opener()

    def post_json(
        self, url: str, payload: Any, *, headers: dict[str, str] | None = None
    ) -> WebResponse:
        """POST a JSON body; any HTTP status is returned, only no answer raises WebError."""
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        merged = {"Content-Type": "application/json; charset=utf-8", **(headers or {})}
        return self._call(
            "POST",
            url,
            data=data,
            headers=merged,
            limit=self.max_response_bytes,
            timeout=self.timeout,
        )

    def download(self, url: str, *, max_bytes: int) -> WebResponse:
        """GET a file, refusing anything larger than `max_bytes` (WebError)."""
        response = self._call(
            "GET", url, data=None, headers={}, limit=max_bytes, timeout=self.download_timeout
        )
        if not 200 <= response.status < 300:
            raise WebError(f"download answered HTTP {response.status}")
        return response

    def _call(
        self,
        method: str,
        url: str,
        *,
        data: bytes | None,
        headers: dict[str, str],
        limit: int,
        timeout: float,
    ) -> WebResponse:
        if urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
            raise WebError("only http and https URLs are fetched")
        request = urllib.request.Request(  # noqa: S310 (the scheme is checked just above)
            url, data=data, method=method, headers={"User-Agent": USER_AGENT, **headers}
        )
        deadline = time.monotonic() + timeout
        try:
            response = self._opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as error:
            if error.fp is None:
                return WebResponse(status=error.code, body=b"")
            response = error
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            raise WebError(
                f"no answer from {urllib.parse.urlsplit(url).netloc}: {error}"
            ) from error
        with response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise WebError(f"answer larger than {limit} bytes")
            chunks, size = [], 0
            try:
                while True:
                    if time.monotonic() > deadline:
                        raise WebError(f"answer took longer than {timeout:g} s")
                    chunk = response.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > limit:
                        raise WebError(f"answer larger than {limit} bytes")
                    chunks.append(chunk)
            except (TimeoutError, OSError) as error:
                raise WebError(f"answer interrupted: {error}") from error
            return WebResponse(
                status=response.status if hasattr(response, "status") else response.code,
                body=b"".join(chunks),
                content_type=response.headers.get("Content-Type", ""),
            )


def default_client() -> WebClient:
    """The client used when a caller passes none."""
    return WebClient()
