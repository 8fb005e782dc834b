"""What a visitor meets, in a real browser (Debian's chromium through Playwright, browser_support.py): the
webinars page's filters kept in the address, the 404 page in the visitor's language, a visible keyboard
focus, an upcoming webinar's essentials. Screenshots go to test-artifacts/visitor/ (git-ignored).
"""

from __future__ import annotations

import re

import pytest

from hub.localize import Formatter

from browser_support import ARTIFACTS, PREFIX, is_local
from conftest import LANGS, lang_url

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "mobile": MOBILE}
SHOTS = ARTIFACTS / "visitor"


class Tab:
    """One page in its own browser context; uncaught errors, console errors and failed requests recorded."""

    def __init__(self, browser, url: str, viewport: dict = DESKTOP, lang: str = "en", **options):
        self.errors: list[str] = []
        self.context = browser.new_context(viewport=viewport, locale=lang, **options)
        self.context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        self.page.on("console", lambda m: m.type == "error" and not m.text.startswith("Failed to load resource: "
                                                                                      "the server responded with a status of 404")
                     and self.errors.append(f"console: {m.text}"))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        self.response = self.page.goto(url, wait_until="load")

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def tab(browser):
    opened: list[Tab] = []

    def open_(url: str, viewport: dict = DESKTOP, lang: str = "en", **options) -> Tab:
        opened.append(Tab(browser, url, viewport, lang, **options))
        return opened[-1]

    yield open_
    for item in opened:
        item.context.close()


def url_of(base: str, lang: str, path: str) -> str:
    return base + lang_url(lang, path)


# ------------------------------------------------------------------------------------------- filters

def _shown(page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('.hub-index .hub-webinar-card')]"
                         ".filter(c => c.checkVisibility()).map(c => c.querySelector('time').getAttribute('datetime'))")


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_language_not_stated_is_the_last_option_and_filters_its_webinars(tab, served, lang):
    """The real data has two webinars whose language no source states: the option finds exactly them."""
    item = tab(url_of(served("real_site"), lang, "webinars/"), MOBILE, lang)
    page = item.page
    page.locator("form.hub-filters").wait_for(state="visible", timeout=5000)
    options = page.evaluate("[...document.querySelectorAll('#hub-filter-language option')]"
                            ".map(o => [o.value, o.innerText.trim()])")
    f = Formatter(lang)
    assert options[-1] == ["unstated", f.t("language_unknown")], options
    assert all(value not in ("None", "null", "undefined") for value, _ in options), options
    page.select_option("#hub-filter-language", "unstated")
    assert sorted(_shown(page)) == ["2024-09-12", "2025-04-03"]
    assert not item.errors, item.errors


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_filters_are_kept_in_the_address_shared_and_reloaded(tab, served, lang):
    """Choosing filters writes them into the address; that address, opened afresh or reloaded, shows the same
    list with the same choices; clearing removes them from the address."""
    base = url_of(served("fixture_site"), lang, "webinars/")
    item = tab(base, MOBILE, lang)
    page = item.page
    page.locator("form.hub-filters").wait_for(state="visible", timeout=5000)
    page.select_option("#hub-filter-year", "2027")
    page.select_option("#hub-filter-language", "es")
    assert _shown(page) == ["2027-06-10"]
    query = dict(part.split("=") for part in page.evaluate("location.search").lstrip("?").split("&"))
    assert query == {"year": "2027", "language": "es"}, query
    page.reload(wait_until="load")
    page.locator("form.hub-filters").wait_for(state="visible", timeout=5000)
    assert _shown(page) == ["2027-06-10"], "a reload lost the filters"
    assert page.input_value("#hub-filter-language") == "es" and page.input_value("#hub-filter-year") == "2027"
    shared = tab(f"{base}?language=fr", DESKTOP, lang)  # a link someone shared
    shared.page.locator("form.hub-filters").wait_for(state="visible", timeout=5000)
    assert _shown(shared.page) == ["2027-03-28"]
    f = Formatter(lang)
    assert shared.page.inner_text(".hub-filters__count").strip() == f.t("filter_count", count=f.number(1),
                                                                       total=f.number(4))
    unknown = tab(f"{base}?language=xx&year=1900", DESKTOP, lang)  # values no option has: ignored
    unknown.page.locator("form.hub-filters").wait_for(state="visible", timeout=5000)
    assert len(_shown(unknown.page)) == 4
    page.click(".hub-filters button[type=reset]")
    page.wait_for_function("location.search === ''")
    assert len(_shown(page)) == 4
    assert not item.errors + shared.errors + unknown.errors


