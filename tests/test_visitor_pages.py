"""A webinar's page as a visitor reads it, on the built sites: an upcoming webinar leads with what a
participant needs (and says plainly what is not known yet); what is written after the event waits until it
is past; a fact the data does not give is left out rather than shown as "Not specified"."""

from __future__ import annotations

import re

import pytest

from hub.localize import Formatter

from conftest import LANGS, lang_url, page

UPCOMING = "webinars/2027-03-28-upcoming-across-dst/"  # fixture: everything known, interpretation, a report in advance
BOGOTA = "webinars/2027-06-10-upcoming-bogota/"  # fixture: no duration; a join link
PAST = "webinars/2026-01-15-past-with-recording/"  # fixture: past, with a report
SEPTEMBER = "webinars/2024-09-12-virtual-technical-assistance/"  # real: no language, no region, news report
APRIL = "webinars/2025-04-03-strategic-planning-technical-assistance/"


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def facts(soup) -> dict[str, str]:
    return {clean(d.dt.get_text()): clean(d.dd.get_text(" ")) for d in soup.select(".hub-facts-panel .hub-fact")}


@pytest.mark.parametrize("lang", LANGS)
def test_an_upcoming_webinar_leads_with_its_essentials(fixture_site, lang):
    f = Formatter(lang)
    soup = page(fixture_site, lang_url(lang, UPCOMING))
    order = [clean(dt.get_text()) for dt in soup.select(".hub-facts-panel dt")]
    assert order[:6] == [f.t("date"), f.t("time"), f.t("duration"), f.t("format"), f.t("language"),
                         f.t("interpretation")], order
    shown = facts(soup)
    assert shown[f.t("language")] == clean(f.language_name("fr"))
    assert shown[f.t("interpretation")] == clean(f.and_list([f.language_name("en"), f.language_name("es")]))
    assert soup.select_one(".hub-time-zone").get_text(strip=True)  # the zone's name beside the time
    assert soup.select_one(".hub-time-visitor[data-template]") is not None  # the visitor's time (hub.js)
    assert soup.select_one(".hub-calendar a.hub-register-page")["href"] == "https://example.org/register/2"
    assert soup.select_one(".hub-not-yet-known") is None  # all is known


@pytest.mark.parametrize("lang", LANGS)
def test_an_upcoming_webinar_says_what_is_not_known_yet(fixture_site, lang):
    f = Formatter(lang)
    soup = page(fixture_site, lang_url(lang, BOGOTA))
    line = soup.select_one(".hub-webinar .hub-not-yet-known")
    assert line is not None
    assert clean(line.get_text()) == clean(f.t("not_yet_known", items=f.t("unknown_duration")))
    assert soup.select_one(".hub-calendar a.hub-join")["href"] == "https://example.org/join/3"
    assert f.t("duration") not in facts(soup)


@pytest.mark.parametrize("lang", LANGS)
def test_what_is_written_after_the_event_waits_until_it_is_past(fixture_site, real_site, lang):
    upcoming = page(fixture_site, lang_url(lang, UPCOMING))
    assert "written in advance" not in upcoming.get_text()
    assert upcoming.select_one("#report, .hub-report, #reports, .hub-report-links") is None
    past = page(fixture_site, lang_url(lang, PAST))
    assert "Ada Example spoke on fictional tools" in past.select_one(".hub-report").get_text()
    # The real data: the news items' "X presented …" is the report of a past webinar, not its description.
    september = page(real_site, lang_url(lang, SEPTEMBER))
    assert "Habip Asan" not in september.select_one(".hub-summary").get_text()
    assert "Habip Asan" in september.select_one(".hub-report").get_text()
    april = page(real_site, lang_url(lang, APRIL))
    assert "Flor de María García Díaz" in april.select_one(".hub-report").get_text()
    assert "Flor de María García Díaz" not in april.select_one(".hub-summary").get_text()


