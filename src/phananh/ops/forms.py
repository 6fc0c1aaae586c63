"""The switchboard's form: the report form, filled in by an operator for a caller."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from phananh.catalog.selectors import category_list_active
from phananh.publication.forms import ReportForm


class CallForm(ReportForm):
    """A caller needs no email (the operator relays by phone); any active category may be chosen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=None, **kwargs)
        category = cast(forms.ModelChoiceField, self.fields["category"])
        category.queryset = category_list_active()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.errors.pop("email", None)
        return data
