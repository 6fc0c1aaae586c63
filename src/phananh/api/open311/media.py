"""Photos in Open311: the file parts a client may send, and the media_url a request answers.

POST requests and servicerequestupdates read photos from `media`, `media[]` and FixMyStreet's
`photo1` … `photoN`, each checked like the web form's uploads before anything is stored. A
request's `media_url` is our public copy once it is ready (small photos are made within the
POST), its stable address while it is being made (`media_url_view`), else the client's own.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from typing import IO, Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from phananh.api.open311 import selectors
from phananh.api.open311.formats import Open311Error, render_errors
from phananh.api.open311.params import guess_format, path_value, shown
from phananh.core.errors import DomainError
from phananh.reports.choices import MediaKind, MediaState
from phananh.reports.media import media_inspect, media_process
from phananh.reports.models import Media, Report

logger = logging.getLogger(__name__)

UPLOADS_MAX = 5
# FixMyStreet names its photo parts photo1 … photoN; other clients send media or media[].
PHOTO_PART = re.compile(r"^photo\d{1,2}$")
# Public copies and thumbnails share the default storage: a row's file name becomes its URL.
_PUBLIC_FILES = Media._meta.get_field("public_file")


@functools.lru_cache(maxsize=20_000)
def _public_file_url(name: str) -> str:
    """The public storage's URL of a file, worked out once per process (that storage does not
    sign its URLs, so a name always has the same one): a list names hundreds of photos, and
    each cost the storage a URL join and quoting."""
    return _PUBLIC_FILES.storage.url(name)


@receiver(setting_changed)
def _storage_changed(*, setting: str, **_kwargs: object) -> None:
    if setting in ("STORAGES", "MEDIA_URL"):
        _public_file_url.cache_clear()


def public_file_url(request: HttpRequest, name: str) -> str:
    """A public file's absolute URL (`request.build_absolute_uri` of its storage URL, with this
    request's scheme and host worked out once for all the rows of an answer)."""
    url = _public_file_url(name)
    if not url.startswith("/") or url.startswith("//"):
        return request.build_absolute_uri(url)
    origin: str | None = getattr(request, "_public_origin", None)
    if origin is None:
        origin = request.build_absolute_uri("/")[:-1]
        request._public_origin = origin  # type: ignore[attr-defined]
    return origin + url


def media_url(request: HttpRequest, media: list[Media]) -> str | None:
    """The public copy of the first ready photo (its thumbnail for a video); never an original."""
    for item in media:
        file = item.public_file if item.kind == "photo" else item.thumbnail
        if file:
            return public_file_url(request, file.name)
    return None


def request_media_url(request: HttpRequest, row: dict[str, Any]) -> str | None:
    """A request's photo (`row` from the Open311 selectors): our public copy once ready; while
    it is made, its stable address (which serves it as soon as it is ready); else the link the
    client gave; else null."""
    for item in row["ready_media"]:
        name = item["public_file"] if item["kind"] == "photo" else item["thumbnail"]
        if name:
            return public_file_url(request, name)
    pending = row["pending_media"]
    if pending:
        return request.build_absolute_uri(
            reverse("open311:media", kwargs={"code": row["code"], "media_id": pending[0]["id"]})
        )
    given = row["client_media_url"]
    return str(given) if given else None


def uploads_read(request: HttpRequest) -> list:
    """Every file part a client may send — media, media[] and FixMyStreet's photo1 … photoN —
    each checked like the web form's uploads before anything is stored (a bad one is a 400)."""
    uploads = [*request.FILES.getlist("media"), *request.FILES.getlist("media[]")]
    photo_parts = sorted(
        (name for name in request.FILES if PHOTO_PART.match(name)), key=lambda n: int(n[5:])
    )
    for name in photo_parts:
        uploads.extend(request.FILES.getlist(name))
    unknown = [
        name
        for name in request.FILES
        if name not in ("media", "media[]") and not PHOTO_PART.match(name)
    ]
    if unknown:
        raise Open311Error(
            400,
            _("Unknown file part “%(name)s”: send photos as media, media[] or photo1 … photoN.")
            % {"name": shown(unknown[0], 40)},
        )
    if len(uploads) > UPLOADS_MAX:
        raise Open311Error(400, _("Send at most %(max)d photos or videos.") % {"max": UPLOADS_MAX})
    for upload in uploads:
        if not upload.size:
            raise Open311Error(
                400, _("%(name)s is empty.") % {"name": shown(upload.name or "file", 60)}
            )
        try:
            media_inspect(upload)
        except DomainError as exc:
            raise Open311Error(400, str(exc.message)) from exc
        upload.seek(0)
    return uploads


def photos_process_small(report: Report, uploads: Sequence[IO[bytes]]) -> None:
    """Make the public copies of small photos now (the worker would, a few seconds later), so
    the client reading its request back finds a media_url that works. `uploads`, checked by
    `uploads_read`, give their bytes: the originals are not read back from storage."""
    # Up to PHANANH_OPEN311_PHOTO_INLINE_BYTES; larger ones (and videos) answer with their
    # stable address (media_url_view).
    limit = settings.OPEN311_PHOTO_INLINE_BYTES
    if limit <= 0:
        return
    pending = list(
        Media.objects.filter(
            report=report, state=MediaState.PENDING, kind=MediaKind.PHOTO, size__lte=limit
        ).values_list("pk", flat=True)
    )
    if not pending:
        return
    # Only the small ones are read again (a video of 100 MB would be copied for nothing).
    small = [upload for upload in uploads if (getattr(upload, "size", None) or 0) <= limit]
    originals = {
        info.sha256: data
        for data, info in map(media_inspect, small)
        if info.kind == MediaKind.PHOTO
    }
    for media_id in pending:
        try:
            media_process(media_id=media_id, originals=originals)
        except Exception:  # the worker's task tries again; the answer still has a stable URL
            logger.exception("open311: processing photo %s inline failed", media_id)


@csrf_exempt
def media_url_view(request: HttpRequest, code: str, media_id: str) -> HttpResponse:
    """A request's photo by a stable address: its public copy once ready (a redirect), 503 with
    Retry-After while it is being made, 404 if it never will be (hidden, failed, not public)."""
    report_id = selectors.request_id(path_value(code))
    media = (
        Media.objects.filter(pk=int(media_id), report_id=report_id).first() if report_id else None
    )
    if media is None or media.state in (MediaState.HIDDEN, MediaState.FAILED):
        return render_errors(guess_format(request), 404, [_("No such photo.")])
    if media.state == MediaState.PENDING:
        response = render_errors("json", 503, [_("The photo is being prepared; try again.")])
        response["Retry-After"] = "5"
        return response
    file = media.public_file if media.kind == "photo" else media.thumbnail
    response = HttpResponse(status=302)
    response["Location"] = request.build_absolute_uri(file.url)
    return response
