"""What visitors come for, on each webinar page (fictional fixture data, all six languages)."""

from __future__ import annotations

import posixpath
import re
from datetime import datetime
from zoneinfo import ZoneInfo
from urllib.parse import urlsplit

import pytest

from conftest import LANGS, heading_text, lang_url, page
from hub.localize import Formatter
from hub.media import player_for

PAST = "webinars/2026-01-15-past-with-recording/"
UPCOMING_DST = "webinars/2027-03-28-upcoming-across-dst/"
UPCOMING_BOGOTA = "webinars/2027-06-10-upcoming-bogota/"
DATE_ONLY = "webinars/2025-11-02-past-date-only/"


def third_party_loads(soup) -> list[str]:
    """Resources a browser would fetch from another host on page load."""
    loads = [tag.get("src") for tag in soup.find_all(["script", "img", "iframe", "video", "audio", "source", "embed"])]
    loads += [tag.get("href") for tag in soup.find_all("link") if "stylesheet" in (tag.get("rel") or [])
              or "preload" in (tag.get("rel") or [])]
    loads += [tag.get("data") for tag in soup.find_all("object")]
    return [url for url in loads if url and urlsplit(url).netloc]


@pytest.mark.parametrize("lang", LANGS)
def test_recording_is_a_facade_with_no_third_party_request_before_a_click(fixture_site, lang):
    soup = page(fixture_site, lang_url(lang, PAST))
    player = soup.select_one(".hub-recording .hub-player")
    button = player.select_one("button.hub-player__play")
    assert urlsplit(button["data-embed-src"]).netloc == "www.youtube-nocookie.com"
    assert soup.find("iframe") is None and soup.find("video") is None
    assert third_party_loads(soup) == []
    link = soup.select_one("a.hub-recording-link")
    assert link["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert "85" in soup.select_one(".hub-recording").get_text()


def test_vimeo_recording_uses_do_not_track(fixture_site):
    button = page(fixture_site, DATE_ONLY).select_one(".hub-player button")
    assert button["data-embed-src"].startswith("https://player.vimeo.com/video/76979871?dnt=1")


@pytest.mark.parametrize("url, provider", [
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube"),
    ("https://youtu.be/dQw4w9WgXcQ", "youtube"),
    ("https://vimeo.com/76979871", "vimeo"),
    ("https://media.example.org/webinar.mp4", "video"),
    ("https://www.youtube.com/watch?v=bad", None),
    ("https://videos.example.org/watch/123", None),
    ("http://media.example.org/webinar.mp4", None),
])
def test_players_only_for_known_hosts(url, provider):
    player = player_for(url)
    assert (player.provider if player else None) == provider


@pytest.mark.parametrize("lang", LANGS)
def test_slides_show_language_format_and_size_and_the_file_is_published(fixture_site, lang):
    soup = page(fixture_site, lang_url(lang, PAST))
    decks = soup.select(".hub-slides li")
    assert len(decks) == 2
    local = decks[0].find("a")
    target = (fixture_site / lang_url(lang, PAST) / local["href"]).resolve()
    assert target.is_file() and target.read_bytes().startswith(b"%PDF-") and b"Fictional slide deck" in target.read_bytes()
    # Each fact isolated (<bdi>): in Arabic, "PDF" and the size's digits would otherwise run together left to right.
    assert [bdi.get_text() for bdi in decks[0].select("bdi")][1:] == [
        "PDF", Formatter(lang).file_size(target.stat().st_size)]
    assert decks[1].find("a")["href"] == "https://example.org/slides.pptx"


@pytest.mark.parametrize("lang", LANGS)
def test_upcoming_webinar_has_registration_and_times_in_zone_and_utc(fixture_site, lang):
    soup = page(fixture_site, lang_url(lang, UPCOMING_DST))
    assert soup.select_one(".hub-webinar")["data-status"] == "upcoming"
    registration = soup.select_one(".hub-registration")
    # One Register button, at the top with the facts; the registration section gives the details.
    buttons = soup.select("article a.md-button--primary")
    assert [a["href"] for a in buttons] == ["https://example.org/register/2"]
    assert buttons[0].find_parent(class_="hub-webinar") is not None
    take_part = [a["href"] for a in registration.find_all("a") if "take-part" in a["href"]]
    assert take_part and (fixture_site / lang_url(lang, UPCOMING_DST) / take_part[0] / "index.html").resolve().is_file()
    time = soup.select_one(".hub-time")
    # 14:00 in Zurich on the day summer time starts is 12:00 UTC (CEST, UTC+2), not 13:00.
    assert time["data-start"] == "2027-03-28T12:00:00Z"
    assert time.find("time")["datetime"] == "2027-03-28T14:00:00+02:00"
    # One line in the event's zone, with its name; no UTC line beside it (the visitor's line is hub.js's).
    line = time.select_one(".hub-time-event").get_text(" ", strip=True)
    assert Formatter(lang).timezone(datetime(2027, 3, 28, 14, tzinfo=ZoneInfo("Europe/Zurich"))) in line
    assert "UTC" not in time.get_text() and time.select_one(".hub-time-utc") is None
    assert soup.select_one(".hub-recording") is None and soup.select_one(".hub-stats") is None


def test_registration_details_in_english(fixture_site):
    text = " ".join(page(fixture_site, UPCOMING_DST).select_one(".hub-registration").get_text().split())
    assert "Registration closes on March 25, 2027." in text
    assert "by phone" in text
    assert "by phone" not in page(fixture_site, UPCOMING_BOGOTA).select_one(".hub-registration").get_text()


def test_bogota_start_time_in_utc(fixture_site):
    assert page(fixture_site, UPCOMING_BOGOTA).select_one(".hub-time")["data-start"] == "2027-06-10T14:30:00Z"


@pytest.mark.parametrize("lang", LANGS)
def test_text_missing_in_a_language_falls_back_and_says_its_language(fixture_site, lang):
    soup = page(fixture_site, lang_url(lang, UPCOMING_DST))
    h1 = soup.select_one("article h1")
    assert heading_text(h1) == "Un webinaire à venir, le jour du changement d’heure"
    assert h1.get("lang") == (None if lang == "fr" else "fr")


def test_fallback_prefers_the_delivery_language_then_english(fixture_site):
    # Bogota webinar: es and en titles. French page → delivered in Spanish, so Spanish.
    h1 = page(fixture_site, lang_url("fr", UPCOMING_BOGOTA)).select_one("article h1")
    assert (heading_text(h1), h1["lang"]) == ("Un seminario web de prueba en Bogotá", "es")
    # Past webinar: en and fr titles, delivered in English → Russian page shows English.
    h1 = page(fixture_site, lang_url("ru", PAST)).select_one("article h1")
    assert h1["lang"] == "en"


@pytest.mark.parametrize("lang", LANGS)
def test_expert_cards_link_to_expert_pages_that_list_their_webinars(fixture_site, lang):
    soup = page(fixture_site, lang_url(lang, UPCOMING_DST))
    links = [a["href"] for a in soup.select(".hub-experts a")]
    assert len(links) == 2
    expert = page(fixture_site, lang_url(lang, "experts/ada-example/"))
    listed = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in expert.select(".hub-webinars a.hub-title")}
    assert listed == {"2026-01-15-past-with-recording", "2027-03-28-upcoming-across-dst"}
    assert heading_text(expert.select_one("article h1")) == "Ada Example"


