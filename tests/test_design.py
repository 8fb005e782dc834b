"""The design's values (issue #11): card states, date badges, time ranges. Pure functions, no build."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from bs4 import BeautifulSoup

from conftest import FIXTURES, LANGS, ROOT, heading_text
from hub.localize import Formatter, ui_strings
from hub.model import WebinarFacts
from hub.views import card_state


def facts(status="scheduled", upcoming=False, recording=None) -> WebinarFacts:
    data = SimpleNamespace(status=status, recording=recording)
    return WebinarFacts("slug", "webinars/slug.yml", data, upcoming)


@pytest.mark.parametrize("status, upcoming, recording, state", [
    ("scheduled", True, None, "upcoming"),
    ("scheduled", False, object(), "recording"),
    ("scheduled", False, None, "past"),
    ("cancelled", True, None, "cancelled"),
    ("postponed", True, None, "postponed"),
    ("cancelled", False, object(), "cancelled"),
])
def test_card_state(status, upcoming, recording, state):
    assert card_state(facts(status, upcoming, recording)) == state


@pytest.mark.parametrize("lang", LANGS)
def test_every_state_has_a_label_in_every_language(lang):
    strings = ui_strings(lang)
    for state in ("upcoming", "recording", "past", "cancelled", "postponed"):
        assert strings.get(f"state_{state}"), f"state_{state} missing in {lang}.yml"


def test_date_badge_months_stay_in_their_language_after_chinese():
    """Babel 2.18 gives "6月" for the stand-alone month in French once Chinese is loaded: the badge avoids it."""
    Formatter("zh").date_badge(date(2027, 6, 10))
    assert Formatter("fr").date_badge(date(2027, 6, 10)) == {"day": "10", "month": "juin", "year": "2027"}
    assert Formatter("es").date_badge(date(2027, 6, 10))["month"] == "jun"
    assert Formatter("zh").date_badge(date(2027, 6, 10))["month"] == "6月"


@pytest.mark.parametrize("lang, expected", [("fr", "14:30 – 16:00"), ("en", "2:30 – 4:00 PM"), ("zh", "14:30–16:00")])
def test_time_range_in_the_languages_own_form(lang, expected):
    zone = ZoneInfo("Europe/Zurich")
    text = Formatter(lang).time_range(datetime(2027, 6, 10, 14, 30, tzinfo=zone), datetime(2027, 6, 10, 16, tzinfo=zone))
    assert text.replace("\u2009", " ").replace("\u202f", " ") == expected


# ---------------------------------------------------------------------------------------------- built pages

from conftest import lang_url, page  # noqa: E402


@pytest.mark.parametrize("lang", LANGS)
def test_home_leads_with_the_next_webinar(fixture_site, lang):
    soup = page(fixture_site, lang_url(lang, ""))
    article = soup.select_one("article")
    first = article.select_one(".hub-upcoming .hub-webinar-card")
    assert "hub-webinar-card--next" in first["class"]
    f = Formatter(lang)
    assert first.select_one(".hub-next__date").get_text(strip=True) == f.date(date(2027, 3, 28))
    line = first.select_one(".hub-time-event").get_text(" ", strip=True)
    assert f.timezone(datetime(2027, 3, 28, 14, tzinfo=ZoneInfo("Europe/Zurich"))) in line
    assert first.select_one("a.hub-register")["href"] == "https://example.org/register/2"
    # At most one paragraph before "Upcoming webinars".
    before = []
    for element in article.select_one("h1").find_next_siblings():
        if element.name == "h2":
            break
        before.append(element.name)
    assert before.count("p") <= 1, before


@pytest.mark.parametrize("lang", LANGS)
def test_home_without_a_scheduled_webinar_says_so_and_how_to_follow(real_site, lang):
    soup = page(real_site, lang_url(lang, ""))
    box = soup.select_one(".hub-upcoming .hub-none")
    assert Formatter(lang).t("no_upcoming") in box.get_text()
    if lang == "zh":  # full-width 。 and ： carry their own space: no Latin one after them
        assert "。 " not in box.get_text() and "： " not in box.get_text(), box.get_text()
    links = {a["class"][0]: a["href"] for a in box.select("a")}
    here = real_site / lang_url(lang, "")
    assert (here / links["hub-follow__calendar"]).resolve() == (real_site / "webinars.ics").resolve()
    assert (here / links["hub-follow__rss"]).resolve() == (real_site / lang_url(lang, "feed.xml")).resolve()
    assert (here / links["hub-follow__atom"]).resolve() == (real_site / lang_url(lang, "atom.xml")).resolve()
    for href in links.values():
        if href.startswith(("webcal://", "https://")):  # the subscription: the site's absolute address
            assert href.startswith("webcal://example.github.io/webinar-hub/") or "webinars.ics" in href, href
        else:
            assert (here / href).is_file(), href
    assert {"hub-follow__webcal", "hub-follow__google", "hub-follow__outlook"} <= set(links)
    assert soup.select(".hub-series-card"), "the home page lists the series"


@pytest.mark.parametrize("lang", LANGS)
def test_home_title_is_not_doubled(real_site, lang):
    soup = page(real_site, lang_url(lang, ""))
    title = soup.title.get_text()
    assert title == heading_text(soup.select_one("article h1")), title


def test_the_home_page_promises_nothing_the_data_does_not_hold():
    from conftest import ROOT
    for lang in LANGS:
        text = (ROOT / "docs" / f"index.{lang}.md").read_text(encoding="utf-8")
        assert "After each session" not in text and "Après chaque séance" not in text


@pytest.mark.parametrize("lang", ["en", "ar", "zh", "fr"])
def test_the_next_webinar_without_number_or_language_says_only_what_is_known(tmp_path, lang):
    """The home page's next-webinar card of a webinar the sources give no number or language for:
    no "Webinar None", the unknown language said as such, its Register button."""
    import shutil
    from datetime import date

    from hub.catalog import load_catalog
    from hub.fingerprint import TEMPLATES
    from hub.localize import Formatter
    from hub.model import build_hub
    from hub.render import Renderer

    shutil.copytree(FIXTURES / "hub", tmp_path / "webinars")
    (tmp_path / "webinars" / "2026-07-01-unnumbered.yml").write_text(
        "series: demo-series\ntitle:\n  en: A fictional unnumbered webinar\ndate: 2026-07-01\n"
        "registration:\n  url: https://example.org/register/unnumbered\n", encoding="utf-8")
    hub = build_hub(load_catalog(tmp_path), date(2026, 6, 1))
    html = Renderer(hub, ROOT / TEMPLATES).fragment("upcoming", lang, "")
    card = BeautifulSoup(html, "lxml").select_one(".hub-webinar-card--next")
    assert "unnumbered" in card.select_one("a.hub-title")["href"]
    assert "None" not in card.get_text() and card.select_one(".hub-number") is None
    assert card.select_one(".hub-language.hub-unknown").get_text(strip=True) == Formatter(lang).t("language_unknown")
    assert card.select_one("a.hub-register")["href"] == "https://example.org/register/unnumbered"
