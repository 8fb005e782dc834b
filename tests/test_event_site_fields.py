"""What event sites give (issue 19.4): recording transcripts, registration state, a feedback survey link,
interpretation as a filter. Each field checked end to end: validated with a located message, shown on the page
(what a person reads) in several languages, and in the calendar, the feeds, the open data and the structured
data where it belongs.

Fixtures (fictional, ``tests/fixtures/hub``): the past recorded webinar has two transcripts and a survey; the
Bogotá webinar's registration is full (it keeps its join link); the webinar across the change of the clocks
has open registration until 2027-03-25 and interpretation into English and Spanish. What depends on the build
date (registration closed by its date, the survey from the webinar's day on) is checked on the fixture data at
other dates, inside the test process.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil
from datetime import date

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, LANGS, ROOT, heading_text, lang_url, page
from hub.catalog import load_catalog
from hub.extras.calendars import event as calendar_event
from hub.extras.feeds import items as feed_items
from hub.languages import listed
from hub.localize import Formatter
from hub.model import build_hub
from hub.render import Renderer
from hub.structured import event as structured_event
from hub.views import PageContext
from test_validation import WEBINAR, problems, write_data

SITE_URL = "https://example.github.io/webinar-hub/"
RECORDED = "2026-01-15-past-with-recording"
DST = "2027-03-28-upcoming-across-dst"  # registration open, closes 2027-03-25; interpreted into en, es
BOGOTA = "2027-06-10-upcoming-bogota"  # registration full; a join link
SURVEY = "https://example.org/survey/1?from=hub&lang=en"
TRANSCRIPTS = {"en": "https://example.org/transcripts/1.en.pdf", "fr": "https://example.org/transcripts/1.fr.html"}
SOME = ["en", "ar", "zh", "fr"]  # left to right, right to left, full-width punctuation, French typography


def webinar_page(site, lang, slug):
    return page(site, lang_url(lang, f"webinars/{slug}/"))


# ---------------------------------------------------------------------------------------- validation

CASES = [
    ("state-unknown", WEBINAR + "registration:\n  url: https://example.org/r\n  state: waitlist\n",
     "webinars/w.yml:10:10: registration.state: must be one of open, full, closed, got text ('waitlist')"),
    ("transcript-javascript", WEBINAR + "recording:\n  url: https://example.org/v.mp4\n  transcripts:\n"
     "    - language: en\n      url: javascript:alert(1)\n",
     "webinars/w.yml:12:12: recording.transcripts[0].url: must be an absolute http:// or https:// address"),
    ("transcript-without-language", WEBINAR + "recording:\n  url: https://example.org/v.mp4\n  transcripts:\n"
     "    - url: https://example.org/t.pdf\n",
     "webinars/w.yml:11:7: recording.transcripts[0].language: is missing"),
    ("transcript-unknown-language", WEBINAR + "recording:\n  url: https://example.org/v.mp4\n  transcripts:\n"
     "    - {language: de, url: https://example.org/t.pdf}\n",
     f"webinars/w.yml:11:18: recording.transcripts[0].language: must be one of {listed()}"),
    ("transcript-twice-in-a-language", WEBINAR + "recording:\n  url: https://example.org/v.mp4\n  transcripts:\n"
     "    - {language: fr, url: https://example.org/t1.pdf}\n    - {language: fr, url: https://example.org/t2.pdf}\n",
     "webinars/w.yml:12:18: recording.transcripts[1].language: a second transcript in 'fr': give one transcript per "
     "language"),
    ("transcripts-not-a-list", WEBINAR + "recording:\n  url: https://example.org/v.mp4\n  transcripts: "
     "https://example.org/t.pdf\n",
     "webinars/w.yml:10:16: recording.transcripts: expected a list of fields indented below (language, url)"),
    ("survey-without-scheme", WEBINAR + "survey: www.example.org/survey\n",
     "webinars/w.yml:8:9: survey: must be an absolute http:// or https:// address, got text ('www.example.org/survey')"),
]


@pytest.mark.parametrize("webinar, expected", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_bad_values_get_located_messages(tmp_path, webinar, expected):
    found = problems(write_data(tmp_path, webinar))
    assert any(problem.startswith(expected) for problem in found), found


def test_good_values_are_read_with_open_as_the_default_state(tmp_path):
    text = WEBINAR + ("registration:\n  url: https://example.org/r\nsurvey: https://example.org/s\nrecording:\n"
                      "  url: https://example.org/v.mp4\n  transcripts:\n    - {language: ar, url: https://example.org/t}\n")
    webinar = load_catalog(write_data(tmp_path, text)).webinars["w"].data
    assert webinar.registration.state == "open" and webinar.survey == "https://example.org/s"
    assert [(t.language, t.url) for t in webinar.recording.transcripts] == [("ar", "https://example.org/t")]


def test_the_editor_schema_has_the_new_fields():
    """``./hub schema`` was run: the committed editor schema knows the fields and their rules."""
    schema = json.loads((ROOT / "webinars" / "schema" / "webinar.schema.json").read_text(encoding="utf-8"))
    text = json.dumps(schema)
    for needle in ('"transcripts"', '"survey"'):
        assert needle in text, needle
    state = schema["properties"]["registration"]["properties"]["state"]
    assert state["enum"][:3] == ["open", "full", "closed"] and state["default"] == "open"
    transcript = schema["properties"]["recording"]["properties"]["transcripts"]["items"]
    assert transcript["required"] == ["language", "url"] and transcript["properties"]["url"]["pattern"].startswith("^https?://")


# ---------------------------------------------------------------------------------------- transcripts

@pytest.mark.parametrize("lang", SOME)
def test_transcripts_are_linked_with_the_recording_by_language(fixture_site, lang):
    f = Formatter(lang)
    line = webinar_page(fixture_site, lang, RECORDED).select_one(".hub-recording .hub-transcripts")
    links = line.find_all("a")
    assert [(a["href"], a["hreflang"], a.get_text()) for a in links] == [
        (TRANSCRIPTS[code], code, f.language_name(code)) for code in ("en", "fr")]
    assert line.get_text() == f.t("transcripts") + f.t("colon") + f.t("comma").join(
        f.language_name(code) for code in ("en", "fr"))


def test_transcripts_in_the_feeds_and_open_data_not_in_the_video_object(fixture_site):
    french = feedparser.parse((fixture_site / "fr" / "atom.xml").read_bytes())
    [recording] = [e for e in french.entries if e.link.endswith(f"/fr/webinars/{RECORDED}/#recording")]
    summary = BeautifulSoup(recording.summary, "lxml")
    assert [(a["href"], a.get_text()) for a in summary.find_all("a", hreflang=True)] == [
        (TRANSCRIPTS["en"], "anglais"), (TRANSCRIPTS["fr"], "français")]
    records = {r["slug"]: r for r in json.loads((fixture_site / "webinars.json").read_text())["webinars"]}
    assert records[RECORDED]["recording"]["transcripts"] == [
        {"language": code, "url": url} for code, url in TRANSCRIPTS.items()]
    video = _graph(fixture_site, "en", RECORDED)["VideoObject"]
    # schema.org's transcript is the text itself, and Google's VideoObject names none: a link is left out.
    assert "transcript" not in video and not any(url in json.dumps(video) for url in TRANSCRIPTS.values())


# ---------------------------------------------------------------------------------------- registration

@pytest.mark.parametrize("lang", LANGS)
def test_full_registration_is_said_instead_of_the_register_button(fixture_site, lang):
    f = Formatter(lang)
    soup = webinar_page(fixture_site, lang, BOGOTA)
    # The Join button stays (a join address is published): the note says why it is not a contradiction.
    full_but_live = f.t("registration_still_live", state=f.t("registration_full"))
    assert soup.select_one(".hub-webinar .hub-registration-state").get_text(strip=True) == full_but_live
    assert not soup.select("a.hub-register-page") and not soup.find(href="https://example.org/register/3")
    assert soup.select_one("a.hub-join")["href"] == "https://example.org/join/3"  # those registered still join
    # The open one keeps its button and its last day, and says nothing of a state.
    soup = webinar_page(fixture_site, lang, DST)
    assert soup.select_one("a.hub-register-page")["href"] == "https://example.org/register/2"
    assert not soup.select(".hub-registration-state")
    assert f.t("registration_closes", date=f.date(date(2027, 3, 25))) in soup.select_one(".hub-registration").get_text()


@pytest.mark.parametrize("lang", SOME)
def test_cards_show_the_state_in_the_buttons_place(fixture_site, lang):
    f = Formatter(lang)
    for path in ("", "webinars/"):
        cards = {c.select_one("time")["datetime"]: c
                 for c in page(fixture_site, lang_url(lang, path)).select(".hub-webinar-card")}
        assert cards["2027-06-10"].select_one(".hub-registration-state").get_text(strip=True) == f.t(
            "registration_still_live", state=f.t("registration_full"))
        assert not cards["2027-06-10"].select("a.hub-register")
        assert cards["2027-03-28"].select_one("a.hub-register")["href"] == "https://example.org/register/2"
        assert not cards["2027-03-28"].select(".hub-registration-state")


def test_registration_state_in_calendar_feeds_and_open_data(fixture_site):
    from icalendar import Calendar

    events = {str(e["UID"]).split("@")[0]: str(e["DESCRIPTION"]).splitlines()
              for e in Calendar.from_ical((fixture_site / "webinars.ics").read_bytes()).walk("VEVENT")}
    assert "Registration is full." in events[BOGOTA]
    assert "Registration: https://example.org/register/2" in events[DST]
    for lang in ("es", "ar"):
        f = Formatter(lang)
        feed = feedparser.parse((fixture_site / lang_url(lang, "feed.xml")).read_bytes())
        by_link = {e.link: BeautifulSoup(e.summary, "lxml") for e in feed.entries}
        bogota = by_link[f"{SITE_URL}{lang_url(lang, f'webinars/{BOGOTA}/')}"]
        assert f.t("registration_full") in bogota.get_text() and not bogota.find("a")
        dst = by_link[f"{SITE_URL}{lang_url(lang, f'webinars/{DST}/')}"]
        assert [(a["href"], a.get_text()) for a in dst.find_all("a")] == [("https://example.org/register/2",
                                                                           f.t("register"))]
    records = {r["slug"]: r for r in json.loads((fixture_site / "webinars.json").read_text())["webinars"]}
    assert records[BOGOTA]["registration"]["state"] == "full" and records[BOGOTA]["registration_state"] == "full"
    assert records[DST]["registration"]["state"] == "open" and records[DST]["registration_state"] == "open"
    assert records[RECORDED]["registration_state"] is None  # no registration
    with open(fixture_site / "webinars.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {row["slug"]: row for row in csv.DictReader(handle)}
    assert (rows[BOGOTA]["registration_state"], rows[RECORDED]["registration_state"]) == ("full", "")
    assert rows[RECORDED]["survey"] == SURVEY


def test_a_full_webinar_keeps_its_event_at_its_join_address(fixture_site):
    event = _graph(fixture_site, "es", BOGOTA)["Event"]
    assert event["location"] == {"@type": "VirtualLocation", "url": "https://example.org/join/3"}
    assert "offers" not in event  # no price is known: registration's state has no other home in Google's Event


@pytest.fixture(scope="module")
def fixture_root(tmp_path_factory):
    """A folder whose webinars/ is the fixture data, as the catalog reads it."""
    root = tmp_path_factory.mktemp("fixture-data")
    shutil.copytree(FIXTURES / "hub", root / "webinars")
    return root


@pytest.fixture
def fixture_hub(fixture_root):
    return lambda today: build_hub(load_catalog(fixture_root), today)


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_registration_closes_by_its_date(fixture_hub, lang):
    """On 2027-03-25, its last day, the webinar's registration is open; from the 26th it is closed: the page says
    so instead of the button, the calendar says so, and with no join link the Event has no place (none is
    published)."""
    f = Formatter(lang)
    for today, state in ((date(2027, 3, 25), "open"), (date(2027, 3, 26), "closed")):
        hub = fixture_hub(today)
        webinar = hub.by_slug[DST]
        assert webinar.registration_state == state
        body = BeautifulSoup(Renderer(hub, ROOT / "overrides" / "hub", SITE_URL).webinar(lang, DST).body, "lxml")
        register = body.select("a.hub-register-page")
        note = body.select_one(".hub-registration-state")
        description = str(calendar_event(hub, webinar, SITE_URL)["DESCRIPTION"]).splitlines()
        graph = structured_event(PageContext(hub, f, f"webinars/{DST}/"), webinar, SITE_URL)
        if state == "open":
            assert register and note is None and "Registration: https://example.org/register/2" in description
            assert [node["@type"] for node in graph] == ["Event"]
        else:
            assert not register and note.get_text(strip=True) == f.t("registration_closed")
            assert f.t("registration_closes", date=f.date(date(2027, 3, 25))) not in body.get_text()
            assert "Registration is closed." in description
            assert graph == []


def test_a_past_webinars_registration_is_closed(fixture_hub):
    hub = fixture_hub(date(2027, 3, 29))
    assert hub.by_slug[DST].registration_state == "closed"
    assert hub.by_slug[RECORDED].registration_state is None


# ---------------------------------------------------------------------------------------- survey

@pytest.mark.parametrize("lang", SOME)
def test_the_survey_is_linked_on_a_past_webinar(fixture_site, lang):
    f = Formatter(lang)
    soup = webinar_page(fixture_site, lang, RECORDED)
    heading = soup.select_one("h2#feedback")
    assert heading_text(heading) == f.t("feedback")
    link = soup.select_one(".hub-survey a")
    assert (link["href"], link.get_text()) == (SURVEY, f.t("survey_link"))
    for slug in (DST, BOGOTA):  # no survey given: no section
        assert not webinar_page(fixture_site, lang, slug).select("#feedback")


def test_the_survey_is_in_the_open_data(fixture_site):
    records = {r["slug"]: r for r in json.loads((fixture_site / "webinars.json").read_text())["webinars"]}
    assert records[RECORDED]["survey"] == SURVEY and "survey" not in records[DST]


@pytest.mark.parametrize("today, status, shown", [
    (date(2027, 3, 27), "scheduled", False),  # before the webinar's day: nothing to give feedback on yet
    (date(2027, 3, 28), "scheduled", True),  # its day: those leaving it find the survey
    (date(2027, 4, 2), "scheduled", True),
    (date(2027, 4, 2), "cancelled", False),
])
def test_the_survey_shows_from_the_webinars_day_on(fixture_hub, today, status, shown):
    hub = fixture_hub(today)
    facts = hub.by_slug[DST]
    webinar = dataclasses.replace(facts, data=dataclasses.replace(facts.data, survey="https://example.org/s",
                                                                  status=status))
    hub = dataclasses.replace(hub, webinars=tuple(webinar if w.slug == DST else w for w in hub.webinars))
    body = BeautifulSoup(Renderer(hub, ROOT / "overrides" / "hub", SITE_URL).webinar("fr", DST).body, "lxml")
    assert bool(body.select('a.hub-survey-link[href="https://example.org/s"]')) == shown


# ---------------------------------------------------------------------------------------- interpretation

@pytest.mark.parametrize("lang", SOME)
def test_interpretation_is_a_filter_and_on_the_card(fixture_site, lang):
    f = Formatter(lang)
    soup = page(fixture_site, lang_url(lang, "webinars/"))
    select = soup.select_one("select#hub-filter-interpretation")
    assert soup.find("label", attrs={"for": "hub-filter-interpretation"}).get_text(strip=True) == f.t("interpretation")
    options = [(o["value"], o.get_text()) for o in select.find_all("option")]
    assert options[0] == ("", f.t("filter_any"))
    assert sorted(options[1:]) == [("en", f.language_name("en")), ("es", f.language_name("es"))]
    cards = {c.select_one("time")["datetime"]: c for c in soup.select(".hub-webinar-card")}
    assert cards["2027-03-28"]["data-interpretation"] == "en es"
    assert cards["2027-06-10"]["data-interpretation"] == ""
    assert cards["2027-03-28"].select_one(".hub-card__interpretation").get_text() == (
        f.t("interpretation") + f.t("colon") + f.and_list([f.language_name("en"), f.language_name("es")]))


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_interpretation_filter_narrows_the_list_and_lives_in_the_address(browser, served, lang):
    from browser_support import MOBILE

    base = served("fixture_site") + lang_url(lang, "webinars/")
    context = browser.new_context(viewport=MOBILE, locale=lang)
    try:
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(base, wait_until="load")
        tab.locator("form.hub-filters").wait_for(state="visible", timeout=5000)

        def shown():
            return tab.evaluate("[...document.querySelectorAll('.hub-index .hub-webinar-card')]"
                                ".filter(c => c.checkVisibility()).map(c => c.querySelector('time').getAttribute('datetime'))")

        assert len(shown()) == 4
        tab.select_option("#hub-filter-interpretation", "es")
        assert shown() == ["2027-03-28"]  # interpreted into Spanish; the webinar delivered in Spanish is not
        assert tab.evaluate("location.search") == "?interpretation=es"
        tab.select_option("#hub-filter-language", "es")  # delivered in Spanish and interpreted into it: none
        assert shown() == []
        tab.goto(base + "?interpretation=en", wait_until="load")
        tab.locator("form.hub-filters").wait_for(state="visible", timeout=5000)
        assert shown() == ["2027-03-28"] and tab.input_value("#hub-filter-interpretation") == "en"
        assert not errors, errors
    finally:
        context.close()


def _graph(site, lang, slug) -> dict:
    script = webinar_page(site, lang, slug).find("script", type="application/ld+json")
    return {node["@type"]: node for node in json.loads(script.string)["@graph"]} if script else {}
