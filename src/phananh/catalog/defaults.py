"""The default category catalogue (design §6), read from `catalog/data/default_catalogue.json`.

The file holds `groups` ({code, name_vi, name_en}) and `categories` (code, names, descriptions,
group, keywords, routing rule, urgent hint, Open311 attributes) in catalogue order; a city's
`categories.json` uses the same shape (docs/cities.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEFAULT_CATALOGUE_FILE = Path(__file__).resolve().parent / "data" / "default_catalogue.json"


def default_catalogue() -> dict[str, list[dict[str, Any]]]:
    """The default groups and categories as stored in the data file (a fresh copy each call)."""
    return json.loads(DEFAULT_CATALOGUE_FILE.read_text(encoding="utf-8"))


def default_category_codes() -> list[str]:
    """The default categories' stable codes, in catalogue order."""
    return [item["code"] for item in default_catalogue()["categories"]]
