"""The demo's intelligence: a trained classifier, suggestions for the triage queue, a hot issue."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from phananh.accounts.actors import Actor
from phananh.catalog.selectors import category_by_code
from phananh.core import clock
from phananh.demo.data import HotCluster
from phananh.geo.models import Area
from phananh.intelligence.models import ClassifierModel
from phananh.intelligence.services import classifier_train, hot_issues_detect, report_classify
from phananh.reports.actions.intake import report_intake
from phananh.reports.choices import Channel, Status
from phananh.reports.drafts import Contact, ReportDraft
from phananh.reports.models import Report


def _seed_hot_cluster(cluster: HotCluster) -> None:
    """The cluster's reports, hours apart near one point: what hot-issue detection finds."""
    ward = Area.objects.get(code=cluster.ward)
    category = category_by_code([cluster.category])[cluster.category]
    now = timezone.now()
    count = len(cluster.reports)
    for index, (lang, text) in enumerate(cluster.reports):
        rng = random.Random(1000 + index)
        with clock.at(now - timedelta(hours=count - index)):
            point = (
                ward.lat + rng.uniform(-0.0015, 0.0015),
                ward.lon + rng.uniform(-0.0015, 0.0015),
            )
            contact = Contact(
                name=rng.choice(cluster.reporter_names),
                email=cluster.reporter_email.format(index=index),
                channel_id=f"hot:{index}",
            )
            draft = ReportDraft(
                text=text,
                channel=Channel.APP if index % 2 else Channel.WEB,
                category=category,
                point=point,
                contact=contact,
                language="en" if lang == "en" else "vi",
            )
            report_intake(actor=Actor.anonymous(), draft=draft)


def demo_seed_intelligence(cluster: HotCluster, *, with_hot_issue: bool = True) -> None:
    """Train the classifier, classify what awaits triage, and show one hot issue."""
    seeded = Report.objects.filter(reporter_channel_id__startswith="hot:").exists()
    if with_hot_issue and not seeded:
        _seed_hot_cluster(cluster)
    if not ClassifierModel.objects.exists():
        classifier_train(reason="first_use")
    waiting = Report.objects.filter(
        status__in=(Status.NEW, Status.RETURNED, Status.INFO_REQUESTED),
        classification__isnull=True,
    )
    for report_id in waiting.values_list("pk", flat=True):
        report_classify(report_id=report_id)
    hot_issues_detect()
