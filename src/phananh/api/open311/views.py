"""Open311 GeoReport v2 endpoints (docs/open311.md): validate, call one selector or service,
render in the format of the URL's suffix. Every failure is a spec error, never a 500.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
    ValidationError,
)
from django.core.validators import validate_email
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from phananh.accounts.choices import ApiKeyScope
from phananh.accounts.models import ApiKey
from phananh.accounts.selectors import actor_for_api_key, apikey_authenticate
from phananh.api.open311 import media, selectors
from phananh.api.open311.formats import FORMATS, Open311Error, render, render_errors
from phananh.api.open311.params import (
    comma_list,
    coordinate,
    guess_format,
    path_value,
    shown,
    text,
    w3c,
)
from phananh.api.open311.requests import requests_response, requests_stream
from phananh.api.open311.services import (
    open311_comment_post,
    open311_request_create,
    open311_update_post,
)
from phananh.catalog.attributes import attribute_answers
from phananh.catalog.models import Category
from phananh.catalog.selectors import category_codes_available, category_get_offered
from phananh.core import clock
from phananh.core.conditional import answer as conditional_answer
from phananh.core.errors import ActionNotAllowed, DomainError
from phananh.reports.choices import Channel
from phananh.reports.drafts import Contact, ReportDraft
from phananh.reports.models import Event

logger = logging.getLogger(__name__)

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-01-01T00:00:00+07:00"  # when this endpoint's behaviour last changed
REQUEST_WINDOW = timedelta(days=90)
CORS = {"Access-Control-Allow-Origin": "*"}
UPDATE_WINDOW = timedelta(days=1)
BAD_BODY = (
    # A form body that is not UTF-8 (charset=utf-16…): Django refuses to decode it.
    BadRequest,
    MultiPartParserError,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
    UnreadablePostError,
    SuspiciousOperation,
    UnicodeError,
)


def _params(request: HttpRequest) -> QueryDict:
    """POST parameters with the query string's as fallback (some clients put api_key there)."""
    if request.method != "POST":
        return request.GET
    merged = request.GET.copy()
    for key in request.POST:
        merged.setlist(key, request.POST.getlist(key))
    return merged


def endpoint(*methods: str) -> Callable:
    """Format from the suffix, method and jurisdiction checked, errors answered as the spec says."""
    allowed = {*methods, "HEAD"} if "GET" in methods else set(methods)

    def wrap(view: Callable) -> Callable:
        @csrf_exempt
        @functools.wraps(view)
        def handle(request: HttpRequest, fmt: str = "json", **kwargs: str) -> HttpResponseBase:
            fmt = fmt.lower()
            if fmt not in FORMATS:
                return render_errors(
                    guess_format(request),
                    404,
                    [
                        _("Unknown format “%(fmt)s”: end the URL in .xml or .json.")
                        % {"fmt": shown(fmt, 10)}
                    ],
                )
            if request.method not in allowed:
                response = render_errors(
                    fmt,
                    405,
                    [
                        _("Method %(method)s is not allowed here.")
                        % {"method": shown(request.method or "", 10)}
                    ],
                )
                response["Allow"] = ", ".join(sorted(allowed))
                return response
            try:
                params = _params(request)
                jurisdiction = text(params.get("jurisdiction_id"), max_length=200)
                if jurisdiction and jurisdiction != settings.OPEN311_JURISDICTION:
                    raise Open311Error(
                        404,
                        _("jurisdiction_id “%(given)s” is not served here (this is %(ours)s).")
                        % {"given": shown(jurisdiction), "ours": settings.OPEN311_JURISDICTION},
                    )
                return view(request, fmt, params, **kwargs)
            except Open311Error as exc:
                response = render_errors(fmt, exc.status, [exc.description])
            except ActionNotAllowed as exc:
                response = render_errors(fmt, 403, [str(exc.message)])
            except DomainError as exc:
                # Open311 knows 400/403/404: a step the lifecycle refuses is a bad request here.
                response = render_errors(fmt, 400, [str(exc.message)])
            except BAD_BODY as exc:
                logger.info("open311: unreadable request body: %s", exc)
                response = render_errors(fmt, 400, [_("The request body could not be read.")])
            return response

        return handle

    return wrap


