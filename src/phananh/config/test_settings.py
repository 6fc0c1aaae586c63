"""Settings for the test suite: the real settings, with tasks run inline and media in a temp dir."""

import os
import tempfile
from pathlib import Path

# The suite runs as the embedded mode does (a generated secret key, media served by Django);
# the deployment settings are tested by `phananh check --deploy`'s own tests.
os.environ.setdefault("PHANANH_EMBEDDED", "true")

from phananh.config.settings import *  # noqa: F403
from phananh.config.settings import STORAGES

_TMP = Path(tempfile.mkdtemp(prefix="phananh-test-"))
MEDIA_ROOT = _TMP / "media"
PRIVATE_MEDIA_ROOT = _TMP / "private"
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "phananh.core.task_backends.AfterCommitBackend"}}
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
