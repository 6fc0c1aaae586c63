"""The one place that reads the environment: every PHANANH_* variable is defined here."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PREFIX = "PHANANH_"


def get(name: str, default: str = "") -> str:
    return os.environ.get(PREFIX + name, default)


def get_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(PREFIX + name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def get_int(name: str, default: int) -> int:
    raw = os.environ.get(PREFIX + name)
    return int(raw) if raw else default


def get_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(PREFIX + name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def data_dir() -> Path:
    path = Path(get("DATA_DIR", str(Path.cwd() / "var"))).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(directory: Path, *, debug: bool) -> str:
    """PHANANH_SECRET_KEY, or (embedded mode only) a key generated once and kept in the data dir."""
    configured = get("SECRET_KEY")
    if configured:
        return configured
    if not debug and not get_bool("EMBEDDED", False):
        raise RuntimeError(
            "PHANANH_SECRET_KEY must be set (or PHANANH_EMBEDDED=true for a one-machine trial); "
            "see docs/deploy.md"
        )
    key_file = directory / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
