"""`POST /classify`: the categories the classifier proposes for one text or up to a hundred."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.decorators import decorate_view

from phananh.api.v1.directory_schemas import CLASSIFY_MAX_CHARS, ClassifyIn, ClassifyOut
from phananh.api.v1.errors import validation_error
from phananh.api.v1.http import JSON, accepts
from phananh.api.v1.schemas import ErrorOut
from phananh.intelligence.selectors import category_suggest_many

router = Router(tags=["classify"])


@router.post(
    "/classify",
    response={200: ClassifyOut, frozenset({400, 401, 413, 415, 429}): ErrorOut},
    summary="Suggest categories for texts",
)
@decorate_view(accepts(JSON))
def classify(request: HttpRequest, payload: ClassifyIn) -> dict[str, Any]:
    """`{"text": …}` or `{"texts": [… up to 100]}` → for each text, in order, the top three
    categories with a calibrated score (0–1), best first; the same model the report form and
    `phananh classify` use. Texts too short to mean anything get no suggestion."""
    if (payload.text is None) == (payload.texts is None):
        raise validation_error({"text": _("Send either “text” or “texts”.")})
    texts = [payload.text] if payload.text is not None else list(payload.texts or [])
    too_long = [i for i, text in enumerate(texts) if len(text) > CLASSIFY_MAX_CHARS]
    if too_long:
        raise validation_error(
            {
                f"texts.{i}": _("Please keep this under %(max)d characters.")
                % {"max": CLASSIFY_MAX_CHARS}
                for i in too_long
            }
        )
    rows = category_suggest_many(texts, limit=3) if texts else []
    return {
        "results": [
            {
                "text": text,
                "suggestions": [
                    {"category": s.category.code, "name": s.category.name, "score": s.score}
                    for s in row
                ],
            }
            for text, row in zip(texts, rows, strict=True)
        ]
    }
