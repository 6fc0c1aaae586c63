"""A stored model this scikit-learn cannot use is never loaded or trusted: suggestions fall back
to the seed corpus, and the worker's due rule retrains it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import sklearn
import sklearn.base
from django_tasks import TaskResultStatus

from phananh.catalog.services import category_install_defaults
from phananh.core import clock
from phananh.intelligence import classifier
from phananh.intelligence.choices import TrainingReason
from phananh.intelligence.corpus import seed_samples
from phananh.intelligence.models import ClassifierModel
from phananh.intelligence.selectors import (
    category_suggest,
    category_suggest_many,
    classifier_current,
    classifier_unusable,
)
from phananh.intelligence.services import classifier_train, report_classify
from phananh.intelligence.tasks import train_classifier_due

# 10:00 in Huế: not the nightly training hour, so only an unusable model makes training due.
MORNING = datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
LAMP = "Đèn đường hỏng cả dãy, tối om mấy hôm nay"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def small_pipeline():
    samples = [s for s in seed_samples() if s.category in {"lighting", "noise", "water"}]
    return classifier.fit([s.text for s in samples], [s.category for s in samples])


@pytest.fixture
def catalogue(settings, noise):
    settings.CLASSIFIER_TRAIN_HOUR = 2
    category_install_defaults()


def store(payload: bytes, *, fingerprint: str, sklearn_version: str | None) -> ClassifierModel:
    return ClassifierModel.objects.create(
        created_at=clock.now(),
        reason=TrainingReason.ON_DEMAND,
        fingerprint=fingerprint,
        seed_samples=0,
        operator_samples=0,
        categories=["lighting", "noise", "water"],
        training_seconds=0.0,
        payload=payload,
        sklearn_version=sklearn_version,
    )


def retrained_by_the_worker(unusable: ClassifierModel, commits) -> ClassifierModel:
    # Committed, as in the worker: every process then reads the new version within a minute.
    with clock.at(MORNING), commits(execute=True):
        result = train_classifier_due.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL, result.errors
    newest = ClassifierModel.objects.order_by("-id").first()
    assert newest.pk > unusable.pk
    assert newest.reason == TrainingReason.INCOMPATIBLE
    assert newest.sklearn_version == sklearn.__version__
    assert classifier_current()[0] == newest.pk
    assert not classifier_unusable()
    # Once a usable model is in place the rule is the nightly one again: nothing more to do.
    with clock.at(MORNING), commits(execute=True):
        train_classifier_due.enqueue()
    assert ClassifierModel.objects.order_by("-id").first() == newest
    return newest


def suggests_from_the_seed_corpus() -> None:
    assert classifier_current()[0] == 0
    assert [s.category.code for s in category_suggest(LAMP)][:1] == ["lighting"]
    assert category_suggest_many([LAMP, "ab"])[1] == []


def test_training_records_the_scikit_learn_that_pickled_the_model(catalogue) -> None:
    model = classifier_train(reason=TrainingReason.ON_DEMAND)
    assert model.sklearn_version == sklearn.__version__ == classifier.sklearn_version()
    assert classifier_current()[0] == model.pk
    assert not classifier_unusable()


def test_a_garbage_payload_is_not_loaded_and_is_retrained(
    catalogue, submit, django_capture_on_commit_callbacks
) -> None:
    garbage = store(
        b"\x80\x05not a pickle at all", fingerprint="garbage", sklearn_version=sklearn.__version__
    )
    assert classifier_unusable()
    suggests_from_the_seed_corpus()
    # Intake goes on: the report is classified by the seed corpus, credited to no stored model.
    report = submit(text=LAMP, category=None)
    classification = report_classify(report_id=report.pk)
    assert classification.model is None
    assert classification.top_category.code == "lighting"

    retrained_by_the_worker(garbage, django_capture_on_commit_callbacks)
    assert category_suggest(LAMP)[0].category.code == "lighting"


@pytest.mark.parametrize("recorded", ["0.24.2", None], ids=["other-version", "not-recorded"])
def test_a_model_from_another_scikit_learn_is_not_loaded_and_is_retrained(
    catalogue, small_pipeline, recorded, django_capture_on_commit_callbacks
) -> None:
    # The payload itself loads; which scikit-learn pickled it is what decides.
    old = store(
        classifier.dumps(small_pipeline), fingerprint=f"by-{recorded}", sklearn_version=recorded
    )
    assert classifier_unusable()
    suggests_from_the_seed_corpus()

    retrained_by_the_worker(old, django_capture_on_commit_callbacks)


def test_a_pickle_of_something_else_is_unusable(
    catalogue, django_capture_on_commit_callbacks
) -> None:
    other = store(
        classifier.dumps({"not": "a pipeline"}),
        fingerprint="a-dict",
        sklearn_version=sklearn.__version__,
    )
    assert classifier_unusable()
    suggests_from_the_seed_corpus()
    retrained_by_the_worker(other, django_capture_on_commit_callbacks)


def test_a_model_that_loads_but_fails_when_used_is_set_aside(
    catalogue, small_pipeline, django_capture_on_commit_callbacks
) -> None:
    broken = classifier.loads(classifier.dumps(small_pipeline))
    # What an upgrade can do to an estimator pickled before it: the attribute it predicts with
    # is gone (or renamed), though unpickling worked.
    del broken.named_steps["model"].calibrated_classifiers_
    model = store(
        classifier.dumps(broken), fingerprint="broken", sklearn_version=sklearn.__version__
    )
    assert classifier_current()[0] == model.pk  # it loads...
    assert category_suggest(LAMP) == []  # ...fails to score, and is set aside without raising
    assert classifier_unusable()
    suggests_from_the_seed_corpus()
    retrained_by_the_worker(model, django_capture_on_commit_callbacks)


def test_loads_refuses_what_it_cannot_trust(small_pipeline, monkeypatch) -> None:
    payload = classifier.dumps(small_pipeline)
    # Estimators record the scikit-learn that pickled them; this one claims an older release.
    monkeypatch.setattr(sklearn.base, "__version__", "1.4.0")
    from_older = classifier.dumps(small_pipeline)
    monkeypatch.undo()
    assert list(classifier.loads(payload).classes_) == ["lighting", "noise", "water"]
    for bad in (
        b"",
        b"garbage",
        payload[: len(payload) // 2],
        classifier.dumps(42),
        classifier.dumps(classifier.build_pipeline()),  # a pipeline, never fitted
        from_older,  # loads, with scikit-learn's InconsistentVersionWarning
    ):
        with pytest.raises(classifier.UnusableModel):
            classifier.loads(bad)
