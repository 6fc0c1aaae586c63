"""The category classifier itself: features, model, top-k scores, honest evaluation (no database).

Word n-grams read the normalised text (folded, chat words spelled out, Vietnamese and English
side by side); character n-grams catch typos, missing spaces and half-typed diacritics. A linear
SVM is calibrated (sigmoid, cross-validated) so its scores are probabilities an operator can read.
"""

from __future__ import annotations

import io
import unicodedata
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import joblib
import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.exceptions import InconsistentVersionWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from phananh.core.text import normalize


def _accented(text: str) -> str:
    """Lower-case NFC text with its diacritics: "rác" and "rạc" stay different words."""
    return unicodedata.normalize("NFC", text.lower())


def build_pipeline(*, calibration_folds: int = 3) -> Pipeline:
    features = FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    preprocessor=normalize, ngram_range=(1, 2), sublinear_tf=True, min_df=1
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    preprocessor=normalize,
                    analyzer="char_wb",
                    ngram_range=(2, 5),
                    sublinear_tf=True,
                    min_df=2,
                ),
            ),
            (
                "accented",
                TfidfVectorizer(preprocessor=_accented, ngram_range=(1, 1), sublinear_tf=True),
            ),
        ]
    )
    model = CalibratedClassifierCV(
        LinearSVC(C=0.5, class_weight="balanced"), method="sigmoid", cv=calibration_folds
    )
    return Pipeline([("features", features), ("model", model)])


def fit(
    texts: Sequence[str], labels: Sequence[str], weights: Sequence[float] | None = None
) -> Pipeline:
    """Train on (text, category code) pairs; every label needs at least a few examples."""
    pipeline = build_pipeline(calibration_folds=_folds(labels, 3))
    params = {"model__sample_weight": np.asarray(weights)} if weights is not None else {}
    return pipeline.fit(list(texts), list(labels), **params)


def _folds(labels: Sequence[str], wanted: int) -> int:
    smallest = min(np.unique(np.asarray(labels), return_counts=True)[1])
    return max(2, min(wanted, int(smallest)))


def top_k(pipeline: Pipeline, texts: Sequence[str], k: int = 3) -> list[list[tuple[str, float]]]:
    """The k best (category code, probability) pairs for each text, best first."""
    probabilities = pipeline.predict_proba(list(texts))
    classes = pipeline.classes_
    best = np.argsort(-probabilities, axis=1)[:, :k]
    return [
        [(str(classes[j]), float(probabilities[i, j])) for j in row] for i, row in enumerate(best)
    ]


class UnusableModel(Exception):
    """A stored model this process cannot use: another scikit-learn pickled it, or it is damaged."""


def sklearn_version() -> str:
    """The scikit-learn of this process: a pickled model is only trusted by the same version."""
    return str(sklearn.__version__)


def dumps(pipeline: Pipeline) -> bytes:
    buffer = io.BytesIO()
    joblib.dump(pipeline, buffer, compress=3)
    return buffer.getvalue()


def loads(payload: bytes) -> Pipeline:
    """The fitted pipeline in a payload from dumps(); raises UnusableModel instead of guessing."""
    # The payload is only ever one this project wrote into its own database (ClassifierModel).
    try:
        with warnings.catch_warnings():
            # scikit-learn only warns when it unpickles another version's estimators, which
            # may then predict wrongly or fail later: refused here, so the worker retrains.
            warnings.simplefilter("error", InconsistentVersionWarning)
            pipeline = joblib.load(io.BytesIO(bytes(payload)))
    except Exception as exc:
        # Unpickling damaged or foreign bytes fails in many ways (UnpicklingError, ValueError,
        # EOFError, AttributeError or ImportError for a class that moved...).
        raise UnusableModel(f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(pipeline, Pipeline) or not hasattr(pipeline, "classes_"):
        raise UnusableModel(f"not a fitted pipeline: {type(pipeline).__name__}")
    return pipeline


@dataclass(frozen=True)
class Evaluation:
    """Accuracy measured on texts the model did not train on."""

    samples: int
    top1: float
    top3: float
    per_category: dict[str, float]  # top-1 recall per category


def cross_validate(texts: Sequence[str], labels: Sequence[str], *, folds: int = 5) -> Evaluation:
    """Stratified k-fold: each text is scored by a model trained without it."""
    all_texts, all_labels = np.asarray(list(texts), dtype=object), np.asarray(list(labels))
    hits1 = np.zeros(len(all_texts), dtype=bool)
    hits3 = np.zeros(len(all_texts), dtype=bool)
    splitter = StratifiedKFold(n_splits=_folds(labels, folds), shuffle=True, random_state=7)
    for train, test in splitter.split(all_texts, all_labels):
        pipeline = fit(all_texts[train], all_labels[train])
        for index, suggestions in zip(test, top_k(pipeline, all_texts[test]), strict=True):
            codes = [code for code, _score in suggestions]
            hits1[index] = codes[0] == all_labels[index]
            hits3[index] = all_labels[index] in codes
    return _evaluation(all_labels, hits1, hits3)


def evaluate(pipeline: Pipeline, texts: Sequence[str], labels: Sequence[str]) -> Evaluation:
    """Accuracy of a trained model on a held-out set."""
    expected = np.asarray(list(labels))
    results = top_k(pipeline, texts)
    hits1 = np.array([r[0][0] == label for r, label in zip(results, expected, strict=True)])
    hits3 = np.array(
        [label in [c for c, _s in r] for r, label in zip(results, expected, strict=True)]
    )
    return _evaluation(expected, hits1, hits3)


def _evaluation(labels: np.ndarray, hits1: np.ndarray, hits3: np.ndarray) -> Evaluation:
    per_category = {
        str(code): round(float(hits1[labels == code].mean()), 3) for code in np.unique(labels)
    }
    return Evaluation(
        samples=len(labels),
        top1=round(float(hits1.mean()), 3),
        top3=round(float(hits3.mean()), 3),
        per_category=per_category,
    )
