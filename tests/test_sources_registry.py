"""Every registered source is proven offline: a recorded example of its responses, a
reviewed golden file of what it parses to, and declared hosts that fence its requests.

A source added to the registry without a recording or a golden file fails here, by name.
Regenerate the golden files after a deliberate change with
``CONCORDIA_UPDATE_GOLDEN=1 pytest tests/test_sources_registry.py`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.pipeline import Candidate
from scrapers.http import ClientConfig, FakeClock, HostNotAllowed, PoliteClient
from scrapers.sources import SOURCES, fixture_status
from scrapers.sources.base import FIXTURES_DIR, GOLDEN_DIR
from tests.fixtures.sources.harness import connector_for, golden_view, parse_all
from tests.fixtures.sources.replay import Recording, replaying
from tests.fixtures.support.golden import check_golden

ORIGINS = {"real", "mixed", "synthetic"}


def test_the_registry_lists_every_mechanism_family() -> None:
    bodies = {body for cls in SOURCES.values() for body in cls.info.bodies}
    for needed in (
        "ECTHR",
        "ECSR",
        "CM",
        "CPT",
        "IACHR",
        "IACTHR",
        "ACHPR",
        "AFCHPR",
        "ECOWAS-CCJ",
        "UPR",
        "CAT",
        "CCPR",
        "SP",
    ):
        assert needed in bodies, needed
    assert len(SOURCES) >= 15


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_source_has_a_recording_a_readme_and_a_golden_file(name: str) -> None:
    folder = FIXTURES_DIR / name
    assert (folder / "recording.json").is_file(), f"{name}: no recorded example responses"
    assert (GOLDEN_DIR / f"{name}.json").is_file(), f"{name}: no golden file"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    recording = Recording.load(name)
    assert recording.origin in ORIGINS
    # The README says in its header how real the recording is, and synthetic parts say so.
    assert f"Origin: {recording.origin}" in readme.split("\n\n")[1]
    if recording.origin != "real":
        says_so = (
            "synthetic",
            "not a copy",
            "written for this fixture",
            "placeholder",
            "rebuilt",
            "assumed",
        )
        assert any(word in readme.lower() for word in says_so), f"{name}: README must say "
        "which parts are not real"
    assert fixture_status(name) == recording.origin


def test_fixture_status_names_what_is_missing(tmp_path: Path) -> None:
    assert fixture_status("hudoc", tmp_path, tmp_path) == "MISSING recording"
    (tmp_path / "hudoc").mkdir()
    (tmp_path / "hudoc" / "recording.json").write_text('{"origin": "real"}')
    assert fixture_status("hudoc", tmp_path, tmp_path) == "real, MISSING golden"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_recorded_responses_parse_to_the_golden_file(name: str, tmp_path: Path) -> None:
    with replaying(name) as server:
        connector = connector_for(name, server, tmp_path / "cache")
        try:
            items = parse_all(connector)
        finally:
            connector.client.close()
        assert all(s.status != 404 for s in server.served()), "a request was not recorded"
    candidates = [i for i in items if isinstance(i, Candidate)]
    assert candidates, f"{name}: the recording parses to no candidate"
    for candidate in candidates:
        fields = candidate.fields
        assert fields["id"] and fields["work"] and fields["text"] and fields["body"]
        assert fields["provenance"][0]["source"] == name
        # Provenance keeps the real public URL, never the replay server's.
        assert "127.0.0.1" not in json.dumps(fields)
    check_golden(f"sources/{name}", golden_view(items))


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_declared_hosts_are_the_allowlist(name: str) -> None:
    cls = SOURCES[name]
    assert cls.info.hosts
    assert cls.allowed_hosts() == frozenset(cls.info.hosts)
    # With an override, only the override's host is allowed: a test or a mirror can never
    # leak a request to the real site.
    assert cls.allowed_hosts("http://127.0.0.1:8765") == frozenset({"127.0.0.1:8765"})


def test_a_url_off_the_declared_hosts_is_refused_before_any_request(tmp_path: Path) -> None:
    cls = SOURCES["hudoc"]
    config = ClientConfig(allowed_hosts=cls.allowed_hosts(), cache_dir=tmp_path)
    with PoliteClient(config, clock=FakeClock()) as client:
        connector = cls(client)
        with pytest.raises(HostNotAllowed):
            connector.get("https://example.org/app/query/results")
        assert client.stats.requests == 0
    # Pointed at a local server, the real host is refused too.
    config = ClientConfig(allowed_hosts=cls.allowed_hosts("http://127.0.0.1:9"), cache_dir=tmp_path)
    with PoliteClient(config, clock=FakeClock()) as client:
        with pytest.raises(HostNotAllowed):
            client.get("https://hudoc.echr.coe.int/app/query/results")
        assert client.stats.requests == 0
