"""The taxonomies in mappings/: they load, they are complete in four languages, and they
resolve the names the real data uses (UPR Info, legal-sources samples, UNHRD, UHRI, OHCHR
thematic lists). Query translation through the terminology works end to end."""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
import shutil
import tarfile
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from indexer import taxonomy as taxonomy_module
from indexer.analysis.analyzer import analyse
from indexer.query import Phrase, parse_query
from indexer.taxonomy import LANGS, Taxonomy, TaxonomyError, _variants, load_taxonomy
from indexer.terminology import MAX_SPAN, Terminology, country_concepts

MAPPINGS = Path(__file__).resolve().parents[1] / "mappings"

# Codes that importers and stored records already use: never renamed.
ORIGINAL_BODY_CODES = [
    "CCPR",
    "CESCR",
    "CAT",
    "SPT",
    "CERD",
    "CEDAW",
    "CRC",
    "CMW",
    "CRPD",
    "CED",
    "UPR",
    "HRC",
    "GA",
    "OHCHR",
    "SP",
    "SR-TORTURE",
    "SR-EDUCATION",
    "SR-HEALTH",
    "WGEID",
    "WGAD",
    "ECTHR",
    "ECSR",
    "CPT",
    "CM",
    "IACHR",
    "IACTHR",
    "ACHPR",
    "AFCHPR",
    "ACERWC",
    "ECOWAS-CCJ",
    "AHRC",
    "AICHR",
    "IPHRC",
    "ODIHR",
    "GANHRI",
    "NHRI",
]
NEW_BODY_CODES = [
    "SR-HRDEFENDERS",
    "SR-EXPRESSION",
    "SR-EXTRAJUDICIAL",
    "SR-MIGRANTS",
    "SR-RACISM",
    "SR-VAW",
    "SR-IDP",
    "SR-HOUSING",
    "SR-FOOD",
    "SR-WATER",
    "SR-INDIGENOUS",
    "SR-TRAFFICKING",
    "SR-RELIGION",
    "SR-ASSEMBLY",
    "SR-PRIVACY",
    "SR-DISABILITY",
    "SR-POVERTY",
    "SR-TERRORISM",
    "SR-INDEPENDENCE-JUDGES",
    "SR-TRUTH",
    "IE-SOGI",
    "WG-BUSINESS",
    "WG-DISCRIMINATION-WOMEN",
    "ECRI",
    "GRETA",
    "GREVIO",
    "FCNM-AC",
    "COMMHR",
    "VENICE",
    "EACJ",
    "SADC-TRIBUNAL",
]


