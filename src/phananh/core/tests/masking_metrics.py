"""Precision and recall of `find_personal_data` on the labelled corpus (docs/privacy.md).

`python -m phananh.core.tests.masking_metrics` prints the table recorded in docs/privacy.md.

- A labelled span is *found* when every letter and digit in it lies inside a masked span.
- A masked span is *right* when it overlaps a labelled span; precision is right / masked.
- Characters: the share of masked letters and digits that belong to a labelled span.
Plate spans count only in the run with plates on (a city's choice, off by default).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from phananh.core.personal_data import PLATE, PersonalSpan, find_personal_data

CORPUS = Path(__file__).parent / "data" / "masking_corpus.jsonl"


def corpus(path: Path = CORPUS) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@dataclass
class Metrics:
    labelled: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    masked: int = 0
    right: int = 0
    masked_chars: int = 0
    right_chars: int = 0
    misses: list[tuple[int, str]] = field(default_factory=list)
    wrong: list[tuple[int, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.masked if self.masked else 1.0

    @property
    def char_precision(self) -> float:
        return self.right_chars / self.masked_chars if self.masked_chars else 1.0

    def recall(self, *kinds: str) -> float:
        kinds = kinds or tuple(self.labelled)
        total = sum(self.labelled[k] for k in kinds)
        return sum(self.found[k] for k in kinds) / total if total else 1.0


def _significant(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if text[i].isalnum()}


def evaluate(items: list[dict], *, plates: bool) -> Metrics:
    metrics = Metrics()
    for item in items:
        text = item["text"]
        gold = [s for s in item["spans"] if plates or s["kind"] != PLATE]
        predicted: list[PersonalSpan] = find_personal_data(text, plates=plates)
        covered = set().union(*(_significant(text, p.start, p.end) for p in predicted))
        inside = set().union(*(_significant(text, g["start"], g["end"]) for g in gold))
        for span in gold:
            metrics.labelled[span["kind"]] += 1
            if _significant(text, span["start"], span["end"]) <= covered:
                metrics.found[span["kind"]] += 1
            else:
                metrics.misses.append((item["id"], text[span["start"] : span["end"]]))
        for span in predicted:
            metrics.masked += 1
            chars = _significant(text, span.start, span.end)
            metrics.masked_chars += len(chars)
            metrics.right_chars += len(chars & inside)
            if any(span.start < g["end"] and g["start"] < span.end for g in gold):
                metrics.right += 1
            else:
                metrics.wrong.append((item["id"], text[span.start : span.end]))
    return metrics


def main() -> None:
    items = corpus()
    print(f"{len(items)} sentences, {sum(len(i['spans']) for i in items)} labelled spans")
    for plates in (False, True):
        m = evaluate(items, plates=plates)
        print(f"\nplates {'on' if plates else 'off'}")
        print(f"  precision (spans) {m.precision:.3f}  (characters) {m.char_precision:.3f}")
        for kind in sorted(m.labelled):
            print(
                f"  recall {kind:<13} {m.found[kind]:>3}/{m.labelled[kind]:<3} {m.recall(kind):.3f}"
            )
        print(f"  recall all           {m.recall():.3f}")
        for sentence, value in m.misses:
            print(f"  missed  #{sentence}: {value!r}")
        for sentence, value in m.wrong:
            print(f"  wrong   #{sentence}: {value!r}")


if __name__ == "__main__":
    main()
