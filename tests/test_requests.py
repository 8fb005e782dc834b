"""Nothing wasted, nothing failing: what each page view asks the network for, in a real browser.

Every page type, in the six languages, at a desktop and a phone width: no response of 400 or more, no
request that fails, no console error, no sitemap.xml fetched (the language switcher already links each
language's version of the page), and the search index fetched only once the visitor starts a search.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import urlsplit

import pytest

from conftest import LANGS, SAMPLES, lang_url

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 390, "height": 844}}
PAGES = {kind: (site, SAMPLES[site][kind]) for kind, site in {  # hub.pages.sample_pages: conftest.SAMPLES
    "home": "real_site",
    "webinars": "real_site",
    "past": "real_site",
    "figures": "real_site",
    "take-part": "real_site",
    "about": "real_site",
    "staff-guide": "real_site",
    "recording": "fixture_site",
    "upcoming": "fixture_site",
    "expert": "fixture_site",
    "experts": "fixture_site",
    "missing": "real_site",
}.items()}
SEARCH_FIELD = "input.md-search__input"


class Traffic:
    """One tab, with what it asked for, what failed and what the console said."""

    def __init__(self, browser, viewport: dict, lang: str):
        self.context = browser.new_context(viewport=viewport, locale=lang)
        self.context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("requestfailed", lambda request: self.problems.append(
            f"request failed: {request.url} ({request.failure})"))
        self.page.on("response", lambda response: response.status >= 400 and self.problems.append(
            f"HTTP {response.status}: {response.url}"))
        self.page.on("console", lambda message: message.type == "error" and self.problems.append(
            f"console error: {message.text}"))
        self.page.on("pageerror", lambda error: self.problems.append(f"JavaScript error: {error}"))

    def load(self, url: str) -> None:
        self.requests.clear()
        self.page.goto(url, wait_until="load")
        with contextlib.suppress(Exception):  # what the page fetches after its load event
            self.page.wait_for_load_state("networkidle", timeout=5000)
        self.page.wait_for_timeout(300)

    def asked_for(self, pattern: str) -> list[str]:
        return [url for url in self.requests if re.search(pattern, urlsplit(url).path)]

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", PAGES)
def test_a_page_view_fetches_only_what_it_uses_and_nothing_fails(browser, served, kind, lang):
    site, path = PAGES[kind]
    url = served(site) + lang_url(lang, path)
    problems = []
    for width, viewport in WIDTHS.items():
        tab = Traffic(browser, viewport, lang)
        try:
            tab.load(url)
            found = tab.problems
            if kind == "missing":  # the address itself is a 404 (Chromium logs it once): nothing else may be
                found = [p for p in found if p != f"HTTP 404: {url}"]
                logged = [p for p in found if "status of 404" in p]
                found = [p for p in found if p not in logged[:1]]
            problems += [f"{width}: {p}" for p in found]
            problems += [f"{width}: fetched {u}" for u in tab.asked_for(r"sitemap\.xml$")]
            problems += [f"{width}: fetched the search index before any search: {u}"
                         for u in tab.asked_for(r"search_index\.json$")]
            if not tab.requests:
                problems.append(f"{width}: no request recorded at all (is the page served?)")
        finally:
            tab.close()
    assert not problems, f"{kind} page in {lang} ({url}):\n  " + "\n  ".join(problems[:12])


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_the_search_index_is_fetched_when_a_search_starts_and_then_finds(browser, served, real_site, lang):
    """Focus on the search field fetches this language's index, once; typing then lists results."""
    tab = Traffic(browser, WIDTHS["desktop"], lang)
    try:
        tab.load(served("real_site") + lang_url(lang, "webinars/"))
        assert not tab.asked_for(r"search_index\.json$")
        tab.page.locator(SEARCH_FIELD).click()
        tab.page.wait_for_timeout(500)
        fetched = tab.asked_for(r"search_index\.json$")
        assert len(fetched) == 1, f"after focusing the search field: {fetched}"
        assert urlsplit(fetched[0]).path.endswith(lang_url(lang, "search/search_index.json"))
        word = {"en": "strategy", "ar": "استراتيجية", "zh": "战略"}[lang]
        tab.page.locator(SEARCH_FIELD).press_sequentially(word, delay=20)
        tab.page.keyboard.press("End")
        tab.page.wait_for_function(
            "() => document.querySelectorAll('.md-search-result__item a[href]').length > 0", timeout=10000)
        assert not tab.problems, tab.problems
    finally:
        tab.close()


def test_the_search_index_loads_at_once_for_highlighting(browser, served):
    """An address that asks for search highlighting (?h=) needs the index: it is fetched on load."""
    tab = Traffic(browser, WIDTHS["desktop"], "en")
    try:
        tab.load(served("real_site") + "about/?h=webinar")
        assert len(tab.asked_for(r"search_index\.json$")) == 1
        assert not tab.problems, tab.problems
    finally:
        tab.close()
