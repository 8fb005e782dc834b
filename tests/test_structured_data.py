"""What search engines and link previews read, on every page of the real and the fixture sites:
schema.org JSON-LD (read with extruct) against Google's required and recommended properties for Event
and VideoObject; Open Graph and Twitter tags; canonical URLs and hreflang alternates."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import extruct
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import BUILD_DATE, LANGS, ROOT, lang_url, page

SITE_URL = "https://example.github.io/webinar-hub/"
DST = "2027-03-28-upcoming-across-dst"
RECORDED = "2026-01-15-past-with-recording"
DATE_ONLY = "2025-11-02-past-date-only"
BOGOTA = "2027-06-10-upcoming-bogota"
OG_LOCALES = {"en": "en_US", "ar": "ar_AR", "zh": "zh_CN", "fr": "fr_FR", "ru": "ru_RU", "es": "es_ES"}

# Google Search Central, structured data for Event and Video (the properties each page lists).
GOOGLE = {
    "Event": {
        "required": ("name", "startDate", "location"),
        "recommended": ("description", "endDate", "eventAttendanceMode", "eventStatus", "image", "offers",
                        "organizer", "performer", "previousStartDate"),
    },
    "VideoObject": {
        "required": ("name", "thumbnailUrl", "uploadDate"),
        "recommended": ("contentUrl", "description", "duration", "embedUrl"),
    },
}
# Recommended properties the data never gives, so the hub never publishes them: the sources state no
# price (offers), and the data keeps no earlier date of a postponed webinar (previousStartDate).
NEVER_DERIVABLE = {"Event": {"offers", "previousStartDate"}, "VideoObject": set()}
EVENT_STATUSES = {f"https://schema.org/{s}" for s in ("EventScheduled", "EventCancelled", "EventPostponed",
                                                      "EventMovedOnline")}
ATTENDANCE_MODES = {f"https://schema.org/{m}EventAttendanceMode" for m in ("Online", "Mixed", "Offline")}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATETIME_WITH_OFFSET = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)")


def html_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if path.name == "index.html")


def url_of(site: Path, path: Path) -> str:
    relative = path.parent.relative_to(site).as_posix()
    return SITE_URL + ("" if relative == "." else relative + "/")


def site_file(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site / url.removeprefix(SITE_URL)


def nodes(html: str, url: str) -> list[dict]:
    found = extruct.extract(html, base_url=url, syntaxes=["json-ld"], uniform=False)["json-ld"]
    result = []
    for item in found:
        assert item["@context"] == "https://schema.org"
        result += item.get("@graph", [item])
    return result


def graph(soup) -> dict[str, dict]:
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) <= 1
    if not scripts:
        return {}
    data = json.loads(scripts[0].string)
    return {node["@type"]: node for node in data["@graph"]}


def webinar(site, lang, slug):
    return page(site, lang_url(lang, f"webinars/{slug}/"))


def check_date(value: str) -> datetime | date:
    """A date, or a date and time with its offset from UTC (never a local time without zone)."""
    if "T" in value:
        assert ISO_DATETIME_WITH_OFFSET.fullmatch(value), value
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    assert ISO_DATE.fullmatch(value), value
    return date.fromisoformat(value)


def check_card(site: Path, url: str) -> None:
    with Image.open(site_file(site, url)) as image:
        assert image.format == "PNG" and image.size == (1200, 630)


def check_event(site: Path, node: dict, page_url: str) -> None:
    location = node["location"]
    assert location["@type"] == "VirtualLocation"
    # where one joins or registers: never the hub's own page (nor any page of the hub)
    assert location["url"].startswith(("https://", "http://")) and not location["url"].startswith(SITE_URL)
    start = check_date(node["startDate"])
    if "endDate" in node:
        end = check_date(node["endDate"])
        assert type(end) is type(start) and end >= start
    assert node["eventStatus"] in EVENT_STATUSES
    if "eventAttendanceMode" in node:
        assert node["eventAttendanceMode"] in ATTENDANCE_MODES
    assert node["url"] == page_url
    for image in node["image"]:
        check_card(site, image)
    organizer = node["organizer"]
    assert organizer["@type"] == "Organization" and organizer["name"] and organizer["url"].startswith("https://")
    for person in node.get("performer", ()):
        assert person["@type"] == "Person" and person["name"]


def check_video(site: Path, node: dict) -> None:
    check_date(node["uploadDate"])
    assert node.get("embedUrl") or node.get("contentUrl")
    for thumbnail in node["thumbnailUrl"]:
        assert thumbnail.startswith("https://")
        if thumbnail.startswith(SITE_URL):
            check_card(site, thumbnail)


def check_structured_data(site: Path) -> int:
    """Every JSON-LD object of every page has all of Google's required properties, well formed."""
    count = 0
    for path in html_pages(site):
        url = url_of(site, path)
        for node in nodes(path.read_text(encoding="utf-8"), url):
            kind = node["@type"]
            assert kind in GOOGLE, (path, kind)
            missing = [name for name in GOOGLE[kind]["required"] if not node.get(name)]
            assert not missing, (path, kind, missing)
            assert not set(node) & NEVER_DERIVABLE[kind], (path, kind)
            (check_event if kind == "Event" else lambda s, n, u: check_video(s, n))(site, node, url)
            count += 1
    return count


