"""Retry decisions: which statuses, how long, and how a Retry-After header is read."""

from __future__ import annotations

import random

import pytest

from scrapers.http.retry import backoff_delay, is_retryable_status, parse_retry_after

NOW = 1_445_412_480.0  # Wed, 21 Oct 2015 07:28:00 GMT


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504, 599])
def test_retryable(status: int) -> None:
    assert is_retryable_status(status)


@pytest.mark.parametrize("status", [200, 301, 304, 400, 401, 403, 404, 410, 451])
def test_not_retryable(status: int) -> None:
    assert not is_retryable_status(status)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        ("Wed, 21 Oct 2015 07:30:00 GMT", 120.0),
        ("Wed, 21 Oct 2015 07:30:00 -0000", 120.0),
        ("Wed, 21 Oct 2015 07:00:00 GMT", 0.0),  # in the past: go now
        ("soon", None),
        ("-5", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, NOW) == expected


def test_backoff_grows_and_is_capped() -> None:
    rng = random.Random(4)
    delays = [backoff_delay(a, base_s=2.0, cap_s=10.0, rng=rng) for a in range(1, 7)]
    assert 1.0 <= delays[0] <= 2.0
    assert 2.0 <= delays[1] <= 4.0
    assert all(5.0 <= d <= 10.0 for d in delays[3:])
