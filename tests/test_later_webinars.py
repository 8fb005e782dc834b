"""The two later webinars (WIPO news items of 2 October 2024 and 10 April 2025), as visitors meet them.

What the sources state is on the pages, in six languages; what they do not state (number, delivery
language, start time, duration, recording, slides, registrations, survey, the 2024 format) is never shown
as known.
"""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest

from conftest import LANGS, ROOT, heading_text, lang_url, page
from hub.localize import Formatter
from hub.schema import Approximate
from hub.yamlload import load_file

SEPTEMBER = "2024-09-12-virtual-technical-assistance"
APRIL = "2025-04-03-strategic-planning-technical-assistance"
NEWS = {
    SEPTEMBER: "https://www.wipo.int/ip-development/en/agenda/news/2024/news_0007.html",
    APRIL: "https://www.wipo.int/ip-development/en/agenda/news/2025/news_0005.html",
}
SPEAKERS = {SEPTEMBER: ["Habip Asan", "Tempa Tshering"],
            APRIL: ["Flor de María García Díaz", "Phengthong Chememalay"]}
COUNTRIES = {SEPTEMBER: [None, "BT"], APRIL: ["GT", "LA"]}
# As stated: "more than 250 participants from over 90 countries"; "over 350 participants from more than 50".
FIGURES = {SEPTEMBER: (250, 90), APRIL: (350, 50)}
ENGLISH_TITLES = {
    SEPTEMBER: "Virtual Technical Assistance and Capacity Building: A Critical Look at the Advantages and Limitations",
    APRIL: "Maximizing Impact: Strategic Planning for Technical Assistance and Capacity Building",
}


