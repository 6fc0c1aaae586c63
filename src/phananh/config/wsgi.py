"""The WSGI application `phananh serve` runs (gunicorn imports it in every web process)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phananh.config.settings")
application = get_wsgi_application()

# What the process loaded to start (Django, the apps, the URL map) lives as long as it does:
# moved out of the collector's sight, so a full collection no longer walks it, and collections
# run after 50,000 new objects instead of 700. A page building a thousand rows used to pause
# for a full collection now and then (its p99 several times its p50).
gc.collect()
gc.freeze()
gc.set_threshold(50_000, 20, 20)
