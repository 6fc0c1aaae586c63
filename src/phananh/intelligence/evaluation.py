"""Honest accuracy numbers for the classifier (published in docs/intelligence.md).

Cross-validated on the seed corpus (each text scored by a model that never saw it), and on the
held-out texts written separately from the seed corpus by someone who had not read it.
"""

from __future__ import annotations

import time
from dataclasses import asdict

from phananh.intelligence import classifier
from phananh.intelligence.corpus import heldout_samples, seed_samples


def evaluation_report(*, folds: int = 5) -> dict:
    seed, heldout = seed_samples(), heldout_samples()
    texts, labels = [s.text for s in seed], [s.category for s in seed]
    cross = classifier.cross_validate(texts, labels, folds=folds)
    started = time.perf_counter()
    pipeline = classifier.fit(texts, labels)
    fit_seconds = time.perf_counter() - started
    held = classifier.evaluate(pipeline, [s.text for s in heldout], [s.category for s in heldout])
    started = time.perf_counter()
    for sample in heldout:
        classifier.top_k(pipeline, [sample.text])
    per_text_ms = (time.perf_counter() - started) * 1000 / max(1, len(heldout))
    return {
        "seed_cross_validated": {"folds": folds, **asdict(cross)},
        "heldout": asdict(held),
        "fit_seconds": round(fit_seconds, 2),
        "suggestion_ms_per_text": round(per_text_ms, 2),
    }
