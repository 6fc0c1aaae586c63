"""City data as data: one folder of JSON and CSV files per city, read by one loader.

`hue/` is the bundled default (Huế); docs/cities.md describes every file. Nothing here imports
Django, so the settings can read the configured city's `city.json`.
"""

from __future__ import annotations

from pathlib import Path

BUNDLED_CITIES_DIR = Path(__file__).resolve().parent
# Huế is the default configuration (design §1): PHANANH_CITY_DIR names another folder.
DEFAULT_CITY_DIR = BUNDLED_CITIES_DIR / "hue"
