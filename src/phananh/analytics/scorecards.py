"""The scorecard formulas, in one place, exactly as the methodology page publishes them."""

from __future__ import annotations

import math
from collections.abc import Sequence

Z = 1.96  # 95 % confidence
WEIGHTS = {"on_time": 0.40, "satisfied": 0.30, "not_reopened": 0.15, "not_returned": 0.15}


def wilson(successes: int, total: int, z: float = Z) -> tuple[float, float]:
    """Wilson score interval of a proportion: (low, high); (0, 1) when there is no data."""
    if total <= 0:
        return 0.0, 1.0
    p = successes / total
    denominator = 1 + z * z / total
    centre = p + z * z / (2 * total)
    margin = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return max(0.0, (centre - margin) / denominator), min(1.0, (centre + margin) / denominator)


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0–100) with linear interpolation, like PostgreSQL percentile_cont."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    below = math.floor(position)
    above = math.ceil(position)
    if below == above:
        return ordered[below]
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def composite(
    *, on_time_low: float, satisfied_low: float, reopen_high: float, return_high: float
) -> float:
    """Score out of 100: pessimistic (confidence-bound) rates, weighted."""
    return round(
        100
        * (
            WEIGHTS["on_time"] * on_time_low
            + WEIGHTS["satisfied"] * satisfied_low
            + WEIGHTS["not_reopened"] * (1 - reopen_high)
            + WEIGHTS["not_returned"] * (1 - return_high)
        ),
        1,
    )
