"""schema.org JSON-LD, Open Graph and Twitter tags on webinar pages, read back from the built HTML."""

from __future__ import annotations

import json

import pytest

from conftest import LANGS, lang_url, page

SITE_URL = "https://example.github.io/webinar-hub/"
DST = "2027-03-28-upcoming-across-dst"
RECORDED = "2026-01-15-past-with-recording"
DATE_ONLY = "2025-11-02-past-date-only"


def graph(soup) -> dict[str, dict]:
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


def webinar(site, lang, slug):
    return page(site, lang_url(lang, f"webinars/{slug}/"))


@pytest.mark.parametrize("lang", LANGS)
def test_event_has_the_required_properties(fixture_site, lang):
    soup = webinar(fixture_site, lang, DST)
    event = graph(soup)["Event"]
    url = f"{SITE_URL}{lang_url(lang, f'webinars/{DST}/')}"
    for required in ("name", "startDate", "location", "eventAttendanceMode", "eventStatus", "description",
                     "organizer", "performer", "inLanguage", "url"):
        assert event.get(required), required
    assert event["url"] == url
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["location"] == {"@type": "VirtualLocation", "url": url}
    assert event["startDate"] == "2027-03-28T14:00:00+02:00"
    assert event["inLanguage"] == "fr"
    assert {p["name"] for p in event["performer"]} == {"Jean Exemple", "Ada Example"}
    assert all(p["@type"] == "Person" for p in event["performer"])
    organizers = event["organizer"] if isinstance(event["organizer"], list) else [event["organizer"]]
    assert all(o["@type"] == "Organization" and o.get("name") for o in organizers)
    assert event["offers"]["url"] == "https://example.org/register/2"
    assert "VideoObject" not in graph(soup)


def test_date_only_event_and_recording(fixture_site):
    nodes = graph(webinar(fixture_site, "en", DATE_ONLY))
    assert nodes["Event"]["startDate"] == "2025-11-02"
    assert "offers" not in nodes["Event"]
    assert nodes["VideoObject"]["embedUrl"] == "https://player.vimeo.com/video/76979871"


def test_video_object_of_a_recording(fixture_site):
    nodes = graph(webinar(fixture_site, "fr", RECORDED))
    video, event = nodes["VideoObject"], nodes["Event"]
    for required in ("name", "description", "uploadDate", "thumbnailUrl"):
        assert video.get(required), required
    assert video["uploadDate"] == "2026-01-20"
    assert video["embedUrl"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert video["duration"] == "PT1H25M"
    assert event["recordedIn"] == {"@id": video["@id"]}
    assert event["startDate"] == "2026-01-15T10:00:00+01:00"
    assert event["endDate"] == "2026-01-15T11:30:00+01:00"
    assert "offers" not in event  # past: no registration
    assert event["name"] == "I. Tester le lecteur d’enregistrements"


def test_json_ld_cannot_break_out_of_its_script(fixture_site):
    raw = (fixture_site / "webinars" / RECORDED / "index.html").read_text(encoding="utf-8")
    start = raw.index('<script type="application/ld+json">')
    body = raw[start:raw.index("</script>", start)].removeprefix('<script type="application/ld+json">')
    assert "<" not in body and ">" not in body and "&" not in body
    assert "\\u003cscript\\u003e" in body  # the summary's literal <script> text, escaped


@pytest.mark.parametrize("lang", LANGS)
def test_open_graph_and_twitter_tags(fixture_site, lang):
    soup = webinar(fixture_site, lang, RECORDED)
    og = {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}
    url = f"{SITE_URL}{lang_url(lang, f'webinars/{RECORDED}/')}"
    assert og["og:url"] == url and og["og:type"] == "website"
    assert og["og:title"] == graph(soup)["Event"]["name"]
    assert og["og:locale"].split("_")[0] == lang
    assert "2026" in og["og:description"]  # per webinar: its date
    twitter = {tag["name"]: tag["content"] for tag in soup.find_all("meta", attrs={"name": True})
               if tag["name"].startswith("twitter:")}
    assert twitter["twitter:card"] == "summary"
    assert twitter["twitter:title"] == og["og:title"]
    assert twitter["twitter:description"] == og["og:description"]


def test_cancelled_and_postponed_status():
    import dataclasses
    from datetime import date
    import shutil, tempfile
    from pathlib import Path
    from conftest import FIXTURES
    from hub.catalog import load_catalog
    from hub.extras.structured import event
    from hub.localize import Formatter
    from hub.model import build_hub
    from hub.views import PageContext

    root = Path(tempfile.mkdtemp())
    shutil.copytree(FIXTURES / "hub", root / "webinars")
    hub = build_hub(load_catalog(root), date(2026, 6, 1))
    facts = hub.by_slug[DST]
    ctx = PageContext(hub, Formatter("en"), f"webinars/{DST}/")
    for status, expected in (("cancelled", "EventCancelled"), ("postponed", "EventPostponed")):
        changed = dataclasses.replace(facts, data=dataclasses.replace(facts.data, status=status))
        node = event(ctx, changed, SITE_URL)[0]
        assert node["eventStatus"] == f"https://schema.org/{expected}"
    cancelled = dataclasses.replace(facts, data=dataclasses.replace(facts.data, status="cancelled"))
    assert "offers" not in event(ctx, cancelled, SITE_URL)[0]
