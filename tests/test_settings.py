"""Settings refuse unsafe combinations with a message that says what to change."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from api.settings import Settings


def test_defaults_are_local_and_safe() -> None:
    settings = Settings()
    assert settings.host == "127.0.0.1"
    assert settings.backend == "embedded"
    assert settings.cors_origins == []


def test_environment_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCORDIA_PORT", "9123")
    monkeypatch.setenv("CONCORDIA_BACKEND", "elasticsearch")
    settings = Settings()
    assert settings.port == 9123
    assert settings.backend == "elasticsearch"


@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ({"host": "0.0.0.0", "cors_origins": ["*"]}, "CORS"),
        ({"backend": "elasticsearch", "es_url": "http://es.example.org:9200",
          "es_username": "u", "es_password": "p"}, "plain HTTP"),
        ({"backend": "elasticsearch", "es_url": "https://es.example.org",
          "es_verify_certs": False}, "ALLOW_INSECURE_TLS"),
        ({"backend": "elasticsearch", "es_url": "ftp://x"}, "http"),
        ({"backend": "elasticsearch", "es_username": "u"}, "PASSWORD"),
        ({"port": 70000}, "port"),
    ],
)
def test_unsafe_settings_are_refused(values: dict[str, object], fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        Settings(**values)


def test_credentials_over_http_to_loopback_are_allowed() -> None:
    settings = Settings(backend="elasticsearch", es_url="http://127.0.0.1:9200",
                        es_username="u", es_password="p")
    assert settings.es_password is not None