@pytest.fixture(scope="module")
def tax() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="module")
def terminology_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((MAPPINGS / "terminology.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def terminology(terminology_data: dict[str, Any]) -> Terminology:
    return Terminology.from_data(terminology_data)


# --- loading and validation --------------------------------------------------------------


def test_everything_loads(tax: Taxonomy) -> None:
    assert len(tax.bodies) >= 90
    assert len(tax.countries) >= 195
    assert len(tax.themes) >= 90
    assert len(tax.affected) >= 40
    assert sorted(tax.sdgs) == list(range(1, 18))
    assert set(tax.responses) >= {"supported", "noted"}
    assert {b.type for b in tax.bodies.values()} <= set(tax.mechanism_types)


def test_body_codes_are_kept_and_extended(tax: Taxonomy) -> None:
    missing = [c for c in (*ORIGINAL_BODY_CODES, *NEW_BODY_CODES) if c not in tax.bodies]
    assert not missing


def test_bodies_are_complete(tax: Taxonomy) -> None:
    for body in tax.bodies.values():
        assert body.short, body.code
        for lang in LANGS:
            assert body.short.get(lang, "").strip(), (body.code, lang)
        assert body.url is None or body.url.startswith("https://"), body.code
        assert all(a.strip() for a in body.aliases), body.code
    special = [b for b in tax.bodies.values() if b.type == "special_procedure"]
    assert len(special) >= 40
    coe = {b.code for b in tax.bodies.values() if b.system == "CoE"}
    assert coe >= {"ECTHR", "ECSR", "CPT", "CM", "ECRI", "GRETA", "GREVIO", "FCNM-AC", "COMMHR"}
    assert tax.body("EACJ").system == "EAC" and tax.body("EACJ").examines_cases
    assert tax.body("SADC-TRIBUNAL").examines_cases


@pytest.mark.parametrize(
    ("entries", "where"),
    [
        (
            lambda t: [
                (b.code, [b.code, *b.names.values(), *b.short.values(), *b.aliases])
                for b in t.bodies.values()
            ],
            "bodies",
        ),
        (
            lambda t: [(a.id, [a.id, *a.names.values(), *a.aliases]) for a in t.affected.values()],
            "affected persons",
        ),
        (lambda t: [(s.number, [*s.names.values(), *s.aliases]) for s in t.sdgs.values()], "SDGs"),
    ],
)
def test_no_name_is_claimed_by_two_entries(
    tax: Taxonomy, entries: Callable[[Taxonomy], list[tuple[Any, list[str]]]], where: str
) -> None:
    claims: dict[str, set[Any]] = defaultdict(set)
    for ident, names in entries(tax):
        for name in names:
            for key in _variants(name):
                claims[key].add(ident)
    clashes = {k: v for k, v in claims.items() if len(v) > 1}
    assert not clashes, f"{where}: {clashes}"


def test_every_mappings_file_is_valid_json() -> None:
    for path in sorted(MAPPINGS.glob("*.json")):
        assert isinstance(json.loads(path.read_text("utf-8")), dict), path.name


# --- a broken copy is refused, naming the file and the entry ------------------------------


def _drop_arabic(name: str, key: str, ident: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        for entry in data[name]:
            if entry[key] == ident:
                del entry["names"]["ar"]

    return mutate


def _set(
    name: str, key: str, ident: Any, field: str, value: Any
) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        for entry in data[name]:
            if entry[key] == ident:
                entry[field] = value

    return mutate


def _duplicate_first(name: str) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        data[name].append(dict(data[name][0]))

    return mutate


@pytest.fixture
def mappings_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for path in MAPPINGS.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(taxonomy_module, "MAPPINGS_DIR", tmp_path)
    load_taxonomy.cache_clear()
    yield tmp_path
    load_taxonomy.cache_clear()


@pytest.mark.parametrize(
    ("filename", "mutate", "expected"),
    [
        (
            "mechanisms.json",
            _drop_arabic("bodies", "code", "SR-VAW"),
            r"mechanisms\.json: entry SR-VAW: .*names missing in ar",
        ),
        (
            "mechanisms.json",
            _set("bodies", "code", "GREVIO", "type", "regional_court"),
            r"mechanisms\.json: body GREVIO: unknown type regional_court",
        ),
        (
            "mechanisms.json",
            _set("bodies", "code", "EACJ", "procedure", "adjudicating"),
            r"mechanisms\.json: entry EACJ: .*procedure must be one of",
        ),
        (
            "affected_persons.json",
            _drop_arabic("groups", "id", "roma"),
            r"affected_persons\.json: entry roma: .*names missing in ar",
        ),
        (
            "affected_persons.json",
            _duplicate_first("groups"),
            r"affected_persons\.json: duplicate id 'women'",
        ),
        (
            "sdgs.json",
            _drop_arabic("sdgs", "number", 5),
            r"sdgs\.json: entry 5: .*names missing in ar",
        ),
        (
            "countries.json",
            _set("countries", "iso3", "EGY", "memberships", ["AU", "XYZ"]),
            r"countries\.json: EGY: unknown org XYZ",
        ),
    ],
)
def test_broken_copy_is_refused(
    mappings_copy: Path,
    filename: str,
    mutate: Callable[[dict[str, Any]], None],
    expected: str,
) -> None:
    path = mappings_copy / filename
    data = json.loads(path.read_text("utf-8"))
    mutate(data)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with pytest.raises(TaxonomyError, match=expected):
        load_taxonomy()


def test_malformed_json_is_refused(mappings_copy: Path) -> None:
    (mappings_copy / "sdgs.json").write_text('{"sdgs": [', "utf-8")
    with pytest.raises(TaxonomyError, match=r"sdgs\.json: not valid JSON"):
        load_taxonomy()


def test_the_copy_loads_when_intact(mappings_copy: Path) -> None:
    assert len(load_taxonomy().bodies) >= 90


# --- countries -----------------------------------------------------------------------------


def _upr_info_rows(shared_data: Path) -> Iterator[dict[str, str]]:
    for path in sorted((shared_data / "upr-info-export-terman" / "upr-info-csv").glob("*.csv.gz")):
        text = gzip.decompress(path.read_bytes()).decode("mac_roman")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        yield from csv.DictReader(io.StringIO(text))


def test_every_upr_info_state_resolves(tax: Taxonomy, shared_data: Path) -> None:
    names: set[str] = set()
    for row in _upr_info_rows(shared_data):
        names.update((row["To"], row["From"]))
    # The export's placeholder for a statement without a recommending State.
    names -= {"&#40;Unknown&#41;"}
    assert len(names) >= 190
    unresolved = sorted(n for n in names if tax.resolve_country(n) is None)
    assert not unresolved


def _resolve_list(tax: Taxonomy, value: str) -> list[str | None]:
    whole = tax.resolve_country(value)
    if whole:
        return [whole]
    return [tax.resolve_country(part.strip()) for part in value.split(",") if part.strip()]


def test_every_legal_sources_country_resolves(tax: Taxonomy, shared_data: Path) -> None:
    fields = (
        "country",
        "countries",
        "respondent_state",
        "state",
        "country_code",
        "country_reviewed",
    )
    seen: set[str] = set()
    unresolved: set[str] = set()
    for path in (shared_data / "legal-sources-samples").rglob("*.json"):
        record = json.loads(path.read_text("utf-8"))
        for field in fields:
            value = record.get(field)
            for item in value if isinstance(value, list) else [value]:
                if not isinstance(item, str) or not item.strip():
                    continue
                seen.add(item)
                if None in _resolve_list(tax, item):
                    unresolved.add(item)
    assert len(seen) >= 40
    assert not unresolved


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("مصر", "EGY"),
        ("المغرب", "MAR"),
        ("الولايات المتحدة الأمريكية", "USA"),
        ("الجمهورية العربية السورية", "SYR"),
        ("دولة فلسطين", "PSE"),
        ("الاتحاد الروسي", "RUS"),
        ("Égypte", "EGY"),
        ("Royaume-Uni", "GBR"),
        ("États-Unis d'Amérique", "USA"),
        ("Iran (République islamique d')", "IRN"),
        ("Fédération de Russie", "RUS"),
        ("Côte d'Ivoire", "CIV"),
        ("Marruecos", "MAR"),
        ("Estados Unidos de América", "USA"),
        ("Irán (República Islámica del)", "IRN"),
        ("Arabia Saudita", "SAU"),
        ("Reino Unido", "GBR"),
        ("Democratic Republic of Congo", "COD"),
        ("Swaziland", "SWZ"),
        ("Türkiye", "TUR"),
    ],
)
def test_state_names_in_four_languages(tax: Taxonomy, name: str, iso3: str) -> None:
    assert tax.resolve_country(name) == iso3


def test_regional_memberships(tax: Taxonomy) -> None:
    assert "CoE" in tax.regions_for("FRA")
    assert "OAS" not in tax.regions_for("FRA")
    assert {"AU", "LAS", "OIC"} <= set(tax.regions_for("EGY"))
    assert "CoE" not in tax.regions_for("EGY")
    assert "OAS" in tax.regions_for("BRA")
    assert "CoE" not in tax.regions_for("RUS")
    assert "ASEAN" in tax.regions_for("IDN")
    assert tax.label("country", "EGY", "ar") == "مصر"


# --- bodies --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Human Rights Committee", "CCPR"),
        ("Committee against Torture", "CAT"),
        ("Committee Against Torture", "CAT"),
        ("European Court of Human Rights", "ECTHR"),
        ("Corte IDH", "IACTHR"),
        ("Cour IDH", "IACTHR"),
        ("CIDH", "IACHR"),
        ("African Commission on Human and Peoples' Rights", "ACHPR"),
        ("African Court on Human and Peoples' Rights", "AFCHPR"),
        ("ECOWAS Court", "ECOWAS-CCJ"),
        ("ECOWASCJ", "ECOWAS-CCJ"),
        ("Inter-American Court of Human Rights", "IACTHR"),
        ("General Assembly", "GA"),
        ("Comité des droits de l'homme", "CCPR"),
        ("CDH", "HRC"),
        ("Comité contra la Tortura", "CAT"),
        ("اللجنة المعنية بحقوق الإنسان", "CCPR"),
        ("لجنة مناهضة التعذيب", "CAT"),
        ("Cour européenne des droits de l'homme", "ECTHR"),
        ("SR_Torture", "SR-TORTURE"),
        ("Special Rapporteur on torture", "SR-TORTURE"),
        ("Special Rapporteur on the situation of human rights defenders", "SR-HRDEFENDERS"),
        (
            "Rapporteuse spéciale sur la situation des défenseurs des droits de l'homme",
            "SR-HRDEFENDERS",
        ),
        (
            "Relatora Especial sobre la violencia contra las mujeres y las niñas, sus causas y "
            "consecuencias",
            "SR-VAW",
        ),
        ("Working Group on Business and Human Rights", "WG-BUSINESS"),
        ("Independent Expert on sexual orientation and gender identity", "IE-SOGI"),
        ("European Commission against Racism and Intolerance", "ECRI"),
        ("Venice Commission", "VENICE"),
        ("Commission de Venise", "VENICE"),
        (
            "Advisory Committee on the Framework Convention for the Protection of National "
            "Minorities",
            "FCNM-AC",
        ),
        ("Commissioner for Human Rights", "COMMHR"),
        ("East African Court of Justice", "EACJ"),
        ("SADC Tribunal", "SADC-TRIBUNAL"),
        ("E/CN.4", "CHR"),
    ],
)
def test_body_names_resolve(tax: Taxonomy, name: str, code: str) -> None:
    body = tax.resolve_body(name)
    assert body is not None and body.code == code


