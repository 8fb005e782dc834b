"""The real site: the eight pilot webinars of CDIP/25/3 in six languages, as visitors see them."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from conftest import LANGS, LANGUAGES, ROOT, heading_text, lang_url, page
from hub.localize import Formatter

ROOT_DOCS = ROOT / "docs"

# The seed document's table (CDIP/25/3, paragraphs 7 and 14): number, slug, date, delivery language,
# registrations, participants, survey response rate.
PILOT = [
    ("I", "2019-09-18-new-tools-arab-countries", "2019-09-18", "ar", 161, 77, 56),
    ("II", "2019-10-25-professional-development", "2019-10-25", "ru", 159, 56, 30),
    ("III", "2019-11-14-ip-exports-foreign-investment", "2019-11-14", "es", 273, 92, 52),
    ("IV", "2019-11-28-ip-exports-foreign-investment-caribbean", "2019-11-28", "en", 209, 58, 43),
    ("V", "2019-12-10-business-competitiveness-africa", "2019-12-10", "en", 98, 32, 50),
    ("VI", "2019-12-11-strategic-use-of-technical-assistance", "2019-12-11", "en", 155, 67, 61),
    ("VII", "2019-12-16-business-competitiveness-africa-french", "2019-12-16", "fr", 91, 26, 65),
    ("VIII", "2019-12-17-ip-strategy", "2019-12-17", "zh", 535, 62, 3),
]
FRENCH_TITLE_I = ("Comment tirer parti des nouveaux outils et des nouvelles méthodes pour fournir une "
                  "assistance technique efficace dans les pays arabes")


def facts(soup) -> dict[str, str]:
    """The definition lists of a webinar page as {term: value}."""
    result = {}
    for dl in soup.select("article dl"):
        for dt, dd in zip(dl.find_all("dt"), dl.find_all("dd")):
            result[dt.get_text(" ", strip=True)] = dd.get_text(" ", strip=True)
    return result


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("number, slug, day, delivery, registrations, participants, survey", PILOT)
def test_every_pilot_webinar_page_shows_the_seed_figures(real_site, lang, number, slug, day, delivery,
                                                         registrations, participants, survey):
    soup = page(real_site, lang_url(lang, f"webinars/{slug}/"))
    assert soup.html["lang"] == lang
    assert soup.select_one("article time")["datetime"] == day
    shown = [digits(dd.get_text()) for dd in soup.select(".hub-stats dd")]
    assert shown[:2] == [str(registrations), str(participants)]
    assert shown[3] == str(survey)
    assert heading_text(soup.select_one("article h1"))
    shown_number = Formatter(lang).numeral([row[0] for row in PILOT].index(number) + 1)
    assert f" {shown_number}" in soup.select_one(".hub-kicker").get_text() or shown_number in soup.title.get_text()


def test_french_title_is_verbatim_from_the_report(real_site):
    soup = page(real_site, "fr/webinars/2019-09-18-new-tools-arab-countries/")
    assert heading_text(soup.select_one("article h1")) == FRENCH_TITLE_I


@pytest.mark.parametrize("lang, expected", [
    ("fr", "18 septembre 2019"), ("en", "September 18, 2019"), ("zh", "2019年9月18日"),
    ("es", "18 de septiembre de 2019"), ("ru", "18 сентября 2019 г."), ("ar", "سبتمبر"),
])
def test_dates_are_localized(real_site, lang, expected):
    soup = page(real_site, lang_url(lang, "webinars/2019-09-18-new-tools-arab-countries/"))
    assert expected in soup.select_one("article time").get_text().replace("\xa0", " ").replace("\u202f", " ")


def test_arabic_pages_are_right_to_left(real_site):
    for path in ("", "webinars/", "webinars/2019-12-17-ip-strategy/"):
        soup = page(real_site, lang_url("ar", path))
        assert soup.html["lang"] == "ar"
        assert soup.body["dir"] == "rtl"
    assert page(real_site, "webinars/").body.get("dir", "ltr") == "ltr"


def test_language_switcher_lands_on_the_same_page(real_site):
    slug = "2019-11-14-ip-exports-foreign-investment"
    for lang in LANGS:
        soup = page(real_site, lang_url(lang, f"webinars/{slug}/"))
        targets = {a["hreflang"]: a["href"] for a in soup.select(".md-select a[hreflang]")}
        assert set(targets) == set(LANGS)
        here = "https://example.org/" + lang_url(lang, f"webinars/{slug}/")
        for other, href in targets.items():
            assert urljoin(here, href) == "https://example.org/" + lang_url(other, f"webinars/{slug}/")


def test_figures_are_formatted_for_the_language(real_site):
    soup = page(real_site, "fr/webinars/2019-12-17-ip-strategy/")
    values = [dd.get_text() for dd in soup.select(".hub-stats dd")]
    assert values[3].replace("\u202f", " ").replace("\xa0", " ") == "3 %"


def test_index_lists_every_webinar_with_number_date_and_language(real_site):
    """Every pilot webinar, with its number, date and language (newest first: read here in series order)."""
    for lang in LANGS:
        soup = page(real_site, lang_url(lang, "webinars/"))
        cards = [c for c in soup.select(".hub-webinar-card") if c.select_one("time")["datetime"] < "2020"][::-1]
        f = Formatter(lang)
        assert [c.select_one(".hub-number").get_text() for c in cards] == [f.numeral(n) for n in range(1, len(PILOT) + 1)]
        assert [c.select_one("time")["datetime"] for c in cards] == [row[2] for row in PILOT]


def test_navigation_is_a_short_menu_not_every_webinar(real_site):
    soup = page(real_site, "webinars/2019-12-17-ip-strategy/")
    nav_links = soup.select("nav.md-nav--primary a.md-nav__link")
    assert not [a for a in nav_links if "2019-" in a.get("href", "")]


# The About pages' wording of the Committee's decision (docs/about.<lang>.md).
DECISION = {"en": "option B", "fr": "option B", "es": "opción B", "ru": "вариант B", "zh": "备选方案B",
            "ar": "الخيار باء"}


@pytest.mark.parametrize("lang", LANGS)
def test_decision_is_localized_as_on_the_about_pages(real_site, lang):
    soup = page(real_site, lang_url(lang, "webinars/2019-12-17-ip-strategy/"))
    assert DECISION[lang] in facts(soup)[soup.select(".hub-webinar dt")[-1].get_text(strip=True)]
    about = {"ru": "варианте B"}.get(lang, DECISION[lang])  # the About page declines it: "в варианте B"
    assert about in (ROOT_DOCS / f"about.{lang}.md").read_text(encoding="utf-8")
    if lang not in ("en", "fr"):
        assert "option B" not in soup.select_one(".hub-webinar").get_text()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", [row[1] for row in PILOT])
def test_pilot_pages_say_where_the_recordings_and_slides_are_without_empty_shells(real_site, lang, slug):
    soup = page(real_site, lang_url(lang, f"webinars/{slug}/"))
    note = soup.select_one(".hub-materials")
    assert "CDIP/25/3" in note.get_text() and "PowerPoint" in note.get_text()
    assert not note.find("a")  # the report gives no address: none is invented
    for shell in (".hub-recording", ".hub-slides", ".hub-experts", ".hub-registration"):
        assert soup.select_one(shell) is None, shell
    # Below the header, nothing is an "unknown" placeholder.
    assert not [tag for tag in soup.select("article .hub-unknown") if not tag.find_parent(class_="hub-webinar")]
    # The running order CDIP/25/3 (paragraph 11) describes, introduced as the series' report's.
    assert len(soup.select(".hub-programme ol li")) == 4
    assert soup.select_one(".hub-programme p").get_text(strip=True) == Formatter(lang).t("programme_intro")
    assert soup.select_one(".hub-format").get_text(strip=True) == Formatter(lang).t("format_online")


ROMAN = re.compile(r"(?<![\w.])[IVXLC]+(?![\w])")


@pytest.mark.parametrize("lang", LANGS)
def test_webinar_numbers_are_roman_except_in_a_right_to_left_script(real_site, lang):
    """"Webinar VIII" in Roman numerals as the series numbers them, but in digits on a right-to-left page: a
    lone Latin I beside Arabic letters reads as an alef ("الندوة الإلكترونية I"). Checked where a number is
    shown: the page's kicker and title, its description, the webinars' cards and the news feed."""
    rtl = LANGUAGES.by_code[lang].rtl
    for position, (roman, slug, *_) in enumerate(PILOT, start=1):
        expected = str(position) if rtl else roman
        soup = page(real_site, lang_url(lang, f"webinars/{slug}/"))
        kicker = soup.select_one(".hub-kicker").get_text(" ", strip=True)
        assert re.search(rf"(?<![\w]){expected}(?![\w])", kicker), (lang, kicker)
        assert soup.title.get_text().startswith(f"{expected}. "), soup.title
        description = soup.select_one('meta[name="description"]')["content"]
        assert re.search(rf"(?<![\w]){expected}(?![\w])", description), description
        if rtl:
            assert not ROMAN.search(kicker + soup.title.get_text() + description), (kicker, soup.title, description)
    cards = page(real_site, lang_url(lang, "webinars/")).select(".hub-webinar-card .hub-number")
    numbers = {card.get_text() for card in cards}
    assert numbers == ({str(n) for n in range(1, 9)} if rtl else {row[0] for row in PILOT}), numbers
    feed = (real_site / lang_url(lang, "feed.xml")).read_text(encoding="utf-8")
    headlines = re.findall(r"<item>\s*<title>([^<]*)</title>", feed)
    numbered = [title.split(". ", 1)[0] for title in headlines if re.match(r"\w+\. ", title)]
    assert numbered and all((n.isdigit() if rtl else bool(ROMAN.fullmatch(n))) for n in numbered), headlines