# ------------------------------------------------------------------------------------------- 404

NOT_FOUND_PATHS = ("no-such-page/", "webinars/no-such-webinar/deeper/")


@pytest.mark.parametrize("lang", ["ar", "zh", "fr", "en"])
@pytest.mark.parametrize("missing", NOT_FOUND_PATHS)
def test_the_404_page_speaks_the_language_of_the_address(tab, served, lang, missing):
    """Under /webinar-hub/<lang>/… the one 404.html shows that language: lang and dir, title, heading and text,
    site name, menu and footer; the other languages stay links to their homes; at the site's root, English."""
    base = served("real_site")
    f = Formatter(lang)
    width = "mobile" if missing != NOT_FOUND_PATHS[0] else "desktop"
    item = tab(url_of(base, lang, missing), WIDTHS[width], lang)
    page = item.page
    assert item.response.status == 404
    page.wait_for_function("l => document.documentElement.lang === l", arg=lang, timeout=5000)
    seen = page.evaluate("""() => ({
        dir: document.documentElement.dir || 'ltr', bodyDir: getComputedStyle(document.body).direction,
        title: document.title,
        headings: [...document.querySelectorAll('.hub-not-found h1')].filter(h => h.checkVisibility()).map(h => h.innerText.trim()),
        text: document.querySelector('.hub-not-found').innerText,
        topic: document.querySelector('.md-header__topic').innerText.trim(),
        tabs: [...document.querySelectorAll('a.md-tabs__link')].map(a => [a.innerText.trim(), new URL(a.href).pathname]),
        drawer: [...document.querySelectorAll('.md-nav--primary a.md-nav__link')].map(a => [a.innerText.trim(), new URL(a.href).pathname]),
        languages: [...document.querySelectorAll('.hub-not-found__languages a')].filter(a => a.checkVisibility()).map(a => [a.getAttribute('hreflang'), new URL(a.href).pathname]),
        footer: [...document.querySelectorAll('.md-footer a')].map(a => [a.innerText.trim(), a.href]),
    })""")
    rtl = lang == "ar"
    assert (seen["dir"], seen["bodyDir"]) == (("rtl", "rtl") if rtl else ("ltr", "ltr")), seen
    assert seen["headings"] == [f.t("not_found_title")], seen["headings"]
    assert f.t("not_found_text") in seen["text"]
    assert seen["title"] == f"{f.t('not_found_title')} - {f.t('site_name')}"
    assert seen["topic"] == f.t("site_name")
    prefix = PREFIX + lang_url(lang, "")
    menu = dict(seen["tabs"]) if width == "desktop" else dict(seen["drawer"])
    assert menu.get(f.t("menu_home")) == prefix, menu
    assert menu.get(f.t("webinars_title")) == prefix + "webinars/", menu
    assert f"/{lang}/agenda/" in menu[f.t("development_agenda")], menu
    others = dict(seen["languages"])
    assert sorted(others) == sorted(code for code in LANGS if code != lang), others
    assert all(path == PREFIX + lang_url(code, "") for code, path in others.items()), others
    footer = dict(seen["footer"])
    assert f"/{lang}/agenda/" in footer[f.t("development_agenda")], footer
    assert footer[f.t("staff_guide")].endswith(prefix + "staff-guide/"), footer
    assert f.t("organisation_name") in page.inner_text(".md-footer")
    assert not item.errors, item.errors
    if lang in ("ar", "zh", "en") and missing == NOT_FOUND_PATHS[0]:
        for name, viewport in WIDTHS.items():
            page.set_viewport_size(viewport)
            item.shot(f"404-{lang}-{name}")
