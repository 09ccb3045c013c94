"""When to try again, and how long to wait first.

Only failures that may pass on their own are retried: timeouts and dropped connections,
408 (the server gave up waiting for us), 429 (we are too fast) and 5xx. A 404 or 403 will
not change by asking again, so retrying it would only add load.
"""

from __future__ import annotations

import random
from datetime import UTC
from email.utils import parsedate_to_datetime

RETRYABLE_STATUSES = frozenset({408, 429})
_RNG = random.Random()


def is_retryable_status(status: int) -> bool:
    """True for statuses worth another attempt."""
    return status in RETRYABLE_STATUSES or 500 <= status <= 599


def parse_retry_after(value: str | None, now_epoch: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date).

    Returns None when the header is absent or unreadable, so the caller falls back to its
    own backoff instead of trusting garbage.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return float(int(text))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        # HTTP-dates are always GMT; "-0000" parses as naive.
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now_epoch)


def backoff_delay(
    attempt: int, *, base_s: float, cap_s: float, rng: random.Random | None = None
) -> float:
    """Exponential backoff with "equal jitter" for the wait after failed ``attempt`` (1-based).

    Half the delay is fixed so we always back off; half is random so several crawler threads
    that failed together do not come back together.
    """
    raw = min(cap_s, base_s * 2.0 ** (attempt - 1))
    r = rng if rng is not None else _RNG
    return raw / 2 + r.uniform(0.0, raw / 2)