@pytest.mark.parametrize("lang", LANGS)
def test_an_experts_links_are_named_in_the_pages_language(fixture_site, lang):
    """A link's label given in the page's language is shown as it is; one given in English only is shown in
    English, marked as English (lang and, on a right-to-left page, dir)."""
    labels = {"en": "Profile", "fr": "Profil", "es": "Perfil", "ru": "Профиль", "zh": "简介", "ar": "الملف الشخصي"}
    expert = page(fixture_site, lang_url(lang, "experts/ada-example/"))
    links = expert.select(".hub-links a")
    assert [a.get_text() for a in links] == [labels[lang], "Publications"]
    assert links[0].get("lang") is None
    if lang != "en":
        assert links[1]["lang"] == "en"
        assert links[1].get("dir") == ("ltr" if lang == "ar" else None)


def test_previous_and_next_in_the_series(fixture_site):
    soup = page(fixture_site, UPCOMING_DST)
    assert soup.select_one("a[rel=prev]")["href"] == "../2026-01-15-past-with-recording/"
    assert soup.select_one("a[rel=next]")["href"] == "../2027-06-10-upcoming-bogota/"


@pytest.mark.parametrize("lang", ["ar", "zh", "en"])
def test_the_pager_shows_each_title_with_its_number_in_the_titles_own_direction(fixture_site, lang):
    """The label on a line of its own, then number and title in one element carrying the title's language
    (and direction when it differs from the page's): in Arabic, "I. Testing the recording player" reads left
    to right as one line instead of running into the Arabic label."""
    f = Formatter(lang)
    soup = page(fixture_site, lang_url(lang, UPCOMING_DST))
    for rel, label in (("prev", "previous_webinar"), ("next", "next_webinar")):
        link = soup.select_one(f".hub-pager a[rel={rel}]")
        assert link.select_one(".hub-pager__label").get_text() == f.t(label)
        title = link.select_one(".hub-pager__title")
        assert re.fullmatch(rf"{f.numeral(1 if rel == 'prev' else 3)}\. \S.*", title.get_text()), title
        linked = page(fixture_site, posixpath.normpath(posixpath.join(lang_url(lang, UPCOMING_DST), link["href"])) + "/")
        assert title.get_text().split(". ", 1)[1] == linked.select_one("article h1").get_text(), rel
        shown_lang = title.get("lang", lang)
        if shown_lang != lang and (shown_lang == "ar") != (lang == "ar"):
            assert title["dir"] == ("rtl" if shown_lang == "ar" else "ltr"), title
    if lang == "ar":
        assert any(t.get("dir") == "ltr" for t in soup.select(".hub-pager__title")), "no foreign title in the fixture"


