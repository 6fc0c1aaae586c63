"""The scorecard formulas, in one place, exactly as the methodology page publishes them."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

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


# Handled durations are kept as a histogram on a log scale: bucket k ≥ 1 holds the times in
# [SHORTEST·STEP^(k-1), SHORTEST·STEP^k), bucket 0 the times under SHORTEST, the last bucket
# everything from LONGEST on. A bucket stands for its geometric middle, so a percentile of the
# histogram is within √STEP − 1 (1.25 %) of the exact one — or 18 seconds under 36 seconds.
STEP = 1.025
SHORTEST = 0.01  # hours: 36 seconds
LONGEST = 24 * 365 * 10.0  # hours: ten years
LAST_BUCKET = 1 + math.floor(math.log(LONGEST / SHORTEST) / math.log(STEP))
PRECISION = math.sqrt(STEP) - 1


def duration_bucket(hours: float) -> int:
    """The histogram bucket of a duration in hours (clamped at both ends)."""
    if hours < SHORTEST:
        return 0
    return min(LAST_BUCKET, 1 + math.floor(math.log(hours / SHORTEST) / math.log(STEP)))


def bucket_hours(bucket: int) -> float:
    """The duration a bucket stands for: its geometric middle (half of SHORTEST for bucket 0)."""
    if bucket <= 0:
        return SHORTEST / 2
    return SHORTEST * STEP ** (min(bucket, LAST_BUCKET) - 0.5)


def histogram_percentile(histogram: Mapping[int, int], q: float) -> float | None:
    """`percentile` of the durations a histogram holds, each read as its bucket's middle."""
    total = sum(histogram.values())
    if total <= 0:
        return None
    position = (total - 1) * q / 100
    below, above = math.floor(position), math.ceil(position)
    values: dict[int, float] = {}
    seen = 0
    for bucket in sorted(histogram):
        seen += histogram[bucket]
        for index in (below, above):
            if index not in values and index < seen:
                values[index] = bucket_hours(bucket)
        if above in values:
            break
    if below == above:
        return values[below]
    return values[below] + (values[above] - values[below]) * (position - below)
