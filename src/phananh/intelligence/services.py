"""Writes for intelligence: train the classifier, classify a new report, detect hot issues."""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache as django_cache
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from sklearn.pipeline import Pipeline

from phananh.accounts.actors import Actor
from phananh.accounts.choices import Role
from phananh.catalog.models import Category
from phananh.catalog.selectors import route_for
from phananh.core import clock
from phananh.intelligence import classifier
from phananh.intelligence.choices import HotIssueState
from phananh.intelligence.corpus import heldout_samples, seed_samples
from phananh.intelligence.models import Classification, ClassifierModel, HotIssue, HotIssueReport
from phananh.intelligence.selectors import (
    VERSION_KEY,
    category_suggest,
    classifier_current,
    training_reports,
)
from phananh.notifications.services import staff_alert
from phananh.notifications.templates import StaffAlert
from phananh.reports import lifecycle
from phananh.reports.actions.triage import report_assign, report_categorize
from phananh.reports.choices import Action, Status
from phananh.reports.models import Event, Report

logger = logging.getLogger(__name__)
# The last fit in this process, by training-data fingerprint: retraining on the same data is free.
_fitted: dict[str, tuple[Pipeline, bytes, float]] = {}


def _training_data() -> tuple[list[str], list[str], int, int]:
    seed = seed_samples()
    decided = list(training_reports(settings.CLASSIFIER_MAX_REPORTS))
    texts = [s.text for s in seed] + [text for text, _code in decided]
    labels = [s.category for s in seed] + [code for _text, code in decided]
    # A category an admin added (a campaign's) has few texts yet: its keywords teach the model.
    counts = Counter(labels)
    for category in Category.objects.filter(is_active=True):
        keywords = [k for k in category.keywords if k]
        if counts[category.code] < 2 and len(keywords) >= 2:
            texts += keywords
            labels += [category.code] * len(keywords)
    # Calibration needs two examples of every label: a lone one waits for the next.
    counts = Counter(labels)
    kept = [(text, label) for text, label in zip(texts, labels, strict=True) if counts[label] >= 2]
    texts, labels = [text for text, _label in kept], [label for _text, label in kept]
    return texts, labels, len(seed), len(decided)


@transaction.atomic
def classifier_train(*, reason: str) -> ClassifierModel:
    """Fit a new model on the seed corpus plus every report an operator categorised; store it."""
    texts, labels, seed_count, decided_count = _training_data()
    digest = hashlib.sha256()
    for text, label in zip(texts, labels, strict=True):
        digest.update(f"{label}\t{text}\n".encode())
    fingerprint = digest.hexdigest()
    if fingerprint in _fitted:
        pipeline, payload, seconds = _fitted[fingerprint]
    else:
        started = time.perf_counter()
        pipeline = classifier.fit(texts, labels)
        payload = classifier.dumps(pipeline)
        seconds = round(time.perf_counter() - started, 2)
        _fitted.clear()
        _fitted[fingerprint] = (pipeline, payload, seconds)
    known = set(pipeline.classes_)
    heldout = [s for s in heldout_samples() if s.category in known]
    evaluation = (
        classifier.evaluate(pipeline, [s.text for s in heldout], [s.category for s in heldout])
        if heldout
        else None
    )
    model = ClassifierModel.objects.create(
        created_at=clock.now(),
        reason=reason,
        fingerprint=fingerprint,
        seed_samples=seed_count,
        operator_samples=decided_count,
        categories=sorted(known),
        heldout_top1=evaluation.top1 if evaluation else None,
        heldout_top3=evaluation.top3 if evaluation else None,
        training_seconds=seconds,
        payload=payload,
        sklearn_version=classifier.sklearn_version(),
    )
    transaction.on_commit(lambda: django_cache.set(VERSION_KEY, (model.pk, fingerprint), 60))
    logger.info("classifier v%s trained on %s texts in %ss", model.pk, len(texts), seconds)
    return model


def classifier_train_due(*, now: datetime | None = None) -> ClassifierModel | None:
    """Train when no model exists yet, or nightly at the configured hour (once a day)."""
    now = clock.now() if now is None else now
    latest = ClassifierModel.objects.order_by("-id").only("created_at").first()
    if latest is None:
        return classifier_train(reason="first_use")
    nightly = timezone.localtime(now).hour == settings.CLASSIFIER_TRAIN_HOUR
    if nightly and now - latest.created_at > timedelta(hours=20):
        return classifier_train(reason="scheduled")
    return None


# The steps after which the classifier looks at a report: when it arrives (its suggestions are
# shown to the reporter and the operators) and when it enters triage (auto-assignment).
CLASSIFIED_AFTER = frozenset({Action.SUBMIT, Action.CONFIRM})


def classify_wants(event: Event, row: lifecycle.Transition) -> bool:
    """The fan-out's condition for the classifier (registered in intelligence/apps.py)."""
    return event.action in CLASSIFIED_AFTER


def classify_notice(event: Event) -> Classification | None:
    """The fan-out's subscriber: classify the event's report (twice-safe)."""
    return report_classify(report_id=event.report_id)