def test_structured_data_of_every_fixture_page(fixture_site):
    # 2 events with a registration page (×6 languages), 1 recording with a publication date (×6)
    assert check_structured_data(fixture_site) == 3 * 6


def test_structured_data_of_every_real_page(real_site):
    check_structured_data(real_site)


def test_only_complete_objects_are_published(real_site, fixture_site):
    """An Event only where the data gives where to join, or to register while registration is open (while upcoming); a
    VideoObject only with the date the recording was published: otherwise the object is left out, not published
    half-filled."""
    import yaml

    for site, data in ((real_site, ROOT / "webinars"), (fixture_site, ROOT / "tests" / "fixtures" / "hub")):
        for source in sorted(data.glob("*.yml")):
            record = yaml.safe_load(source.read_text(encoding="utf-8"))
            for lang in LANGS:
                found = graph(webinar(site, lang, source.stem))
                upcoming = str(record["date"]) >= BUILD_DATE
                registration = record.get("registration", {})
                place = "join" in record or (registration and registration.get("state", "open") == "open"
                                             and str(registration.get("closes", "9999")) >= BUILD_DATE)
                assert ("Event" in found) == bool(place and upcoming and record.get("format") != "in-person"), (
                    source.stem, lang)
                published = bool(record.get("recording", {}).get("published"))
                assert ("VideoObject" in found) == published, (source.stem, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_event_of_a_fully_described_webinar(fixture_site, lang):
    soup = webinar(fixture_site, lang, DST)
    event = graph(soup)["Event"]
    url = f"{SITE_URL}{lang_url(lang, f'webinars/{DST}/')}"
    expected = set(GOOGLE["Event"]["recommended"]) - NEVER_DERIVABLE["Event"]
    assert not expected - set(event), expected - set(event)  # every recommended property the data gives
    assert event["url"] == url
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["location"] == {"@type": "VirtualLocation", "url": "https://example.org/register/2"}
    assert event["startDate"] == "2027-03-28T14:00:00+02:00"
    assert event["endDate"] == "2027-03-28T15:00:00+02:00"
    assert event["inLanguage"] == "fr"
    assert [p["name"] for p in event["performer"]] == ["Jean Exemple", "Ada Example"]
    assert event["organizer"]["url"] == "https://www.wipo.int/"
    assert "offers" not in event
    og = {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}
    assert event["image"] == [og["og:image"]]
    assert f"/cards/{DST}.{lang}." in og["og:image"]
    assert "VideoObject" not in graph(soup)


def test_unknown_format_and_duration_are_left_out(fixture_site):
    event = graph(webinar(fixture_site, "es", BOGOTA))["Event"]
    assert "eventAttendanceMode" not in event  # format not given
    assert "endDate" not in event and "duration" not in event  # start known, length not
    assert event["startDate"] == "2027-06-10T09:30:00-05:00"


def test_video_object_of_a_recording(fixture_site):
    nodes_ = graph(webinar(fixture_site, "fr", RECORDED))
    video = nodes_["VideoObject"]
    expected = set(GOOGLE["VideoObject"]["recommended"]) - {"contentUrl"}  # YouTube: a page, not a file
    assert not expected - set(video)
    assert video["uploadDate"] == "2026-01-20"
    assert video["thumbnailUrl"] == ["https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"]
    assert video["embedUrl"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert video["duration"] == "PT1H25M"
    assert video["name"] == "Enregistrement : I. Tester le lecteur d’enregistrements"
    assert "Event" not in nodes_  # past, no registration page: no place to publish


def test_a_recording_without_publication_date_has_no_video_object(fixture_site):
    assert graph(webinar(fixture_site, "en", DATE_ONLY)) == {}


def test_json_ld_cannot_break_out_of_its_script(fixture_site):
    raw = (fixture_site / "webinars" / RECORDED / "index.html").read_text(encoding="utf-8")
    start = raw.index('<script type="application/ld+json">')
    body = raw[start:raw.index("</script>", start)].removeprefix('<script type="application/ld+json">')
    assert "<" not in body and ">" not in body and "&" not in body
    assert "\\u003cscript\\u003e" in body  # the summary's literal <script> text, escaped


# Link previews ------------------------------------------------------------------------------------

OG_REQUIRED = ("og:title", "og:description", "og:image", "og:image:width", "og:image:height", "og:image:alt",
               "og:site_name", "og:locale", "og:type", "og:url")
TWITTER_REQUIRED = ("twitter:card", "twitter:title", "twitter:description", "twitter:image",
                    "twitter:image:alt")


def link_preview(html: str, url: str) -> tuple[dict, list, dict]:
    [og] = extruct.extract(html, base_url=url, syntaxes=["opengraph"], uniform=False)["opengraph"]
    properties = og["properties"]
    single = dict(properties)
    alternates = [value for key, value in properties if key == "og:locale:alternate"]
    soup = BeautifulSoup(html, "lxml")
    twitter = {tag["name"]: tag["content"] for tag in soup.find_all("meta", attrs={"name": True})
               if tag["name"].startswith("twitter:")}
    return single, alternates, twitter


def page_language(site: Path, path: Path) -> str:
    first = path.relative_to(site).parts[0]
    return first if first in LANGS else "en"


@pytest.mark.parametrize("site_name", ["fixture_site", "real_site"])
def test_link_previews_on_every_page(site_name, request):
    site = request.getfixturevalue(site_name)
    seen_cards: set[str] = set()
    pages = html_pages(site)
    assert len(pages) > 6 * 5
    for path in pages:
        html = path.read_text(encoding="utf-8")
        url, lang = url_of(site, path), page_language(site, path)
        og, alternates, twitter = link_preview(html, url)
        missing = [name for name in OG_REQUIRED if not og.get(name)]
        assert not missing, (path, missing)
        assert og["og:url"] == url
        assert og["og:type"] == "website"
        assert og["og:locale"] == OG_LOCALES[lang]
        assert sorted(alternates) == sorted(v for k, v in OG_LOCALES.items() if k != lang)
        assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
        assert f".{lang}." in og["og:image"].rsplit("/", 1)[1]  # the card in the page's language
        missing = [name for name in TWITTER_REQUIRED if not twitter.get(name)]
        assert not missing, (path, missing)
        assert twitter["twitter:card"] == "summary_large_image"
        assert twitter["twitter:image"] == og["og:image"]
        assert twitter["twitter:title"] == og["og:title"] and twitter["twitter:description"] == og["og:description"]
        seen_cards.add(og["og:image"])
    for card in seen_cards:
        check_card(site, card)


@pytest.mark.parametrize("lang", LANGS)
def test_link_preview_of_an_upcoming_webinar_is_its_own(fixture_site, lang):
    """An upcoming webinar's preview is its own card; a past one's is the site's, in the page's language."""
    soup = webinar(fixture_site, lang, BOGOTA)
    og = {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}
    assert "2027" in og["og:description"]  # per webinar: its date
    assert f"/cards/{BOGOTA}.{lang}." in og["og:image"]
    assert og["og:title"] in og["og:image:alt"]
    past = {tag["property"]: tag["content"] for tag in webinar(fixture_site, lang, RECORDED).find_all("meta", property=True)}
    assert f"/cards/site.{lang}." in past["og:image"] and "2026" in past["og:description"]


def test_hand_written_pages_speak_their_language(real_site):
    """A hand-written page without a description of its own gets the site's, in its language."""
    from hub.localize import Formatter

    for lang in LANGS:
        soup = page(real_site, lang_url(lang, "about/"))
        og = {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}
        assert og["og:description"] == Formatter(lang).t("site_description")
        assert soup.find("meta", attrs={"name": "description"})["content"] == og["og:description"]
        assert og["og:site_name"] == Formatter(lang).t("site_name")
        assert "/cards/site." + lang + "." in og["og:image"]


# Canonical URLs and hreflang alternates -----------------------------------------------------------


@pytest.mark.parametrize("site_name", ["fixture_site", "real_site"])
def test_canonical_and_hreflang_on_every_page(site_name, request):
    site = request.getfixturevalue(site_name)
    for path in html_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        url, lang = url_of(site, path), page_language(site, path)
        canonical = [link["href"] for link in soup.find_all("link", rel="canonical")]
        assert canonical == [url], path
        alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate", hreflang=True)}
        assert set(alternates) == {*LANGS, "x-default"}, path
        assert alternates[lang] == url  # each page lists itself
        assert alternates["x-default"] == alternates["en"]
        for code, href in alternates.items():
            assert href.startswith(SITE_URL), href  # absolute: search engines ignore relative alternates
            assert (site_file(site, href) / "index.html").is_file(), (path, code, href)
        if lang != "en":
            assert alternates["en"] == SITE_URL + url.removeprefix(SITE_URL).removeprefix(f"{lang}/")


def test_cancelled_and_postponed_status():
    import dataclasses
    import shutil
    import tempfile

    from conftest import FIXTURES
    from hub.catalog import load_catalog
    from hub.structured import event
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
    for fmt, expected in (("hybrid", "MixedEventAttendanceMode"), ("online", "OnlineEventAttendanceMode")):
        changed = dataclasses.replace(facts, data=dataclasses.replace(facts.data, format=fmt))
        assert event(ctx, changed, SITE_URL)[0]["eventAttendanceMode"] == f"https://schema.org/{expected}"
    # in person: the data has no address, so there is no place to publish and no Event
    in_person = dataclasses.replace(facts, data=dataclasses.replace(facts.data, format="in-person"))
    assert [node["@type"] for node in event(ctx, in_person, SITE_URL)] == []


def test_video_thumbnail_without_a_host_still_is_the_card():
    """Vimeo (no still derivable without its API) and video files: the webinar's own card stands in."""
    import dataclasses
    import shutil
    import tempfile

    from conftest import FIXTURES
    from hub.catalog import load_catalog
    from hub.extras import cards
    from hub.structured import event
    from hub.localize import Formatter
    from hub.model import build_hub
    from hub.views import PageContext

    root = Path(tempfile.mkdtemp())
    shutil.copytree(FIXTURES / "hub", root / "webinars")
    hub = build_hub(load_catalog(root), date(2026, 6, 1))
    facts = hub.by_slug[DATE_ONLY]
    ctx = PageContext(hub, Formatter("ar"), f"webinars/{DATE_ONLY}/")
    for url, key in (("https://vimeo.com/76979871", "embedUrl"), ("https://example.org/recording.mp4", "contentUrl")):
        recording = dataclasses.replace(facts.data.recording, url=url, published=date(2025, 11, 5))
        changed = dataclasses.replace(facts, data=dataclasses.replace(facts.data, recording=recording))
        [video] = event(ctx, changed, SITE_URL)
        assert video["@type"] == "VideoObject" and video["uploadDate"] == "2025-11-05"
        assert video["thumbnailUrl"] == [SITE_URL + cards.webinar_card_path(hub, ctx.f, changed)]
        assert video[key]
    # an address no player is known for: no embed, no file, so no VideoObject
    recording = dataclasses.replace(facts.data.recording, url="https://example.org/watch/1", published=date(2025, 11, 5))
    changed = dataclasses.replace(facts, data=dataclasses.replace(facts.data, recording=recording))
    assert event(ctx, changed, SITE_URL) == []
