"""The Ed25519 key that signs the published heads: from PHANANH_TRANSPARENCY_KEY, or made
once into the data directory (embedded mode)."""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _seed() -> bytes:
    configured = settings.TRANSPARENCY_KEY
    if configured:
        try:
            seed = base64.b64decode(configured, validate=True)
        except ValueError as exc:
            raise ImproperlyConfigured("PHANANH_TRANSPARENCY_KEY is not base64.") from exc
        if len(seed) != 32:
            raise ImproperlyConfigured("PHANANH_TRANSPARENCY_KEY must be 32 bytes in base64.")
        return seed
    if not settings.EMBEDDED:
        raise ImproperlyConfigured("PHANANH_TRANSPARENCY_KEY must be set when not embedded.")
    path = settings.TRANSPARENCY_KEY_FILE
    if not path.exists():
        seed = Ed25519PrivateKey.generate().private_bytes_raw()
        path.write_text(base64.b64encode(seed).decode())
        path.chmod(0o600)
    return base64.b64decode(path.read_text().strip())


def configured() -> bool:
    """Whether heads can be signed: a key is set, or embedded mode may make one."""
    return bool(settings.TRANSPARENCY_KEY) or bool(settings.EMBEDDED)


@cache
def _private_key(seed: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(seed)


def private_key() -> Ed25519PrivateKey:
    return _private_key(_seed())


def public_key_raw() -> bytes:
    return private_key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_key_b64() -> str:
    return base64.b64encode(public_key_raw()).decode()


def public_key_pem() -> str:
    return (
        private_key()
        .public_key()
        .public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def key_id() -> str:
    """The key's fingerprint: SHA-256 of its raw public bytes."""
    return hashlib.sha256(public_key_raw()).hexdigest()


def sign(text: str) -> str:
    return base64.b64encode(private_key().sign(text.encode("utf-8"))).decode()


def signature_valid(text: str, signature: str, public_key: bytes | None = None) -> bool:
    key = Ed25519PublicKey.from_public_bytes(public_key or public_key_raw())
    try:
        key.verify(base64.b64decode(signature), text.encode("utf-8"))
    except (InvalidSignature, ValueError):
        return False
    return True
