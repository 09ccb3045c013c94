"""One typed settings object, read from CONCORDIA_* environment variables.

It refuses unsafe combinations instead of starting with them: a server bound
to a public interface with CORS open to everyone, Elasticsearch credentials
sent over plain HTTP to another machine, TLS verification switched off
without saying so explicitly.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONCORDIA_", extra="ignore")

    data_dir: Path = Field(Path("var/data"), description="store, indices and caches")
    backend: Literal["embedded", "elasticsearch"] = "embedded"
    embedder: str = Field(
        "use",
        description="'use' (multilingual USE, offline), 'hashing-N', or a "
        "sentence-transformers model name or path",
    )
    embed_threads: int = Field(0, ge=0, description="0: onnxruntime decides")

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    cors_origins: list[str] = Field(default_factory=list)
    export_max_rows: int = Field(10_000, ge=1, le=1_000_000)
    sync_on_start: bool = True

    es_url: str = "http://127.0.0.1:9200"
    es_index: str = "concordia"
    es_api_key: SecretStr | None = None
    es_username: str | None = None
    es_password: SecretStr | None = None
    es_ca_certs: Path | None = None
    es_verify_certs: bool = True
    es_allow_insecure_tls: bool = False
    es_shards: int = Field(1, ge=1, le=64)
    es_replicas: int = Field(0, ge=0, le=10)
    es_timeout_s: float = Field(10.0, gt=0)

    @model_validator(mode="after")
    def _refuse_unsafe(self) -> Settings:
        if not _is_loopback(self.host) and "*" in self.cors_origins:
            raise ValueError(
                "CONCORDIA_CORS_ORIGINS='*' with a non-loopback CONCORDIA_HOST would let any "
                "site read this server; list the allowed origins"
            )
        if self.backend == "elasticsearch":
            url = urlparse(self.es_url)
            has_credentials = self.es_api_key is not None or self.es_password is not None
            if url.scheme not in ("http", "https"):
                raise ValueError(f"CONCORDIA_ES_URL must be http(s)://, got {self.es_url!r}")
            if has_credentials and url.scheme == "http" and not _is_loopback(url.hostname or ""):
                raise ValueError(
                    "refusing to send Elasticsearch credentials over plain HTTP to "
                    f"{url.hostname}; use https://"
                )
            if not self.es_verify_certs and not self.es_allow_insecure_tls:
                raise ValueError(
                    "CONCORDIA_ES_VERIFY_CERTS=false also needs "
                    "CONCORDIA_ES_ALLOW_INSECURE_TLS=true (you are switching off TLS checks)"
                )
            if self.es_username and self.es_password is None:
                raise ValueError("CONCORDIA_ES_USERNAME is set without CONCORDIA_ES_PASSWORD")
        return self

    @property
    def store_path(self) -> Path:
        return self.data_dir / "store.sqlite"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def embeddings_path(self) -> Path:
        return self.data_dir / "embeddings.sqlite"

    @property
    def rejects_dir(self) -> Path:
        return self.data_dir / "rejects"
