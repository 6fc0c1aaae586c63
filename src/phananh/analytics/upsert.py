"""The one way a rollup's rows are written, safe when several workers refresh at once."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model

RollupT = TypeVar("RollupT", bound=Model)


def rows_replace(
    model: type[RollupT], rows: list[RollupT], *, scope: dict[str, Any], keys: tuple[str, ...]
) -> None:
    """Make the rollup rows of one scope exactly `rows`: an upsert (ON CONFLICT … DO UPDATE on
    the model's unique constraint), then the scope's rows not in `rows` deleted. Two workers
    refreshing the same scope at once both succeed; the later one's numbers stay."""
    unique = [*scope, *keys]
    values = [f.name for f in model._meta.concrete_fields if not f.primary_key]
    # The rollup models have one manager (`objects`): the default one.
    model._default_manager.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=unique,
        update_fields=[name for name in values if name not in unique],
    )
    kept = {tuple(getattr(row, key) for key in keys) for row in rows}
    stale = [
        pk
        for pk, *key in model._default_manager.filter(**scope).values_list("pk", *keys)
        if tuple(key) not in kept
    ]
    if stale:
        model._default_manager.filter(pk__in=stale).delete()
