"""One router per resource; `ROUTERS` is what the app factory mounts."""

from fastapi import APIRouter

from api.routers import duplicates, export, health, labels, records, related, search

ROUTERS: list[APIRouter] = [health.router, search.router, records.router]
ROUTERS += [labels.router, export.router]
ROUTERS += [related.router, duplicates.router]
