"""Reads for intelligence: the classifier in use, suggestions, duplicate candidates, hot issues."""

from __future__ import annotations

import logging
import math
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from django.conf import settings
from django.core.cache import cache as django_cache
from django.db.models import F, QuerySet
from sklearn.pipeline import Pipeline

from phananh.catalog.models import Category
from phananh.catalog.selectors import Route, route_for
from phananh.core import clock
from phananh.core.text import normalize
from phananh.geo.grid import cell_ids_around
from phananh.intelligence import classifier
from phananh.intelligence.choices import HotIssueState
from phananh.intelligence.corpus import seed_samples
from phananh.intelligence.models import ClassifierModel, HotIssue
from phananh.reports.choices import OPEN_STATUSES
from phananh.reports.models import Media, Report

VERSION_KEY = "intelligence:classifier-version"
MIN_SCORE = 0.05  # suggestions below this are noise, not worth a button
logger = logging.getLogger(__name__)


# ── The classifier in use ────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class _InUse:
    """What this process suggests with, decided for the newest stored model it last saw."""

    newest: tuple[int, str]  # (id, fingerprint) of the newest stored model; (0, "") when none
    model_id: int  # the stored model in use; 0 for the seed corpus alone
    pipeline: Pipeline | None


_lock = threading.Lock()
_in_use: _InUse | None = None


def classifier_version() -> tuple[int, str]:
    """(id, fingerprint) of the newest stored model ((0, "") when none yet), cached a minute."""
    version = django_cache.get(VERSION_KEY)
    if version is None:
        newest = ClassifierModel.objects.values_list("id", "fingerprint").order_by("-id").first()
        version = tuple(newest) if newest else (0, "")
        django_cache.set(VERSION_KEY, version, 60)
    return int(version[0]), str(version[1])


@cache
def _seed_only_pipeline() -> Pipeline | None:
    """The seed corpus alone, fitted in memory by this process's scikit-learn."""
    samples = seed_samples()
    if len({s.category for s in samples}) < 2:
        return None
    return classifier.fit([s.text for s in samples], [s.category for s in samples])


def _stored_pipeline(model_id: int) -> Pipeline | None:
    """A stored model's pipeline if this process's scikit-learn can use it; else None, logged."""
    row = (
        ClassifierModel.objects.filter(pk=model_id)
        .values_list("payload", "sklearn_version")
        .first()
    )
    if row is None:
        return None
    payload, trained_with = row
    running = classifier.sklearn_version()
    if trained_with != running:
        logger.warning(
            "classifier v%s was trained with scikit-learn %s, this is %s: the seed corpus "
            "suggests until the worker retrains",
            model_id,
            trained_with or "(not recorded)",
            running,
        )
        return None
    try:
        return classifier.loads(payload)
    except classifier.UnusableModel as error:
        logger.warning(
            "classifier v%s does not load (%s): the seed corpus suggests until the worker retrains",
            model_id,
            error,
        )
        return None


def _classifier_in_use() -> _InUse:
    global _in_use
    newest = classifier_version()
    with _lock:
        if _in_use is None or _in_use.newest != newest:
            pipeline = _stored_pipeline(newest[0]) if newest[0] else None
            if pipeline is not None:
                _in_use = _InUse(newest=newest, model_id=newest[0], pipeline=pipeline)
            else:
                # No stored model yet (a fresh install), or one this process cannot use.
                _in_use = _InUse(newest=newest, model_id=0, pipeline=_seed_only_pipeline())
        return _in_use


def _classifier_set_aside(pipeline: Pipeline) -> None:
    """Stop using a stored model that loaded but fails when asked; the seed corpus takes over."""
    global _in_use
    with _lock:
        if _in_use is not None and _in_use.model_id and _in_use.pipeline is pipeline:
            _in_use = _InUse(newest=_in_use.newest, model_id=0, pipeline=_seed_only_pipeline())


def classifier_current() -> tuple[int, Pipeline | None]:
    """(version, fitted pipeline): the newest stored model, loaded once per process.

    Version 0 is the seed corpus alone, fitted in memory: until the worker stores a model, and
    while the newest one cannot be used here (pickled by another scikit-learn, or damaged).
    """
    in_use = _classifier_in_use()
    return in_use.model_id, in_use.pipeline