def test_staff_markdown_is_rendered_inert(fixture_site):
    summary = page(fixture_site, PAST).select_one(".hub-summary")
    assert summary.find("script") is None
    assert "<script>alert('x')</script>" in summary.get_text()
    assert not [a for a in summary.find_all("a") if a.get("href", "").startswith("javascript")]


def test_the_404_page_speaks_every_language_with_its_direction(real_site):
    soup = page(real_site, "404.html")
    sections = soup.select(".hub-not-found section")
    assert [s["lang"] for s in sections] == list(LANGS)
    assert [s["dir"] for s in sections] == ["ltr", "rtl", "ltr", "ltr", "ltr", "ltr"]
    assert soup.html["lang"] == "en"
    homes = [s.find("a")["href"] for s in sections]
    assert homes[0] == "https://example.github.io/webinar-hub/" and homes[3] == "https://example.github.io/webinar-hub/fr/"


@pytest.mark.parametrize("lang", LANGS)
def test_development_agenda_link_in_header_and_footer(real_site, lang):
    """The organisation's Development Agenda page in the page's own language (mkdocs.yml's {lang} pattern)."""
    soup = page(real_site, lang_url(lang, "webinars/"))
    url = f"https://www.wipo.int/ip-development/{lang}/agenda/"
    assert [a for a in soup.select(".md-tabs a") if a["href"] == url]
    footer = soup.select_one("a.hub-development-agenda")
    assert footer["href"] == url and footer.get_text(strip=True)


