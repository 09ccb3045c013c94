"""`concordia serve`: the API and the web interface."""

from __future__ import annotations

import argparse

from api.cli.common import add_common, settings_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="serve the API and the web interface")
    add_common(p)
    p.add_argument("--host", help="(CONCORDIA_HOST, default 127.0.0.1)")
    p.add_argument("--port", type=int, help="(CONCORDIA_PORT, default 8000)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app

    settings = settings_from(args)
    updates = {k: v for k, v in (("host", args.host), ("port", args.port)) if v}
    if updates:
        settings = settings.model_validate({**settings.model_dump(), **updates})
    print(f"Concordia on http://{settings.host}:{settings.port}/  (API docs: /docs)", flush=True)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
    return 0
