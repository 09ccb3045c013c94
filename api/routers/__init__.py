"""One router per resource; `ROUTERS` is what the app factory mounts."""

from fastapi import APIRouter

from api.routers import export, health, labels, records, search

ROUTERS: list[APIRouter] = [health.router, search.router, records.router]
ROUTERS += [labels.router, export.router]