def classifier_unusable() -> bool:
    """Whether a model is stored but this process cannot use it, so a new one must be trained."""
    in_use = _classifier_in_use()
    return in_use.newest[0] != 0 and in_use.model_id == 0


@dataclass(frozen=True)
class Suggestion:
    category: Category
    score: float


def category_suggest(text: str, *, limit: int = 3) -> list[Suggestion]:
    """The categories the classifier proposes for a citizen's words, best first, with scores."""
    return category_suggest_many([text], limit=limit)[0]


def category_suggest_many(texts: list[str], *, limit: int = 3) -> list[list[Suggestion]]:
    """`category_suggest` for many texts at once (one model call, one category query)."""
    categories = {
        c.code: c for c in Category.objects.filter(is_active=True).select_related("group")
    }
    return [
        [Suggestion(categories[code], score) for code, score in row if code in categories][:limit]
        for row in category_scores(texts, only=set(categories), limit=limit)
    ]


def category_scores(
    texts: list[str], *, only: set[str] | None = None, limit: int = 3
) -> list[list[tuple[str, float]]]:
    """(category code, score) pairs per text, best first; `only` keeps the catalogue's codes.

    Texts too short to mean anything, and scores under MIN_SCORE, give no suggestion.
    """
    wanted = [len(normalize(text)) >= 3 for text in texts]
    results: list[list[tuple[str, float]]] = [[] for _text in texts]
    if not any(wanted):
        return results
    model_id, pipeline = classifier_current()
    if pipeline is None:
        return results
    asked = [text for text, want in zip(texts, wanted, strict=True) if want]
    try:
        rows = iter(classifier.top_k(pipeline, asked, k=limit + 5))
    except Exception:
        # A model can unpickle and still fail when used (an estimator's internals changed):
        # no suggestion this time rather than a failed page or intake; the worker retrains.
        logger.exception("classifier v%s failed to score texts: set aside", model_id)
        _classifier_set_aside(pipeline)
        return results
    for index, want in enumerate(wanted):
        if want:
            row = next(rows)
            results[index] = [
                (code, round(score, 3))
                for code, score in row
                if score >= MIN_SCORE and (only is None or code in only)
            ][:limit]
    return results


def agency_suggest(category: Category | None, report: Report) -> Route:
    """The agency for a (suggested) category at the report's place, with the rule explained."""
    return route_for(category, report.area)


def training_reports(limit: int) -> QuerySet[Report, tuple[str, str]]:
    """(text, category code) of reports whose category a person decided, newest first.

    A report counts once the IOC referred it (its category confirmed or corrected then, or later
    by a `categorize` event); categories the classifier applied on its own are left out, so the
    model never learns from itself.
    """
    return (
        Report.objects.filter(
            category__isnull=False, category__is_active=True, assigned_at__isnull=False
        )
        .exclude(classification__applied=True, classification__top_category=F("category"))
        .order_by("-id")
        .values_list("text", "category__code")[:limit]
    )


# ── Duplicates ───────────────────────────────────────────────────────────────────────────────

EARTH_M = 6_371_000.0


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_M * math.asin(min(1.0, math.sqrt(a)))


def _trigrams(text: str) -> set[str]:
    words = normalize(text)
    padded = f"  {words} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def text_similarity(a: str, b: str) -> float:
    """Jaccard similarity of character trigrams of the normalised texts (0…1)."""
    ta, tb = _trigrams(a), _trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


@dataclass(frozen=True)
class Candidate:
    """A report that may describe the same problem, and why it was proposed."""

    report: Report
    distance_m: float
    similarity: float
    score: float


# A report of another category of the same group (lighting filed as power) is offered only when its
# words are this close: a group such as "environment" holds rubbish and stray dogs alike.
SAME_GROUP_MIN_SIMILARITY = 0.2
# A box touching more map cells than this (a radius of kilometres) is read by its coordinates.
MAX_CELLS = 400