def test_body_names_in_the_data_resolve(tax: Taxonomy, shared_data: Path) -> None:
    fields = ("body", "committee", "court", "tribunal", "treaty_body", "treaty_body_name")
    names: set[str] = set()
    for path in (shared_data / "legal-sources-samples").rglob("*.json"):
        record = json.loads(path.read_text("utf-8"))
        names.update(v for f in fields if isinstance(v := record.get(f), str) and v.strip())
    assert len(names) >= 8
    assert not sorted(n for n in names if tax.resolve_body(n) is None)


def test_body_labels(tax: Taxonomy) -> None:
    assert tax.label("body", "SR-VAW", "fr").startswith("Rapporteur spécial sur la violence")
    assert tax.label("body_short", "IACTHR", "es") == "Corte IDH"
    assert tax.label("body", "VENICE", "ar") == "اللجنة الأوروبية للديمقراطية من خلال القانون"
    assert tax.label("mechanism", "special_procedure", "es") == "Procedimientos especiales"


# --- affected persons, SDGs ----------------------------------------------------------------

UNHRD_LABELS = (
    "Women/girls",
    "Children",
    "Persons deprived of their liberty",
    "Persons with disabilities",
    "Persons living with HIV/AIDS",
    "Persons living in poverty",
    "Refugees & asylum-seekers",
    "Persons affected by armed conflict",
    "Migrants",
    "LGBTI+",
    "Adolescents",
    "Persons affected by natural disasters",
    "Internally displaced persons",
    "Roma, Gypsies, Sinti and Travellers",
    "Non-citizens and stateless",
    "Persons in street situations",
    "Indigenous peoples",
    "Children in alternative care",
    "Persons living in rural/remote areas",
)


