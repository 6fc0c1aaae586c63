"""Create a row or bring it to given values, and say which: what data loaders report per row."""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from django.db import models

Outcome = Literal["created", "updated", "unchanged"]
CREATED: Outcome = "created"
UPDATED: Outcome = "updated"
UNCHANGED: Outcome = "unchanged"

ModelT = TypeVar("ModelT", bound=models.Model)


def _stored(instance: models.Model, name: str) -> Any:
    """The value as stored: a relation by its key, so comparing costs no query."""
    field = instance._meta.get_field(name)
    if not field.is_relation:
        return getattr(instance, name)
    # Upserts set their own row's columns: a relation here is a forward one, with a key column.
    assert isinstance(field, models.Field), f"{name} is not a column of the row"
    return getattr(instance, field.attname)


def _given(instance: models.Model, name: str, value: Any) -> Any:
    field = instance._meta.get_field(name)
    if field.is_relation and isinstance(value, models.Model):
        return value.pk
    return value


def row_upsert(
    model: type[ModelT], *, lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[ModelT, Outcome]:
    """Create the row found by `lookup`, or save only the fields whose value differs.

    A row already equal to `values` is not written at all (its `updated_at` stays), so loading
    the same data twice changes nothing.
    """
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        return model._default_manager.create(**lookup, **values), CREATED
    changed = [
        name
        for name, value in values.items()
        if _stored(instance, name) != _given(instance, name, value)
    ]
    if not changed:
        return instance, UNCHANGED
    for name in changed:
        setattr(instance, name, values[name])
    stamp = ["updated_at"] if any(f.name == "updated_at" for f in instance._meta.fields) else []
    instance.save(update_fields=[*changed, *stamp])
    return instance, UPDATED
