"""The FastAPI application factory.

`create_app` builds everything from settings when the app starts (lifespan), or
takes ready `Services` from a test. Importing this module has no side effects.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from api.routers import ROUTERS
from api.services import Services, open_services
from api.settings import Settings
from indexer.errors import BackendUnavailable, BadQuery, ConcordiaError, NotFound

log = logging.getLogger("concordia")
FRONTEND_DIR = Path(__file__).resolve().parent.parent / "frontend" / "static"


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def create_app(settings: Settings | None = None, services: Services | None = None) -> FastAPI:
    settings = settings or (services.settings if services else Settings())
    owns_services = services is None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        svc = services or open_services(settings)
        app.state.services = svc
        if owns_services and settings.sync_on_start:
            try:
                report = svc.sync()
                if report.indexed or report.deleted:
                    log.info(
                        "index caught up: %d indexed, %d deleted", report.indexed, report.deleted
                    )
            except BackendUnavailable as exc:
                log.error("search backend unavailable at start: %s", exc)
        try:
            yield
        finally:
            if owns_services:
                svc.close()

    app = FastAPI(
        title="Concordia",
        version="0.1.0",
        description="One multilingual index of what UN and regional human-rights mechanisms "
        "have said: search, facets, records, cross-references, duplicate checks, exports.",
        lifespan=lifespan,
    )
    if services is not None:
        app.state.services = services
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"]
        )

    @app.exception_handler(BadQuery)
    async def _bad_query(_: Request, exc: BadQuery) -> JSONResponse:
        return _error(400, "bad_query", str(exc))

    @app.exception_handler(NotFound)
    async def _not_found(_: Request, exc: NotFound) -> JSONResponse:
        return _error(404, "not_found", str(exc))

    @app.exception_handler(BackendUnavailable)
    async def _unavailable(_: Request, exc: BackendUnavailable) -> JSONResponse:
        return _error(
            503,
            "backend_unavailable",
            f"the search engine is not answering: {exc}. Try again shortly.",
        )

    @app.exception_handler(ConcordiaError)
    async def _other(_: Request, exc: ConcordiaError) -> JSONResponse:
        return _error(500, "internal", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body"))
            problems.append(f"{where or 'request'}: {err.get('msg')}")
        return _error(400, "bad_request", "; ".join(problems))

    for router in ROUTERS:
        app.include_router(router)
    if FRONTEND_DIR.exists():
        app.mount("/", StaticFiles(directory=FRONTEND_DIR, html=True), name="frontend")
    return app