def _unhrd_labels(shared_data: Path) -> set[str]:
    labels: set[str] = set()
    folder = shared_data / "unhrd-treatybody-jurisprudence-gc-sp"
    for name in (
        "json_labeled_v2_special_procedures.tar.gz",
        "json_data_general_comments.tar.gz",
        "json_jurisprudence.tar.gz",
    ):
        with tarfile.open(folder / name) as tar:
            for member in tar:
                if not (member.isfile() and member.name.endswith(".json")):
                    continue
                handle = tar.extractfile(member)
                assert handle is not None
                data = json.load(handle)
                paragraphs = data.get("paragraphs", []) if isinstance(data, dict) else data
                for paragraph in paragraphs:
                    if isinstance(paragraph, dict):
                        labels.update(paragraph.get("Labels") or [])
    return labels


def _thematic_list_groups(shared_data: Path) -> set[str]:
    """'Affected persons:' / 'Groups of Persons:' entries of the OHCHR UPR thematic lists."""
    groups: set[str] = set()
    folder = shared_data / "slovenia-upr-un-documents"
    for path in folder.glob("*/*hematic*.docx"):
        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        paragraphs = [html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in xml.split("</w:p>")]
        listing = False
        for text in paragraphs:
            if re.match(r"(Affected persons|Groups of Persons)\s*:", text, re.I):
                listing = True
            elif listing and text.startswith("-"):
                label = text.lstrip("- ").strip()
                if not re.match(r"\d+ - ", label):  # SDGs share the block in the 4th cycle
                    groups.add(label)
            elif text:
                listing = False
    return groups


def test_unhrd_labels_resolve(tax: Taxonomy) -> None:
    assert not [label for label in UNHRD_LABELS if tax.resolve_affected(label) is None]
    assert tax.resolve_affected("Women/girls") == "women"
    assert tax.resolve_affected("LGBTI+") == "lgbti"


