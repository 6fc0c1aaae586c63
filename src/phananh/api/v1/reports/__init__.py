"""Reports in the REST API: send one, read and search them, take part, the reporter's part.

One router (`common.router`); each module adds its operations to it, imported here in the order
the API documents them.
"""

from importlib import import_module

from phananh.api.v1.reports.common import router

for _module in ("sending", "reading", "taking_part", "reporter"):
    import_module(f"{__name__}.{_module}")

__all__ = ["router"]