@pytest.mark.parametrize("lang", LANGS)
def test_the_menu_holds_visitor_pages_only_and_the_footer_links_the_staff_guide(real_site, fixture_site, lang):
    """No staff material among the tabs; no tab for the experts page while there is no expert to show."""
    tabs = [a["href"] for a in page(real_site, lang_url(lang, "")).select(".md-tabs a")]
    assert not [href for href in tabs if "staff-guide" in href], tabs
    for site in (real_site, fixture_site):
        soup = page(site, lang_url(lang, "webinars/"))
        has_experts = any((site / lang_url(lang, "experts")).glob("*/index.html"))  # an expert's page
        expert_tabs = [a for a in soup.select(".md-tabs a") if a["href"].rstrip("/").endswith("experts")]
        assert bool(expert_tabs) == has_experts, (site, [a["href"] for a in soup.select(".md-tabs a")])
        staff = soup.select_one(".md-footer a.hub-staff-guide")
        assert staff is not None and staff.get_text(strip=True)
        assert (site / lang_url(lang, "webinars/") / staff["href"] / "index.html").resolve().is_file()


def test_development_agenda_address_per_language():
    from hub.urls import development_agenda_url

    pattern = "https://www.wipo.int/ip-development/{lang}/agenda/"
    assert development_agenda_url(pattern, "ar") == "https://www.wipo.int/ip-development/ar/agenda/"
    assert development_agenda_url(pattern, "zh", {"zh": "https://example.org/zh"}) == "https://example.org/zh"
    for bad in ("javascript:alert(1)//{lang}", "ftp://example.org/{lang}", "", "https://exa mple.org/{lang}"):
        with pytest.raises(ValueError):
            development_agenda_url(bad, "fr")


@pytest.mark.parametrize("lang", LANGS)
def test_home_lists_upcoming_webinars_first_with_registration_then_past_ones(fixture_site, lang):
    soup = page(fixture_site, lang_url(lang, ""))
    upcoming = soup.select(".hub-upcoming .hub-webinar-card")
    assert [c.select_one("time")["datetime"] for c in upcoming] == ["2027-03-28", "2027-06-10"]
    # The Bogotá fixture's registration is full: no button, the state said in its place.
    assert [(a["href"] if (a := c.select_one("a.hub-register")) else None) for c in upcoming] == [
        "https://example.org/register/2", None]
    f = Formatter(lang)
    assert upcoming[1].select_one(".hub-registration-state").get_text(strip=True) == f.t(
        "registration_still_live", state=f.t("registration_full"))
    past = soup.select(".hub-past .hub-webinar-card")
    assert [c.select_one("time")["datetime"] for c in past] == ["2026-01-15", "2025-11-02"]
    assert not soup.select(".hub-past a.hub-register")
    body = str(soup.select_one("article"))
    assert body.index("hub-upcoming") < body.index("hub-past")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", [PAST, DATE_ONLY])
def test_no_add_to_calendar_on_past_webinars(fixture_site, lang, path):
    assert page(fixture_site, lang_url(lang, path)).select_one(".hub-calendar") is None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", [UPCOMING_DST, UPCOMING_BOGOTA])
def test_add_to_calendar_links_the_webinars_icalendar_file(fixture_site, lang, path):
    link = page(fixture_site, lang_url(lang, path)).select_one('.hub-calendar a[type="text/calendar"]')
    target = (fixture_site / lang_url(lang, path) / link["href"]).resolve()
    assert target.name == path.rstrip("/").rsplit("/", 1)[-1] + ".ics"
    assert target.read_text().startswith("BEGIN:VCALENDAR")
    assert link.get_text(strip=True)


def test_fallback_text_in_another_direction_carries_its_direction(fixture_site):
    h1 = page(fixture_site, lang_url("ar", UPCOMING_DST)).select_one("article h1")
    assert (h1["lang"], h1["dir"]) == ("fr", "ltr")
    summary = page(fixture_site, lang_url("ar", PAST)).select_one(".hub-summary")
    assert (summary["lang"], summary["dir"]) == ("en", "ltr")
    assert "dir" not in page(fixture_site, lang_url("fr", UPCOMING_BOGOTA)).select_one("article h1").attrs