def _api_key(params: QueryDict, scope: str, what: str) -> ApiKey:
    key = apikey_authenticate(text(params.get("api_key"), max_length=200))
    if key is None:
        raise Open311Error(
            403, _("api_key is missing or not valid: can't %(what)s.") % {"what": what}
        )
    if not key.has_scope(scope):
        raise Open311Error(
            403,
            _("This api_key may not %(what)s (it needs the scope %(scope)s).")
            % {"what": what, "scope": scope},
        )
    return key


def _window(
    params: QueryDict, default: timedelta, *, until_now: bool = False
) -> tuple[datetime, datetime]:
    """[start, end) from start_date/end_date; a missing side is `default` away from the other
    (`until_now`: a start alone runs until now, as an update poller means it)."""
    start_raw, end_raw = params.get("start_date", ""), params.get("end_date", "")
    start = w3c(start_raw, "start_date") if text(start_raw) else None
    end = w3c(end_raw, "end_date", end=True) if text(end_raw) else None
    now = clock.now()
    if start is None:
        end = end if end is not None else now
        start = end - default
    elif end is None:
        end = now if until_now and start < now else start + default
    if start >= end:
        raise Open311Error(400, _("start_date must be before end_date."))
    return start, end


def root(request: HttpRequest) -> HttpResponse:
    """/open311/v2/ itself: the discovery document (JSON, as the spec asks discovery to allow)."""
    return discovery(request, "json")


