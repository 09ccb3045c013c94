"""Helpers shared by commands: settings from flags, progress bars."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from api.settings import Settings
from scrapers.shared_data import SHARED_DATA

DEFAULT_DATA_ROOT = SHARED_DATA


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, help="store and indices (CONCORDIA_DATA_DIR)")
    parser.add_argument(
        "--backend", choices=["embedded", "elasticsearch"], help="(CONCORDIA_BACKEND)"
    )
    parser.add_argument("--embedder", help="embedding model (CONCORDIA_EMBEDDER)")


def settings_from(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = args.data_dir
    if getattr(args, "backend", None):
        overrides["backend"] = args.backend
    if getattr(args, "embedder", None):
        overrides["embedder"] = args.embedder
    return Settings(**overrides)


def progress_bar(total: int | None, desc: str) -> tuple[Callable[[int], None], Callable[[], None]]:
    """A tqdm bar on a terminal, nothing otherwise (CI logs stay readable)."""
    if not sys.stderr.isatty():
        return (lambda n: None), (lambda: None)
    from tqdm import tqdm

    bar = tqdm(total=total, desc=desc, unit="rec", leave=False)
    return bar.update, bar.close