def clean(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def data(slug: str) -> dict:
    return load_file(ROOT / "webinars" / f"{slug}.yml")


def webinar(site, lang, slug):
    return page(site, lang_url(lang, f"webinars/{slug}/"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", [SEPTEMBER, APRIL])
def test_title_in_every_language_without_an_invented_number(real_site, lang, slug):
    soup = webinar(real_site, lang, slug)
    title = data(slug)["title"][lang]
    h1 = soup.select_one("article h1")
    assert heading_text(h1) == title and h1.get("lang") is None  # translated, not a fallback
    assert soup.title.get_text().startswith(title)  # no "None." or Roman numeral in front
    series = load_file(ROOT / "webinars" / "series" / "technical-assistance-webinars.yml")["title"][lang]
    kicker = soup.select_one(".hub-kicker")
    kicker.select_one(".hub-badge").extract()  # the state badge ("Past") before the series
    assert kicker.get_text(strip=True) == series  # the series, no "Webinar None"
    assert data(slug)["title"]["en"] == ENGLISH_TITLES[slug]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", [SEPTEMBER, APRIL])
def test_moderator_and_speakers_with_affiliation_and_stated_country(real_site, lang, slug):
    soup = webinar(real_site, lang, slug)
    f = Formatter(lang)
    moderators = soup.select(".hub-moderators li")
    assert [li.find("a").get_text(strip=True) for li in moderators] == ["Georges Ghandour"]
    affiliation = load_file(ROOT / "webinars" / "experts" / "georges-ghandour.yml")["affiliation"][lang]
    assert affiliation in moderators[0].get_text()
    assert heading_text(soup.select_one("#moderators")) == f.t("role_moderation")
    assert heading_text(soup.select_one("#speakers")) == f.t("speakers")
    speakers = soup.select(".hub-speakers li")
    assert [li.find("a").get_text(strip=True) for li in speakers] == SPEAKERS[slug]
    for li, country in zip(speakers, COUNTRIES[slug]):
        shown = li.select_one(".hub-expert-card__country")
        if country:
            assert shown.get_text(strip=True).endswith(f.country_name(country))
        else:  # the organisation's own staff: no country
            assert shown is None
    # The moderator's own page lists both webinars.
    expert = page(real_site, lang_url(lang, "experts/georges-ghandour/"))
    listed = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in expert.select(".hub-webinars a.hub-title")}
    assert listed == {SEPTEMBER, APRIL}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", [SEPTEMBER, APRIL])
def test_participation_is_shown_as_the_approximate_figure_it_is(real_site, lang, slug):
    soup = webinar(real_site, lang, slug)
    f = Formatter(lang)
    participants, countries = FIGURES[slug]
    assert clean(soup.select_one(".hub-participants").get_text()) == clean(f.figure(Approximate(participants)))
    assert clean(soup.select_one(".hub-countries").get_text()) == clean(f.figure(Approximate(countries)))
    stats = clean(soup.select_one(".hub-stats").get_text(" "))
    for absent in ("registrations", "attendance_rate", "survey_response_rate"):
        assert f.t(absent) not in stats


@pytest.mark.parametrize("lang, expected", [
    ("en", "more than 250"), ("fr", "plus de 250"), ("es", "más de 250"), ("ru", "более 250"),
    ("zh", "超过250"), ("ar", "أكثر من 250"),
])
def test_more_than_250_reads_naturally_in_each_language(real_site, lang, expected):
    assert clean(webinar(real_site, lang, SEPTEMBER).select_one(".hub-participants").get_text()) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_format_only_where_stated(real_site, lang):
    f = Formatter(lang)
    assert webinar(real_site, lang, APRIL).select_one(".hub-format").get_text(strip=True) == f.t("format_hybrid")
    september = webinar(real_site, lang, SEPTEMBER)
    assert september.select_one(".hub-format") is None  # the 2024 format is not stated
    assert f.t("format") not in [dt.get_text(strip=True) for dt in september.select(".hub-facts-panel dt")]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", [SEPTEMBER, APRIL])
def test_news_item_is_the_report_link(real_site, lang, slug):
    soup = webinar(real_site, lang, slug)
    links = soup.select(".hub-report-links a")
    assert [a["href"] for a in links] == [NEWS[slug]]
    assert links[0]["hreflang"] == "en" and links[0].get_text(strip=True) == data(slug)["report_links"][0]["label"][lang]
    f = Formatter(lang)
    published = data(slug)["report_links"][0]["published"]
    assert clean(f.t("published_on", date=f.date(date.fromisoformat(str(published))))) in clean(
        soup.select_one(".hub-report-links").get_text())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", [SEPTEMBER, APRIL])
def test_nothing_unknown_is_presented_as_known(real_site, lang, slug):
    soup = webinar(real_site, lang, slug)
    f = Formatter(lang)
    facts = {dt.get_text(strip=True): dd.get_text(strip=True)
             for dt, dd in zip(soup.select(".hub-webinar dt"), soup.select(".hub-webinar dd"))}
    assert f.t("language") not in facts  # not stated by the sources, and past: left out, not "not stated"
    assert f.t("start_time") not in facts and f.t("duration") not in facts
    for absent in (".hub-time", ".hub-recording", ".hub-slides", ".hub-materials", ".hub-registration",
                   ".hub-programme", "#programme", "#recording", "#slides"):
        assert soup.select_one(absent) is None, absent
    assert "None" not in soup.select_one("article").get_text()


def test_machine_readable_outputs_say_only_what_is_known(real_site):
    from bs4 import BeautifulSoup

    records = {r["slug"]: r for r in json.loads((real_site / "webinars.json").read_text())["webinars"]}
    for slug in (SEPTEMBER, APRIL):
        record = records[slug]
        assert "number" not in record and "language" not in record and "starts_at" in record
        assert record["starts_at"] is None
        assert record["stats"]["participants"] == {"more_than": FIGURES[slug][0]}
        assert record["attendance_rate"] is None
        assert [m for m in record["moderators"]] == ["georges-ghandour"]
    assert records[APRIL]["format"] == "hybrid" and "format" not in records[SEPTEMBER]
    with open(real_site / "webinars.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {row["slug"]: row for row in csv.DictReader(handle)}
    assert (rows[SEPTEMBER]["participants"], rows[SEPTEMBER]["participants_more_than"]) == ("", "250")
    assert (rows[SEPTEMBER]["number"], rows[SEPTEMBER]["language"]) == ("", "")
    # JSON-LD: the sources give no page to join or register, so no Event is published (search engines
    # require a location); given one (before the webinar), no language or start time is made up, and the hybrid format is a
    # mixed attendance mode.
    import dataclasses

    from hub.catalog import load_catalog
    from hub.structured import event as event_graph
    from hub.model import build_hub
    from hub.schema import Registration
    from hub.views import PageContext

    hub = build_hub(load_catalog(ROOT), date(2026, 6, 1))
    for slug, mode in ((SEPTEMBER, None), (APRIL, "https://schema.org/MixedEventAttendanceMode")):
        assert webinar(real_site, "en", slug).find("script", type="application/ld+json") is None
        facts = hub.by_slug[slug]
        joinable = dataclasses.replace(facts, upcoming=True, data=dataclasses.replace(
            facts.data, registration=Registration(url="https://example.org/register")))
        [event] = event_graph(PageContext(hub, Formatter("en"), f"webinars/{slug}/"), joinable,
                              "https://example.github.io/webinar-hub/")
        assert "inLanguage" not in event and event["startDate"] == event["endDate"] == slug[:10]
        assert event.get("eventAttendanceMode") == mode
        assert event["name"] == ENGLISH_TITLES[slug]
        assert {p["name"] for p in event["performer"]} == {"Georges Ghandour", *SPEAKERS[slug]}
    # Calendar: an all-day event; feeds: the title without a number.
    ics = (real_site / "webinars" / f"{SEPTEMBER}.ics").read_text()
    assert "DTSTART;VALUE=DATE:20240912" in ics
    feed = BeautifulSoup((real_site / "fr" / "feed.xml").read_text(), "xml")
    titles = [item.find("title").get_text() for item in feed.find_all("item")]
    assert data(SEPTEMBER)["title"]["fr"] in titles
    assert not [t for t in titles if t.startswith("None")]