@pytest.mark.parametrize("lang", LANGS)
def test_empty_is_not_content(real_site, fixture_site, lang):
    """A past webinar whose language and region no source gives shows neither; an expert with no country
    has no "Country" line; no page shows "Not specified"."""
    f = Formatter(lang)
    for site, path in ((real_site, SEPTEMBER), (real_site, APRIL)):
        soup = page(site, lang_url(lang, path))
        shown = facts(soup)
        assert f.t("language") not in shown and f.t("region") not in shown, shown
        assert f.t("language_unknown") not in soup.select_one("article").get_text()
    listing = page(real_site, lang_url(lang, "webinars/"))
    cards = [c for c in listing.select(".hub-webinar-card") if c.select_one("time")["datetime"][:4] in ("2024", "2025")]
    assert cards and all(c.select_one(".hub-language") is None for c in cards)
    for html in (real_site / lang_url(lang, "experts")).rglob("index.html"):
        soup = page(real_site, str(html.relative_to(real_site)))
        assert not soup.select("article .hub-unknown, article .hub-fact dd:empty"), html
        for dd in soup.select(".hub-facts-panel dd"):
            assert clean(dd.get_text()), html


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def _texts(site, lang):
    """The visible text of every page of a language (code, scripts and styles left out)."""
    folder = site if lang == "en" else site / lang
    for html in sorted(folder.rglob("index.html")):
        if lang == "en" and html.relative_to(site).parts[0] in LANGS:
            continue
        soup = page(site, str(html.relative_to(site)))
        for tag in soup.select("script, style, code, pre, head"):
            tag.decompose()
        yield html.relative_to(site), soup.get_text(" ")


@pytest.mark.parametrize("site_name", ["real_site", "fixture_site"])
def test_one_style_per_language(request, site_name):
    """One date style in English (Babel's "September 12, 2024", never "12 September 2024" or "Sep 12, 2024"),
    Chinese language names of one style (中文/英文, never 英语) and full-width colons, French typographic
    apostrophes, on every page."""
    site = request.getfixturevalue(site_name)
    problems = []
    for where, text in _texts(site, "en"):
        for match in re.finditer(rf"\b\d{{1,2}}(?:–\d{{1,2}})? (?:{MONTHS}) \d{{4}}|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{{1,2}}, \d{{4}}", text):
            problems.append(f"{where}: {match[0]!r}")
    for where, text in _texts(site, "zh"):
        for match in re.finditer(r"(?:英语|法语|俄语|阿拉伯语|西班牙语|汉语)|[\u4e00-\u9fff][:;](?!//)|[:;] ?[\u4e00-\u9fff]", text):
            problems.append(f"{where}: {text[max(0, match.start() - 10):match.end() + 10]!r}")
    for where, text in _texts(site, "fr"):
        for match in re.finditer(r"[^\W\d_]'[^\W\d_]", text):
            problems.append(f"{where}: {text[max(0, match.start() - 15):match.end() + 15]!r}")
    assert not problems, "\n  ".join(problems[:40])


@pytest.mark.parametrize("site_name", ["real_site", "fixture_site"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_webinars_page_lists_newest_first_throughout(request, site_name, lang):
    """Years newest first and, within a year, webinars newest first too: the list reads back in time from
    its top, as the home page's latest webinars do (it was oldest first within each year)."""
    listing = page(request.getfixturevalue(site_name), lang_url(lang, "webinars/"))
    dates = [card.select_one("time")["datetime"][:10] for card in listing.select(".hub-index .hub-webinar-card")]
    assert len(dates) > 2 and len({d[:4] for d in dates}) > 1, dates
    assert dates == sorted(dates, reverse=True), dates


def test_the_sites_prose_quotes_with_typographic_marks(real_site):
    """A quotation in a page's text is set with “ ” (or the language's « », 「」), never the typewriter's ":
    the English figures page and staff guide wrote "more than 250" where the French wrote « plus de 250 »."""
    from bs4 import BeautifulSoup

    found = []
    for path in sorted(real_site.rglob("*.html")):
        if "admin" in path.relative_to(real_site).parts:
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for tag in soup.find_all(["script", "style", "code", "pre", "template"]):
            tag.decompose()
        found += [f"{path.relative_to(real_site)}: {m[0]!r}" for m in re.finditer(r'.{0,30}".{0,30}', soup.get_text())]
    assert not found, "\n".join(found[:10])
