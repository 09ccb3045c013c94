"""Where the shared development corpus lives.

It sits in ``../shared/data`` next to the repository; a CI run clones the repository
somewhere else on the same machine, so ``CONCORDIA_SHARED_DATA`` and the workspace's
``/work/shared/data`` are tried as well. The first folder that exists wins.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
WORKSPACE_DATA = Path("/work/shared/data")


def candidates() -> list[Path]:
    found = (
        [Path(os.environ["CONCORDIA_SHARED_DATA"])]
        if os.environ.get("CONCORDIA_SHARED_DATA")
        else []
    )
    return [*found, REPO_ROOT.parent / "shared" / "data", WORKSPACE_DATA]


def shared_data_root() -> Path:
    """The shared data folder (the first candidate that exists, else the first one)."""
    options = candidates()
    return next((p.resolve() for p in options if p.is_dir()), options[0])


SHARED_DATA = shared_data_root()
