"""The REST API v1: one NinjaAPI, its routers, its one error shape and its three ways in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from ninja import NinjaAPI, Schema
from ninja.openapi.docs import Swagger
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder

from phananh.api.v1 import classify, directory, reports, tokens, webhooks
from phananh.api.v1.auth import Authenticate
from phananh.api.v1.errors import install_handlers
from phananh.api.v1.schemas import ErrorOut

if TYPE_CHECKING:
    from ninja.operation import Operation

NAMESPACE = "api-v1"

SECURITY_SCHEMES = {
    "ApiKey": {
        "type": "apiKey",
        "in": "header",
        "name": "X-Api-Key",
        "description": (
            "An integrator's key (`phananh apikey create NAME`), limited to its scopes. "
            "`Authorization: ApiKey <key>` works too."
        ),
    },
    "PersonalToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "A person's token for an app, from POST /api/v1/auth/token.",
    },
    "Session": {
        "type": "apiKey",
        "in": "cookie",
        "name": "sessionid",
        "description": "The portal's sign-in; unsafe methods need the X-CSRFToken header.",
    },
}

DESCRIPTION = """
Citizens' reports of problems in the city, from submission to the agency's result and the
reporter's rating; categories, wards, agencies and their public scorecards.

- **Auth**: nobody (public reads, reports confirmed by email), a person's **personal token**
  (`Authorization: Bearer pat_…`), the portal **session** (with `X-CSRFToken` on unsafe
  methods), or an integrator's **API key** (`X-Api-Key: pa_…`, scopes `reports:read`,
  `reports:write`).
- **Errors**: always `{"code", "message", "fields"}`, in the language asked for
  (`Accept-Language` or `?lang=vi|en`).
- **Pages**: follow `next` (pass it back as `cursor`) until it is null.
- **Limits**: per key, token or account, otherwise per IP address; `429` with `Retry-After`.
""".strip()


class OrjsonRenderer(BaseRenderer):
    """JSON by orjson (several times faster than `json.dumps` on a page of reports), as UTF-8:
    Vietnamese stays readable (and shorter) on the wire. Dates and the values orjson does not
    know go through ninja's encoder, so they read exactly as before."""

    media_type = "application/json"
    _fallback = NinjaJSONEncoder().default
    _options = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        return orjson.dumps(data, default=self._fallback, option=self._options)


class PhananhAPI(NinjaAPI):
    """Adds the security schemes and readable operation ids to the generated schema."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["components"].setdefault("securitySchemes", {}).update(SECURITY_SCHEMES)
        # Every operation may be called by anyone; the credentials only change what it may do.
        schema["security"] = [{}, {"PersonalToken": []}, {"ApiKey": []}, {"Session": []}]
        return schema

    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation.view_func.__name__


api = PhananhAPI(
    title="Phananh API",
    version="1",
    description=DESCRIPTION,
    urls_namespace=NAMESPACE,
    auth=Authenticate(),
    renderer=OrjsonRenderer(),
    # Swagger UI's files come from django-ninja's own static files (no CDN); no online validator.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": True}),
    openapi_url="/openapi.json",
    docs_url="/docs",
)
install_handlers(api)


class IndexOut(Schema):
    name: str
    version: str
    openapi: str
    docs: str


@api.get(
    "/",
    response={200: IndexOut, frozenset({401, 429}): ErrorOut},
    summary="Where the API is described",
    tags=["meta"],
)
def index(request: HttpRequest) -> dict[str, Any]:
    return {
        "name": f"{settings.SERVICE_NAME} — {settings.CITY_NAME}",
        "version": "1",
        "openapi": request.build_absolute_uri(reverse(f"{NAMESPACE}:openapi-json")),
        "docs": request.build_absolute_uri(reverse(f"{NAMESPACE}:openapi-view")),
    }


api.add_router("", reports.router)
api.add_router("", directory.router)
api.add_router("", classify.router)
api.add_router("", tokens.router)
api.add_router("", webhooks.router)
