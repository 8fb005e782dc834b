"""Open data: webinars.json validated against its generated JSON Schema; webinars.csv against the YAML."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, LANGS, ROOT

SITE_URL = "https://example.github.io/webinar-hub/"


def load(site: Path, name: str):
    return json.loads((site / name).read_text(encoding="utf-8"))


def yaml_webinars(folder: Path) -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yml"))}


@pytest.fixture(params=["fixture", "real"])
def site_and_data(request):
    if request.param == "fixture":
        return request.getfixturevalue("fixture_site"), FIXTURES / "hub"
    return request.getfixturevalue("real_site"), ROOT / "webinars"


def test_json_is_valid_against_its_published_schema(site_and_data):
    site, _ = site_and_data
    schema, data = load(site, "webinars.schema.json"), load(site, "webinars.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["$schema"] == schema["$id"] == f"{SITE_URL}webinars.schema.json"


def test_schema_is_strict_enough_to_reject_bad_records(fixture_site):
    schema, data = load(fixture_site, "webinars.schema.json"), load(fixture_site, "webinars.json")
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for damage in ({"unknown": 1}, {"language": "de"}, {"date": "2026-13-45"}, {"attendance_rate": "25"},
                   {"title": {"xx": "bad"}}):
        broken = json.loads(json.dumps(data))
        broken["webinars"][0].update(damage)
        assert not validator.is_valid(broken), damage
    broken = json.loads(json.dumps(data))
    del broken["webinars"][0]["slug"]
    assert not validator.is_valid(broken)


def test_schema_is_generated_from_the_data_contract(fixture_site):
    """Every field of the dataclasses is described, with its editor doc (no hand-written copy)."""
    import dataclasses
    from hub.schema import Expert, Series, Webinar

    defs = load(fixture_site, "webinars.schema.json")["$defs"]
    for cls in (Webinar, Expert, Series):
        properties = defs[cls.__name__]["properties"]
        for spec in dataclasses.fields(cls):
            assert properties[spec.name]["description"] == spec.metadata["doc"]


def test_json_holds_every_webinar_in_every_language(site_and_data):
    site, folder = site_and_data
    data = load(site, "webinars.json")
    source = yaml_webinars(folder)
    records = {record["slug"]: record for record in data["webinars"]}
    assert set(records) == set(source)
    for slug, raw in source.items():
        record = records[slug]
        assert record["title"] == raw["title"]
        assert record.get("number") == raw.get("number") and record.get("language") == raw.get("language")
        assert record["date"] == str(raw["date"])
        assert set(record["pages"]) == set(LANGS)
        for lang, url in record["pages"].items():
            expected = f"{SITE_URL}{'' if lang == 'en' else lang + '/'}webinars/{slug}/"
            assert url == expected
            local = url.removeprefix(SITE_URL)
            assert (site / local / "index.html").is_file()
        assert record["calendar"] == f"{SITE_URL}webinars/{slug}.ics"
        stats = raw.get("stats") or {}
        if stats.get("registrations") and stats.get("participants") is not None:
            assert record["attendance_rate"] == pytest.approx(100 * stats["participants"] / stats["registrations"],
                                                              abs=0.01)
        else:
            assert record["attendance_rate"] is None
    assert {e["id"] for e in data["experts"]} == {p.stem for p in (folder / "experts").glob("*.yml")}
    assert {s["id"] for s in data["series"]} == {p.stem for p in (folder / "series").glob("*.yml")}


def test_starts_at_carries_the_offset(fixture_site):
    records = {r["slug"]: r for r in load(fixture_site, "webinars.json")["webinars"]}
    assert records["2027-03-28-upcoming-across-dst"]["starts_at"] == "2027-03-28T14:00:00+02:00"
    assert records["2025-11-02-past-date-only"]["starts_at"] is None


def test_csv_matches_the_yaml(site_and_data):
    site, folder = site_and_data
    source = yaml_webinars(folder)
    with open(site / "webinars.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["slug"] for row in rows] == sorted(source, key=lambda s: (str(source[s]["date"]), s))
    for row in rows:
        raw = source[row["slug"]]
        stats = raw.get("stats") or {}
        assert row["number"] == str(raw.get("number", ""))
        assert row["date"] == str(raw["date"]) and row["language"] == raw.get("language", "")
        for column in ("registrations", "participants", "countries"):
            value = stats.get(column)
            # An exact count in its column; an approximate one ({more_than: N}) only in <column>_more_than.
            assert row[column] == ("" if value is None or isinstance(value, dict) else str(value))
            assert row[f"{column}_more_than"] == (str(value["more_than"]) if isinstance(value, dict) else "")
        assert row["format"] == raw.get("format", "")
        assert row["moderators"].split() == raw.get("moderators", [])
        assert row["experts"].split() == raw.get("experts", [])
        assert row["report_links"].split() == [link["url"] for link in raw.get("report_links", [])]
        if stats.get("survey_response_rate") is None:
            assert row["survey_response_rate"] == ""
        else:
            assert float(row["survey_response_rate"]) == pytest.approx(stats["survey_response_rate"])
        if stats.get("registrations") and stats.get("participants") is not None:
            assert float(row["attendance_rate"]) == pytest.approx(100 * stats["participants"] / stats["registrations"],
                                                                  abs=0.01)
        else:
            assert row["attendance_rate"] == ""


def test_pilot_figures_in_csv(real_site):
    """The seed document's table (CDIP/25/3): webinar I had 161 registrations and 77 participants."""
    with open(real_site / "webinars.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {row["slug"]: row for row in csv.DictReader(handle)}
    first = rows["2019-09-18-new-tools-arab-countries"]
    assert (first["registrations"], first["participants"]) == ("161", "77")
    assert float(first["attendance_rate"]) == pytest.approx(47.83, abs=0.01)


def test_embeds(fixture_site):
    from bs4 import BeautifulSoup

    upcoming = load(fixture_site, "embed/upcoming.json")
    assert [w["slug"] for w in upcoming["webinars"]] == ["2027-03-28-upcoming-across-dst", "2027-06-10-upcoming-bogota"]
    for lang in LANGS:
        text = (fixture_site / "embed" / f"upcoming.{lang}.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        section = soup.find("section")
        assert section["lang"] == lang and section["dir"] == ("rtl" if lang == "ar" else "ltr")
        links = [a["href"] for a in soup.find_all("a")]
        assert len(links) == 3 and all(href.startswith(SITE_URL) for href in links)
        assert not soup.find_all(["script", "style", "link", "img", "iframe"])
    french = BeautifulSoup((fixture_site / "embed" / "upcoming.fr.html").read_text(encoding="utf-8"), "html.parser")
    assert "Un webinaire à venir, le jour du changement d’heure" in french.get_text()


def test_embed_escapes_titles(tmp_path):
    import dataclasses
    import shutil
    from datetime import date
    from hub.catalog import load_catalog
    from hub.extras.embed import fragment
    from hub.model import build_hub

    shutil.copytree(FIXTURES / "hub", tmp_path / "webinars")
    hub = build_hub(load_catalog(tmp_path), date(2026, 6, 1))
    facts = hub.upcoming[0]
    evil = dataclasses.replace(facts, data=dataclasses.replace(facts.data, title={"en": "<b>x</b> & \"y\""}))
    hub = dataclasses.replace(hub, webinars=tuple(evil if w.slug == facts.slug else w for w in hub.webinars))
    text = fragment(hub, "en", SITE_URL)
    assert "<b>" not in text and "&lt;b&gt;x&lt;/b&gt; &amp; &#34;y&#34;" in text


def test_open_data_schema_and_editor_schema_share_one_walk():
    """The same walk of schema.py, two styles: the open data leaves empty fields out (no null) and uses $defs."""
    from hub.extras.opendata import json_schema
    from hub.jsonschema_export import document_schema

    defs = json_schema(SITE_URL)["$defs"]
    editor, published = document_schema("webinar")["properties"], defs["Webinar"]["properties"]
    assert published["title"] == editor["title"] and published["date"] == editor["date"]
    assert editor["start"]["type"] == ["string", "null"] and published["start"]["type"] == "string"
    assert published["start"]["pattern"] == editor["start"]["pattern"]
    assert published["recording"]["$ref"] == "#/$defs/Recording"
    assert editor["recording"]["properties"]["duration"]["type"] == ["integer", "null"]
    assert defs["Recording"]["properties"]["duration"]["type"] == "integer"
    assert "default" not in published["status"] and editor["status"]["default"] == "scheduled"
    assert all(not d.get("description", "").startswith(name + "(") for name, d in defs.items())


@pytest.mark.parametrize("site_name, folder", [("real_site", ROOT / "webinars"), ("figures_site", FIXTURES / "figures")])
def test_json_carries_the_later_fields_of_the_contract(site_name, folder, request):
    """format, moderators, report links (with their language and date), countries, and approximate
    figures as the source gives them ({"more_than": N}, never a number), as the staff wrote them."""
    site = request.getfixturevalue(site_name)
    records = {r["slug"]: r for r in load(site, "webinars.json")["webinars"]}
    checked = set()
    for slug, raw in yaml_webinars(folder).items():
        record = records[slug]
        for field in ("format", "moderators", "language", "number"):
            assert record.get(field) == raw.get(field, [] if field == "moderators" else None), (slug, field)
            checked.add(field) if raw.get(field) else None
        links = [{**link, "published": str(link["published"])} if "published" in link else link
                 for link in raw.get("report_links", [])]
        assert record.get("report_links", []) == links, slug
        checked.add("report_links") if links else None
        stats = raw.get("stats") or {}
        for figure in ("registrations", "participants", "countries"):
            assert record.get("stats", {}).get(figure) == stats.get(figure), (slug, figure)
            if isinstance(stats.get(figure), dict):
                checked.add(f"approximate {figure}")
                assert record["stats"][figure] == {"more_than": stats[figure]["more_than"]}
                assert record["attendance_rate"] is None or figure == "countries"
    # the data sets really exercise the new fields
    expected = {"format", "moderators", "approximate participants", "approximate countries"}
    assert expected | ({"report_links"} if site_name == "real_site" else set()) <= checked


@pytest.mark.parametrize("lang", LANGS)
def test_embed_leaves_out_cancelled_webinars(tmp_path, lang):
    """A cancelled webinar is no invitation: the embeddable list leaves it out (its page and the open data
    still say it was cancelled); a postponed one stays listed."""
    import dataclasses
    import shutil
    from datetime import date

    from bs4 import BeautifulSoup
    from hub.catalog import load_catalog
    from hub.extras.embed import fragment, upcoming_json
    from hub.model import build_hub

    shutil.copytree(FIXTURES / "hub", tmp_path / "webinars")
    hub = build_hub(load_catalog(tmp_path), date(2026, 6, 1))
    first, second = hub.upcoming
    status = {first.slug: "cancelled", second.slug: "postponed"}
    hub = dataclasses.replace(hub, webinars=tuple(
        dataclasses.replace(w, data=dataclasses.replace(w.data, status=status[w.slug])) if w.slug in status else w
        for w in hub.webinars))
    listed = [a["href"] for a in BeautifulSoup(fragment(hub, lang, SITE_URL), "html.parser").select("li a")]
    assert [href for href in listed if first.slug in href] == []
    assert len([href for href in listed if second.slug in href]) == 1
    assert {w["slug"]: w["status"] for w in upcoming_json(hub, SITE_URL)["webinars"]} == status