@pytest.mark.slow
def test_every_unhrd_label_in_the_data_resolves(tax: Taxonomy, shared_data: Path) -> None:
    labels = _unhrd_labels(shared_data)
    assert labels >= set(UNHRD_LABELS)
    assert not sorted(label for label in labels if tax.resolve_affected(label) is None)


def test_affected_persons_of_uhri_egypt_and_thematic_lists_resolve(
    tax: Taxonomy, shared_data: Path
) -> None:
    labels: set[str] = set()
    for path in (shared_data / "legal-sources-samples" / "UN" / "UHRI").glob("*.json"):
        labels.update(json.loads(path.read_text("utf-8")).get("affected_persons") or [])
    egypt = shared_data / "cehdi-upr-misc" / "upr_recommendations_egypt_cycle2.csv"
    with egypt.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            labels.update(p.strip() for p in row["affected_persons"].split("- ") if p.strip())
    groups = _thematic_list_groups(shared_data)
    assert len(groups) >= 30
    labels |= groups
    assert not sorted(label for label in labels if tax.resolve_affected(label) is None)
    assert tax.resolve_affected("human rights defenders") == "human_rights_defenders"
    assert (
        tax.resolve_affected(
            "Minorities/ racial, ethnic, linguistic, religious or descent-based groups"
        )
        == "minorities"
    )


def test_sdg_labels_resolve(tax: Taxonomy, shared_data: Path) -> None:
    labels: set[str] = set()
    for path in (shared_data / "legal-sources-samples" / "UN" / "UHRI").glob("*.json"):
        labels.update(json.loads(path.read_text("utf-8")).get("sdgs") or [])
    assert labels
    for label in labels:
        goal = tax.resolve_sdg(label)
        assert goal is not None and label.startswith(f"{goal}"), label
    assert tax.resolve_sdg("13 - CLIMATE ACTION") == 13
    assert tax.resolve_sdg("5.1 - End discrimination against women and girls") == 5
    assert tax.resolve_sdg("SDG 16") == 16
    assert tax.resolve_sdg("Hambre cero") == 2
    assert tax.resolve_sdg("Égalité entre les sexes") == 5
    assert tax.resolve_sdg("الهدف ٥") == 5
    assert tax.resolve_sdg("2030 Agenda") is None
    assert tax.label("sdg", "16", "es") == "Paz, justicia e instituciones sólidas"


# --- terminology ---------------------------------------------------------------------------


def test_terminology_concepts_are_complete(terminology_data: dict[str, Any]) -> None:
    concepts = terminology_data["concepts"]
    assert len(concepts) >= 250
    ids = [c["id"] for c in concepts]
    assert len(ids) == len(set(ids))
    for concept in concepts:
        assert not concept["id"].startswith("country:")
        assert set(concept["terms"]) == set(LANGS), concept["id"]
        for lang in LANGS:
            terms = concept["terms"][lang]
            assert terms and all(t.strip() for t in terms), (concept["id"], lang)


def test_terminology_terms_are_usable(terminology_data: dict[str, Any]) -> None:
    """Every term survives analysis (longer terms would be silently dropped), and no two
    concepts claim the same analysed term, which would make the match order-dependent."""
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for concept in terminology_data["concepts"]:
        for lang, terms in concept["terms"].items():
            for term in terms:
                stems = tuple(analyse(term, lang).stems)
                assert 0 < len(stems) <= MAX_SPAN, (concept["id"], term)
                owners[stems].add(concept["id"])
    shared = {stems: ids for stems, ids in owners.items() if len(ids) > 1}
    assert not shared


# Stems of one-word terms that would also match common unrelated words of the four
# languages: 'traite'/'trata' (treaty, treatment), 'suivi' (suivant), 'viol' (violé),
# 'accountability' (account), 'internos' (international), 'constitution' (constitute)...
AMBIGUOUS_SINGLE_STEMS = frozenset(
    [
        "trait",
        "trat",
        "suiv",
        "viol",
        "account",
        "intern",
        "constitut",
        "constitu",
        "crimin",
        "univers",
        "period",
        "recev",
        "pres",
        "par",
        "manifest",
        "demonstr",
        "foreign",
        "hous",
        "extrem",
        "execut",
        "settlement",
        "sid",
        "log",
        "min",
        "age",
        "cast",
        "retrait",
        "sign",
        "firm",
        "domest",
        "institution",
        "غاء",
        "شرط",
        "عنصر",
        "مقبول",
        "خصوص",
        "مصالح",
    ]
)