def report_classify(*, report_id: int) -> Classification | None:
    """Store the classifier's suggestions for a new report; apply them past the threshold.

    Twice-safe: a report is classified once; a second call only retries the auto-triage (after
    the reporter confirmed).
    """
    report = Report.objects.select_related("category").filter(pk=report_id).first()
    if report is None:
        return None
    existing = Classification.objects.select_related("top_category").filter(report=report).first()
    if existing is not None:  # classified at intake; confirmed since, perhaps
        if not existing.applied:
            report_auto_triage(report=report, classification=existing)
        return existing
    version, _pipeline = classifier_current()
    suggestions = category_suggest(report.text, limit=3)
    top = suggestions[0] if suggestions else None
    try:
        with transaction.atomic():
            classification = Classification.objects.create(
                report=report,
                model_id=version or None,
                created_at=clock.now(),
                suggestions=[{"category": s.category.code, "score": s.score} for s in suggestions],
                top_category=top.category if top else None,
                top_score=top.score if top else 0.0,
            )
    except IntegrityError:
        return None
    report_auto_triage(report=report, classification=classification)
    return classification


@transaction.atomic
def report_auto_triage(*, report: Report, classification: Classification) -> bool:
    """Categorise and refer a report without an operator when its category allows it.

    Only when the category has an auto-assign threshold (none by default), the report is new,
    the citizen chose no category or the same one, and the top score reaches the threshold.
    """
    category = classification.top_category
    report = (
        Report.objects.select_related("category", "area").defer("area__geometry").get(pk=report.pk)
    )
    if (
        category is None
        or category.auto_assign_threshold is None
        or classification.top_score < category.auto_assign_threshold
        or report.status != Status.NEW
        or report.category_id not in (None, category.pk)
    ):
        return False
    route = route_for(category, report.area)
    if route.agency is None:
        return False
    system = Actor.system()
    if report.category_id is None:
        report = report_categorize(
            report=report,
            actor=system,
            category=category,
            note=_("Suggested with score %(score).2f (threshold %(threshold).2f).")
            % {"score": classification.top_score, "threshold": category.auto_assign_threshold},
            payload={"score": classification.top_score, "model": classification.model_id},
        )
    report_assign(report=report, actor=system, agency=route.agency)
    classification.applied = True
    classification.save(update_fields=["applied"])
    return True


# ── Hot issues ───────────────────────────────────────────────────────────────────────────────

_HOT_STATUSES_EXCLUDED = (Status.UNCONFIRMED, Status.REJECTED)


def hot_issues_detect(*, now: datetime | None = None) -> list[HotIssue]:
    """Group recent reports by (category, ward); open a hot issue past the threshold, alert once.

    Reads only the window's reports (index on submitted_at). Returns the newly opened issues.
    """
    now = clock.now() if now is None else now
    window = timedelta(hours=settings.HOT_ISSUE_WINDOW_HOURS)
    recent = Report.objects.filter(
        submitted_at__gte=now - window,
        submitted_at__lte=now,
        category__isnull=False,
        area__isnull=False,
    ).exclude(status__in=_HOT_STATUSES_EXCLUDED)
    groups = (
        recent.values("category_id", "area_id")
        .annotate(n=Count("id"), first=Min("submitted_at"), last=Max("submitted_at"))
        .filter(n__gte=settings.HOT_ISSUE_MIN_REPORTS)
    )
    opened = []
    for group in groups:
        issue, created = _hot_issue_update(group, now)
        if created:
            opened.append(issue)
    stale = HotIssue.objects.filter(state=HotIssueState.OPEN, last_report_at__lt=now - 2 * window)
    stale.update(state=HotIssueState.CLOSED, closed_at=now)
    return opened


@transaction.atomic
def _hot_issue_update(group: dict, now: datetime) -> tuple[HotIssue, bool]:
    issue = (
        HotIssue.objects.select_for_update()
        .filter(
            state=HotIssueState.OPEN, category_id=group["category_id"], area_id=group["area_id"]
        )
        .first()
    )
    created = issue is None
    if issue is None:
        try:
            with transaction.atomic():
                issue = HotIssue.objects.create(
                    category_id=group["category_id"],
                    area_id=group["area_id"],
                    detected_at=now,
                    first_report_at=group["first"],
                    last_report_at=group["last"],
                )
        except IntegrityError:  # another worker opened it a moment ago (hot_issue_one_open)
            created = False
            issue = HotIssue.objects.select_for_update().get(
                state=HotIssueState.OPEN,
                category_id=group["category_id"],
                area_id=group["area_id"],
            )
    members = (
        Report.objects.filter(
            category_id=issue.category_id,
            area_id=issue.area_id,
            submitted_at__gte=issue.first_report_at,
            submitted_at__lte=now,
        )
        .exclude(status__in=_HOT_STATUSES_EXCLUDED)
        .values_list("id", flat=True)
    )
    HotIssueReport.objects.bulk_create(
        [HotIssueReport(hot_issue=issue, report_id=pk) for pk in members],
        ignore_conflicts=True,
    )
    issue.report_count = issue.members.count()
    issue.last_report_at = max(issue.last_report_at, group["last"])
    issue.save(update_fields=["report_count", "last_report_at"])
    if created:
        _hot_issue_alert(issue)
    return issue, created


def _hot_issue_alert(issue: HotIssue) -> None:
    """Tell the IOC's supervisors once, each in their language, that a hot issue opened."""
    issue = (
        HotIssue.objects.select_related("category", "area").defer("area__geometry").get(pk=issue.pk)
    )
    staff_alert(
        StaffAlert.HOT_ISSUE,
        to=[(None, (Role.SUPERVISOR,))],
        values={
            "count": issue.report_count,
            "category": lambda: issue.category.name,
            "area": lambda: issue.area.name,
            "hours": settings.HOT_ISSUE_WINDOW_HOURS,
            "url": f"{settings.SITE_URL}/ops/dashboard/#hot-issues",
        },
        dedupe_key=f"hot:{issue.pk}",
    )
