"""A model field that follows the row's point: the id of its finest map cell (geo/grid.py)."""

from __future__ import annotations

from typing import Any

from django.db import models

from phananh.geo.grid import point_cell_id


class PointCellField(models.BigIntegerField):
    """Computed from the row's `lat` and `lon` whenever the row is written — saved, saved with
    those fields in `update_fields` (the model adds this one), or bulk-inserted — never set by
    hand. A queryset `.update(lat=…)` bypasses it: move a point through `save()`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance: models.Model, add: bool) -> int | None:
        value = point_cell_id(
            getattr(model_instance, "lat", None), getattr(model_instance, "lon", None)
        )
        setattr(model_instance, self.attname, value)
        return value
