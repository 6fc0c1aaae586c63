"""The texts the classifier learns from before any operator has decided anything.

`corpus/seed.jsonl`: citizen texts the project wrote for every category of the default catalogue
(Vietnamese with and without diacritics, chat abbreviations, English from tourists).
`corpus/heldout.jsonl`: texts written separately, never trained on, to measure accuracy honestly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"


@dataclass(frozen=True)
class Sample:
    text: str
    category: str


def _load(name: str) -> tuple[Sample, ...]:
    path = CORPUS_DIR / name
    if not path.exists():
        return ()
    samples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            samples.append(Sample(row["text"], row["category"]))
    return tuple(samples)


@cache
def seed_samples() -> tuple[Sample, ...]:
    return _load("seed.jsonl")


@cache
def heldout_samples() -> tuple[Sample, ...]:
    return _load("heldout.jsonl")