def duplicate_candidates(
    reports: QuerySet[Report],
    *,
    lat: float,
    lon: float,
    category: Category | None,
    text: str = "",
    exclude_id: int | None = None,
    radius_m: float | None = None,
    days: int | None = None,
    at: datetime | None = None,
    limit: int = 5,
) -> list[Candidate]:
    """Open reports near a point, of the same kind, best first; none while the kind is unknown.

    The same kind is the same category, or another category of its group whose text is similar
    (`SAME_GROUP_MIN_SIMILARITY`). Handled, closed, rejected and merged reports are never offered:
    following or merging into them helps nobody. `reports` decides visibility (public pages pass
    the public list, the console every report). The bounding box uses the (lat, lon) index;
    distance, text and age rank what it finds.
    """
    if category is None:
        return []
    radius = float(radius_m or settings.DUPLICATE_RADIUS_M)
    days = days or settings.DUPLICATE_DAYS
    now = at or clock.now()
    since = now - timedelta(days=days)
    dlat = radius / 111_320.0
    dlon = radius / (111_320.0 * max(0.01, math.cos(math.radians(lat))))
    # The group's few category ids, not a join: the planner stays on the place's index.
    group = Category.objects.filter(group_id=category.group_id).values_list("pk", flat=True)
    nearby = reports.filter(
        lat__range=(lat - dlat, lat + dlat),
        lon__range=(lon - dlon, lon + dlon),
        submitted_at__gte=since,
        status__in=OPEN_STATUSES,
        category_id__in=list(group),
    )
    cells = cell_ids_around(lat, lon, dlat, dlon)
    if len(cells) <= MAX_CELLS:  # the few map cells the box touches, through their index
        nearby = nearby.filter(cell__in=cells)
    if exclude_id:
        nearby = nearby.exclude(pk=exclude_id)
    candidates = []
    for report in nearby.order_by("-submitted_at")[:200]:
        if report.lat is None or report.lon is None:  # inside the box, so never
            continue
        distance = distance_m(lat, lon, report.lat, report.lon)
        if distance > radius:
            continue
        # public_text (redacted) is loaded by every list selector; text may be deferred.
        similarity = text_similarity(text, report.public_text) if text else 0.0
        same_category = report.category_id == category.pk
        if not same_category and similarity < SAME_GROUP_MIN_SIMILARITY:
            continue
        age = max(0.0, (now - report.submitted_at).total_seconds()) / 86400
        score = (
            0.35 * (1 - distance / radius)
            + 0.35 * similarity
            + 0.10 * (1 - min(age, days) / days)
            + 0.20 * same_category
        )
        candidates.append(Candidate(report, round(distance, 1), round(similarity, 3), score))
    candidates.sort(key=lambda c: -c.score)
    return candidates[:limit]


# ── Hot issues and photo checks ──────────────────────────────────────────────────────────────


def hot_issue_list_open(limit: int = 10) -> QuerySet[HotIssue]:
    """Hot issues still going on, most recent activity first."""
    return (
        HotIssue.objects.filter(state=HotIssueState.OPEN)
        .select_related("category", "area")
        .defer("area__geometry")  # a ward's polygon: megabytes of JSON, never shown here
        .order_by("-last_report_at")[:limit]
    )


@dataclass(frozen=True)
class PhotoWarning:
    media_id: int
    kind: str  # "old" or "far"
    days: int = 0
    distance_m: float = 0.0


def photo_warnings(report: Report, media: list[Media]) -> list[PhotoWarning]:
    """Photos whose own metadata disagrees with the report: taken long before, or far away."""
    warnings: list[PhotoWarning] = []
    for item in media:
        if item.taken_at is not None:
            age = (report.submitted_at - item.taken_at).days
            if age > settings.PHOTO_MAX_AGE_DAYS:
                warnings.append(PhotoWarning(item.pk, "old", days=age))
        if (
            item.gps_lat is not None
            and item.gps_lon is not None
            and report.lat is not None
            and report.lon is not None
        ):
            distance = distance_m(report.lat, report.lon, item.gps_lat, item.gps_lon)
            if distance > settings.PHOTO_MAX_DISTANCE_M:
                warnings.append(PhotoWarning(item.pk, "far", distance_m=round(distance)))
    return warnings