def test_terminology_avoids_ambiguous_single_words(terminology_data: dict[str, Any]) -> None:
    bad = []
    for concept in terminology_data["concepts"]:
        for lang, terms in concept["terms"].items():
            for term in terms:
                stems = analyse(term, lang).stems
                if len(stems) == 1 and stems[0] in AMBIGUOUS_SINGLE_STEMS:
                    bad.append((concept["id"], term))
    assert not bad


def test_terminology_does_not_repeat_country_names(terminology_data: dict[str, Any]) -> None:
    countries = {
        tuple(analyse(name, lang).stems)
        for concept in country_concepts(MAPPINGS / "countries.json")
        for lang, names in concept["terms"].items()
        for name in names
    }
    repeated = [
        (concept["id"], term)
        for concept in terminology_data["concepts"]
        for lang, terms in concept["terms"].items()
        for term in terms
        if tuple(analyse(term, lang).stems) in countries
    ]
    assert not repeated


@pytest.mark.parametrize(
    ("query", "concept", "expected"),
    [
        (
            "disparition forcée",
            "enforced_disappearance",
            [("en", "enforced disappearance"), ("ar", "الاختفاء القسري")],
        ),
        ("الاختفاء القسري", "enforced_disappearance", [("es", "desaparición forzada")]),
        ("peine de mort", "death_penalty", [("en", "death penalty"), ("ar", "عقوبة الإعدام")]),
        (
            "detención arbitraria",
            "arbitrary_detention",
            [("fr", "détention arbitraire"), ("ar", "الاحتجاز التعسفي")],
        ),
        ("الاحتجاز التعسفي", "arbitrary_detention", [("en", "arbitrary detention")]),
        (
            "المدافعون عن حقوق الانسان",
            "human_rights_defenders",
            [("fr", "défenseurs des droits de l'homme"), ("es", "defensores de derechos humanos")],
        ),
        (
            "المؤسسات الوطنية لحقوق الانسان",
            "national_human_rights_institution",
            [("en", "national human rights institutions")],
        ),
        (
            "freedom of expression",
            "freedom_of_expression",
            [("ar", "حرية التعبير"), ("fr", "liberté d'expression")],
        ),
        (
            "mutilations génitales féminines",
            "female_genital_mutilation",
            [("en", "female genital mutilation"), ("ar", "ختان الإناث")],
        ),
        ("tortura", "torture", [("en", "torture"), ("ar", "التعذيب")]),
    ],
)
def test_query_translation_round_trip(
    terminology: Terminology, query: str, concept: str, expected: list[tuple[str, str]]
) -> None:
    plan = parse_query(query, terminology)
    assert plan is not None
    assert concept in plan.translated
    for lang, term in expected:
        stems = tuple(analyse(term, lang).stems)
        assert stems in plan.highlight_phrases or (
            len(stems) == 1 and stems[0] in plan.highlight_terms
        ), (query, term)


def test_query_translation_in_context(terminology: Terminology) -> None:
    plan = parse_query("torture in detention Egypt", terminology)
    assert plan is not None
    assert plan.translated[:2] == ("torture", "detention")
    plan = parse_query("take into account", terminology)
    assert plan is not None and plan.translated == ()


def _phrases(clause: object) -> set[tuple[str, ...]]:
    if isinstance(clause, Phrase):
        return {clause.values}
    inner = getattr(clause, "clauses", ())
    return set().union(*(_phrases(c) for c in inner)) if inner else set()


def test_translation_the_typed_words_already_match_is_left_out(
    terminology: Terminology,
) -> None:
    """English "human rights": the English phrase matches nothing the two words do not
    (and costs a positional check over most of the corpus), the French one does."""
    plan = parse_query("human rights", terminology)
    assert plan is not None
    phrases = set().union(*(_phrases(c) for c in plan.must))
    english = tuple(analyse("human rights", "en").stems)
    french = tuple(analyse("droits de l'homme", "fr").stems)
    assert english not in phrases
    assert french in phrases
    # Still highlighted where it occurs.
    assert english in plan.highlight_phrases
    # A French query keeps the English translation and drops its own.
    plan = parse_query("droits de l'homme", terminology)
    assert plan is not None
    phrases = set().union(*(_phrases(c) for c in plan.must))
    assert english in phrases and french not in phrases