@pytest.mark.parametrize("lang", LANGS)
def test_an_upcoming_webinar_offers_every_way_to_add_it_and_a_past_one_none(fixture_site, lang):
    """The .ics file, and plain links to Google Calendar, Outlook.com and Microsoft 365 with the event's
    own title and UTC times (hub/extras/calendars.py); nothing on a past page."""
    from urllib.parse import parse_qs

    soup = page(fixture_site, lang_url(lang, UPCOMING_DST))
    more = soup.select_one(".hub-webinar .hub-calendar-more")
    assert more is not None and more.get_text(strip=True).startswith(Formatter(lang).t("add_to_calendar_in"))
    google = parse_qs(urlsplit(more.select_one("a.hub-add__google")["href"]).query)
    assert google["dates"] == ["20270328T120000Z/20270328T130000Z"]  # 14:00-15:00 CEST, the day summer time starts
    assert google["text"][0] == heading_text(soup.select_one("article h1"))
    for name in ("outlook", "office"):
        query = parse_qs(urlsplit(more.select_one(f"a.hub-add__{name}")["href"]).query)
        assert query["startdt"][0].startswith("2027-03-28T12:00:00"), query
    past = page(fixture_site, lang_url(lang, PAST))
    assert past.select_one(".hub-calendar-more") is None and past.select_one(".hub-calendar") is None


@pytest.mark.parametrize("lang", LANGS)
def test_the_webinars_page_offers_the_calendar_subscription(fixture_site, lang):
    links = page(fixture_site, lang_url(lang, "webinars/")).select_one(".hub-follow--subscribe")
    assert links is not None
    assert links.select_one("a.hub-follow__webcal")["href"] == "webcal://example.github.io/webinar-hub/webinars.ics"
    assert "webcal%3A%2F%2Fexample.github.io%2Fwebinar-hub%2Fwebinars.ics" in links.select_one("a.hub-follow__google")["href"]
    assert links.select_one("a.hub-follow__webcal").get_text(strip=True) == Formatter(lang).t("subscribe_app")


@pytest.mark.parametrize("lang", LANGS)
def test_details_in_brackets_use_the_languages_punctuation(fixture_site, lang):
    """"(English, PDF, 1 kB)" after a slide deck, and a recording's length, in the page's own brackets and
    commas (full-width in Chinese, the Arabic comma): the same as every other list on the page."""
    f = Formatter(lang)
    soup = page(fixture_site, lang_url(lang, PAST))
    opening, closing, comma = f.t("paren_open").strip(), f.t("paren_close"), f.t("comma").strip()
    decks = [li.get_text() for li in soup.select(".hub-slides li")]
    assert decks and all(opening in text and closing in text and comma in text for text in decks), decks
    recording = soup.select_one(".hub-recording-link").parent.get_text()
    assert f"{opening}{f.minutes(85)}{closing}" in recording.replace(" (", "(")
    if lang in ("zh", "ar"):  # no Latin comma (nor, in Chinese, a half-width bracket) among the details
        assert not any(", " in text or (lang == "zh" and "(" in text) for text in decks), decks


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_pagers_number_stays_with_its_title_in_either_direction(real_site, lang):
    """"II." before a title in another script: the numeral and its full stop are isolated (<bdi>), or in an
    Arabic page the stop would move to the other side of a French or English title."""
    for path in sorted(p for p in (real_site / "webinars").glob("2019-*") if p.is_dir()):
        soup = page(real_site, lang_url(lang, f"webinars/{path.name}/"))
        for link in soup.select(".hub-pager a"):
            numbered = link.find("bdi")
            assert numbered is not None and numbered.get_text().endswith("."), link
            numerals = {"1", "2", "3", "4", "5", "6", "7", "8"} if lang == "ar" else {"I", "II", "III", "IV", "V", "VI", "VII", "VIII"}
            assert numbered.get_text()[:-1] in numerals, link