@endpoint("GET")
def discovery(request: HttpRequest, fmt: str, params: QueryDict | None = None) -> HttpResponse:
    base = request.build_absolute_uri(reverse("open311:root"))
    data = {
        "changeset": CHANGESET,
        "contact": _("%(service)s, %(city)s: %(email)s")
        % {
            "service": settings.SERVICE_NAME,
            "city": settings.CITY_NAME,
            "email": settings.DEFAULT_FROM_EMAIL,
        },
        "key_service": _(
            "Ask the operations centre for an API key (created with “phananh apikey create”)."
        ),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(fmt, data, root="discovery", item=None)


def _service_data(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description or None,
        "metadata": bool(category.attributes),
        "type": "realtime",
        "keywords": ", ".join(str(k) for k in category.keywords or []) or None,
        "group": category.group.name if category.group_id else None,
    }


@endpoint("GET")
def services(request: HttpRequest, fmt: str, params: QueryDict) -> HttpResponse:
    return _conditional(
        request,
        lambda: render(
            fmt,
            [_service_data(category) for category in selectors.service_list()],
            root="services",
            item="service",
        ),
        category_codes_available(),
    )


def _localised(item: dict, field: str) -> str:
    english = (translation.get_language() or "vi").startswith("en")
    return str((english and item.get(f"{field}_en")) or item.get(f"{field}_vi") or "")


def _attribute_data(definition: dict) -> dict:
    data = {
        "variable": definition.get("variable", True) is not False,
        "code": str(definition.get("code", "")),
        "datatype": definition.get("datatype", "string"),
        "required": bool(definition.get("required")),
        "datatype_description": None,
        "order": int(definition.get("order", 0)),
        "description": _localised(definition, "description"),
    }
    if data["datatype"] in ("singlevaluelist", "multivaluelist"):
        data["values"] = [
            {"key": str(value.get("key")), "name": _localised(value, "name")}
            for value in definition.get("values", [])
        ]
    return data


@endpoint("GET")
def service_definition(
    request: HttpRequest, fmt: str, params: QueryDict, code: str
) -> HttpResponse:
    category = selectors.service_get(path_value(code))
    if category is None:
        raise Open311Error(404, _("No service with code “%(code)s”.") % {"code": shown(code)})
    attributes = sorted(category.attributes or [], key=lambda a: a.get("order", 0))
    data = {"service_code": category.code, "attributes": [_attribute_data(a) for a in attributes]}
    return render(fmt, data, root="service_definition", item=None)


@endpoint("GET", "POST")
def service_requests(request: HttpRequest, fmt: str, params: QueryDict) -> HttpResponseBase:
    if request.method == "POST":
        return _request_create(request, fmt, params)
    ids = comma_list(params, "service_request_id")
    if ids:  # overrides every other filter
        return _conditional(
            request, lambda: requests_response(request, fmt, selectors.request_by_codes(ids))
        )
    statuses = [status.lower() for status in comma_list(params, "status")]
    for status in statuses:
        if status not in ("open", "closed"):
            raise Open311Error(
                400, _("status must be open or closed, not “%(value)s”.") % {"value": shown(status)}
            )
    start, end = _window(params, REQUEST_WINDOW)
    query = selectors.request_list_query(
        service_codes=comma_list(params, "service_code"), statuses=statuses, start=start, end=end
    )
    # A window that starts "90 days ago" loses its oldest requests as time passes, with no
    # write to move the change stamp: its oldest request is part of the validator then (one
    # probe of the list's index; counting the window read every row of it).
    relative = None if text(params.get("start_date")) else selectors.request_oldest(query)
    return _conditional(
        request,
        lambda: requests_stream(request, fmt, selectors.request_row_chunks(query)),
        relative,
    )


def _conditional(
    request: HttpRequest, build: Callable[[], HttpResponseBase], *extra: object
) -> Any:
    """A GET answered with ETag/Last-Modified, or 304 before anything is read (core/conditional)."""
    return conditional_answer(request, build, *extra, headers=CORS)


def _email(params: QueryDict) -> str:
    email = text(params.get("email"), max_length=254)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Open311Error(400, _("email is not a valid email address.")) from None
    return email


def _request_create(request: HttpRequest, fmt: str, params: QueryDict) -> HttpResponse:
    key = _api_key(params, ApiKeyScope.REPORTS_WRITE, _("create a request"))
    code = text(params.get("service_code"), max_length=64)
    if not code:
        raise Open311Error(400, _("service_code is required."))
    # A campaign's service after the campaign is found too: the intake says it has ended and
    # which service to use instead.
    category = selectors.service_get(code) or category_get_offered(code)
    if category is None:
        raise Open311Error(400, _("service_code “%(code)s” was not found.") % {"code": shown(code)})
    lat_raw, lon_raw = (
        text(params.get("lat"), max_length=40),
        text(params.get("long"), max_length=40),
    )
    lat = lon = None
    if lat_raw or lon_raw:
        if not (lat_raw and lon_raw):
            raise Open311Error(400, _("lat and long must be given together."))
        lat, lon = coordinate(lat_raw, "lat", 90), coordinate(lon_raw, "long", 180)
    address = text(params.get("address_string"), max_length=255) or text(
        params.get("address_id"), max_length=255
    )
    if lat is None and not address:
        raise Open311Error(
            400, _("A location is required: lat and long, address_string or address_id.")
        )
    name = " ".join(
        part
        for part in (
            text(params.get("first_name"), max_length=75),
            text(params.get("last_name"), max_length=75),
        )
        if part
    )
    draft = ReportDraft(
        text=text(params.get("description"), max_length=20000),
        channel=Channel.OPEN311,
        category=category,
        point=(lat, lon) if lat is not None and lon is not None else None,
        address=address,
        uploads=media.uploads_read(request),
        contact=Contact(
            name=name, email=_email(params), phone=text(params.get("phone"), max_length=32)
        ),
        attributes=attribute_answers(params),
        # Kept and returned as the request's media_url until a photo of our own exists; never
        # fetched (the server does not download what it is told to). A list: the first.
        media_url=text(
            params.getlist("media_url")[0] if params.getlist("media_url") else "", max_length=500
        ),
        # A client's retry with the same Idempotency-Key gets the same request back.
        submission_key=text(request.headers.get("Idempotency-Key"), max_length=64),
        language=(translation.get_language() or "vi")[:2],
        # An extension: a running campaign's slug, which the report joins.
        campaign=text(params.get("campaign"), max_length=60),
    )
    report = open311_request_create(actor=actor_for_api_key(key), draft=draft)
    if draft.uploads:
        media.photos_process_small(report, draft.uploads)
    notice = _(
        "Received as %(code)s. The operations centre checks it and refers it to the agency "
        "responsible; follow it at %(url)s"
    ) % {"code": report.code, "url": request.build_absolute_uri(report.get_absolute_url())}
    data = [{"service_request_id": report.code, "service_notice": notice, "account_id": None}]
    if draft.uploads or draft.media_url:
        row = selectors.request_media_row(report)
        data[0]["media_url"] = media.request_media_url(request, row) if row else None
    return render(fmt, data, root="service_requests", item="request")


@endpoint("GET")
def request_detail(
    request: HttpRequest, fmt: str, params: QueryDict, request_id: str
) -> HttpResponse:
    report = selectors.request_get(path_value(request_id))
    if report is None:
        raise Open311Error(404, _("No request with id “%(id)s”.") % {"id": shown(request_id)})
    return requests_response(request, fmt, [report])


@endpoint("GET")
def token(request: HttpRequest, fmt: str, params: QueryDict, token: str) -> HttpResponse:
    """Our tracking code is both the token and the request id: a token is answered at once."""
    report_id = selectors.request_id(path_value(token))
    if report_id is None:
        raise Open311Error(404, _("No request for token “%(token)s”.") % {"token": shown(token)})
    code = path_value(token).upper()
    data = [{"service_request_id": code, "token": code}]
    return render(fmt, data, root="service_requests", item="request")


def _update_data(request: HttpRequest, event: Event) -> dict:
    return {
        "update_id": str(event.pk),
        "service_request_id": event.report.code,
        "status": selectors.update_status(event.to_status or event.report.status),
        "updated_datetime": event.created_at,
        "description": event.public_note or str(event.get_action_display()),
        "media_url": media.media_url(request, getattr(event, "ready_media", [])),
        "external_status_code": event.to_status or None,
    }


@endpoint("GET", "POST")
def updates(request: HttpRequest, fmt: str, params: QueryDict) -> HttpResponse:
    if request.method == "POST":
        return _update_create(request, fmt, params)
    start, end = _window(params, UPDATE_WINDOW, until_now=True)

    def build() -> HttpResponse:
        events = selectors.update_list(start=start, end=end)
        data = [_update_data(request, event) for event in events]
        return render(fmt, data, root="service_request_updates", item="request_update")

    relative = None if text(params.get("start_date")) else selectors.update_count(start=start)
    return _conditional(request, build, relative)


def _update_key(params: QueryDict) -> ApiKey:
    """An agency's key (updates:write) or an integrator's (updates:write or reports:write)."""
    key = apikey_authenticate(text(params.get("api_key"), max_length=200))
    if key is None:
        raise Open311Error(403, _("api_key is missing or not valid: can't post an update."))
    if key.has_scope(ApiKeyScope.UPDATES_WRITE) or (
        key.agency_id is None and key.has_scope(ApiKeyScope.REPORTS_WRITE)
    ):
        return key
    raise Open311Error(
        403,
        _("This api_key may not post an update (it needs the scope %(scope)s).")
        % {"scope": ApiKeyScope.UPDATES_WRITE},
    )


def _update_create(request: HttpRequest, fmt: str, params: QueryDict) -> HttpResponse:
    """An agency's key: the agency's step. An integrator's key: its user's public comment (or,
    from the key that filed the report, the answer to the operations centre's question)."""
    key = _update_key(params)
    actor = actor_for_api_key(key)
    if key.agency_id is not None and not actor.memberships:
        raise Open311Error(403, _("This api_key does not act for an active agency."))
    request_id = text(params.get("service_request_id"), max_length=64)
    if not request_id:
        raise Open311Error(400, _("service_request_id is required."))
    report = selectors.request_for_update(request_id)
    if report is None:
        raise Open311Error(404, _("No request with id “%(id)s”.") % {"id": shown(request_id)})
    description = text(params.get("description"), max_length=20000)
    uploads = media.uploads_read(request)
    if not actor.memberships:
        update_id = open311_comment_post(
            key=key, report=report, description=description, uploads=uploads
        )
        data = [{"update_id": update_id}]
        return render(fmt, data, root="service_request_updates", item="request_update")
    status = text(params.get("status"), max_length=40)
    if not status:
        raise Open311Error(400, _("status is required (open or closed)."))
    event = open311_update_post(
        actor=actor, report=report, status=status, description=description, uploads=uploads
    )
    data = [{"update_id": str(event.pk)}]
    return render(fmt, data, root="service_request_updates", item="request_update")


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other URL under /open311/v2/: a spec error, not the site's HTML page."""
    return render_errors(
        guess_format(request),
        404,
        [_("No such Open311 resource: %(path)s") % {"path": shown(rest, 80)}],
    )
