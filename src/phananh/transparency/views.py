"""/transparency/: what the chain proves, the daily heads, the signed log, a report's proof."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from phananh.reports.selectors import report_get_public
from phananh.transparency import signing
from phananh.transparency.models import TransparencyHead
from phananh.transparency.selectors import head_list_public, report_chain_public


def _head_out(head: TransparencyHead) -> dict[str, object]:
    return {
        "day": head.day.isoformat(),
        "first_seq": head.first_seq,
        "last_seq": head.last_seq,
        "count": head.count,
        "chain_head": head.chain_head,
        "merkle_root": head.merkle_root,
        "statement": head.statement,
        "signature": head.signature,
        "key_id": head.key_id,
    }


@require_GET
def transparency_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "transparency/index.html",
        {
            "heads": head_list_public()[:30],
            "public_key": signing.public_key_b64() if signing.configured() else "",
            "key_id": signing.key_id() if signing.configured() else "",
        },
    )


@require_GET
def heads_json(request: HttpRequest) -> JsonResponse:
    """Every published head (small: one row a day)."""
    heads = [_head_out(head) for head in head_list_public().order_by("day")]
    key = signing.public_key_b64() if signing.configured() else None
    return JsonResponse(
        {"public_key": key, "key_id": signing.key_id() if key else None, "heads": heads}
    )


@require_GET
def signed_log(request: HttpRequest) -> StreamingHttpResponse:
    """The signed log to download and keep: one JSON line per day, oldest first."""

    def lines():  # noqa: ANN202
        key = signing.public_key_b64() if signing.configured() else None
        yield json.dumps({"public_key": key, "algorithm": "ed25519"}) + "\n"
        for head in head_list_public().order_by("day").iterator():
            yield json.dumps({"statement": head.statement, "signature": head.signature}) + "\n"

    response = StreamingHttpResponse(lines(), content_type="application/jsonl; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="phananh-transparency-log.jsonl"'
    return response


@require_GET
def public_key(request: HttpRequest) -> HttpResponse:
    if not signing.configured():
        raise Http404("No signing key is configured.")
    return HttpResponse(signing.public_key_pem(), content_type="text/plain; charset=utf-8")


@require_GET
def report_chain(request: HttpRequest, code: str) -> JsonResponse:
    """One public report's events in their canonical form, with their Merkle paths."""
    report = report_get_public(code)
    # As its page: the timeline's check is offered once the report is published.
    if report is None or not report.is_published:
        raise Http404("No report with this code.")
    return JsonResponse(report_chain_public(report))
