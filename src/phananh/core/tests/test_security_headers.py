"""Security headers: a Content-Security-Policy on every answer; HTTPS settings from PHANANH_*,
on in a deployment; https:// links and Secure cookies behind a TLS proxy."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db


def _settings_with(tmp_path, **variables: str) -> dict:
    """The settings a fresh process reads from these PHANANH_* variables."""
    env = {"PHANANH_DATA_DIR": str(tmp_path), **{f"PHANANH_{k}": v for k, v in variables.items()}}
    code = (
        "import json, os; os.environ.update(json.loads(os.environ['VARS']));"
        "from phananh.config import settings as s;"
        "print(json.dumps({'redirect': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS,"
        "'proxy': s.SECURE_PROXY_SSL_HEADER, 'session': s.SESSION_COOKIE_SECURE,"
        "'csrf': s.CSRF_COOKIE_SECURE, 'language': s.LANGUAGE_COOKIE_SECURE,"
        "'csp': s.CONTENT_SECURITY_POLICY['DIRECTIVES']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "VARS": json.dumps(env)},
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_deployment_turns_https_on_and_each_part_can_be_set(tmp_path):
    deployed = _settings_with(tmp_path, EMBEDDED="0", SECRET_KEY="k" * 50)
    assert deployed["redirect"] is True and deployed["hsts"] == 31_536_000
    assert deployed["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert deployed["session"] and deployed["csrf"] and deployed["language"]
    demo = _settings_with(tmp_path, EMBEDDED="1")
    assert demo["redirect"] is False and demo["hsts"] == 0 and demo["proxy"] is None
    assert not demo["language"]
    chosen = _settings_with(
        tmp_path,
        EMBEDDED="0",
        SECRET_KEY="k" * 50,
        SSL_REDIRECT="0",
        HSTS_SECONDS="600",
        PROXY_SSL_HEADER="X-Forwarded-Protocol",
    )
    assert chosen["redirect"] is False and chosen["hsts"] == 600
    assert chosen["proxy"] == ["HTTP_X_FORWARDED_PROTOCOL", "https"]
    https_demo = _settings_with(tmp_path, EMBEDDED="1", SITE_URL="https://phananh.example")
    assert https_demo["language"] and https_demo["session"]


def test_the_policy_allows_the_map_tiles_host_and_media_hosts(tmp_path):
    directives = _settings_with(
        tmp_path,
        EMBEDDED="1",
        MAP_TILE_URL="https://{s}.tiles.example.org/{z}/{x}/{y}.png",
        CSP_MEDIA_ORIGINS="https://media.example-cdn.net/phananh/",
    )["csp"]
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert "https://*.tiles.example.org" in directives["img-src"]
    assert "https://media.example-cdn.net" in directives["img-src"]
    assert "https://media.example-cdn.net" in directives["media-src"]
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/reports/",
        "/accounts/login/",
        "/admin/login/",
        "/api/v1/reports",
        "/api/v1/docs",
        "/open311/v2/services.json",
        "/healthz",
        "/no-such-page/",
    ],
)
def test_every_answer_carries_the_policy(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"


def test_behind_a_tls_proxy_links_say_https_and_the_language_cookie_is_secure(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.LANGUAGE_COOKIE_SECURE = False
    settings.ALLOWED_HOSTS = ["phananh.example"]
    # What a TLS proxy passes on: the Host asked for, and that the request came over HTTPS.
    secure = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "phananh.example"}
    root = client.get("/api/v1/", **secure).json()
    assert root["openapi"] == "https://phananh.example/api/v1/openapi.json"
    discovery = client.get("/open311/v2/discovery.json", **secure).json()
    assert discovery["endpoints"][0]["url"].startswith("https://")
    response = client.get("/?lang=en", **secure)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME]["secure"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    plain = client.get("/?lang=vi", HTTP_HOST="phananh.example")
    assert not plain.cookies[settings.LANGUAGE_COOKIE_NAME]["secure"]
    assert "Strict-Transport-Security" not in plain


def test_the_ssl_redirect_spares_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/reports/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert client.get("/healthz").status_code == 200
    assert client.get("/reports/", HTTP_X_FORWARDED_PROTO="https").status_code == 301
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/reports/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
