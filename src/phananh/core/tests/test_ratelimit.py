"""The cache counter behind the limits on emailed links."""

from __future__ import annotations

from phananh.core.ratelimit import rate_limit_hit


def test_counts_per_subject_up_to_the_limit():
    assert all(rate_limit_hit("t", "a@example.com", limit=3, window_seconds=60) for _ in range(3))
    assert not rate_limit_hit("t", "A@example.com ", limit=3, window_seconds=60)
    assert rate_limit_hit("t", "b@example.com", limit=3, window_seconds=60)
    assert rate_limit_hit("other", "a@example.com", limit=3, window_seconds=60)
