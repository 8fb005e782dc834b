"""The search index in a real browser: fetched when a search starts (or the address asks for highlighting),
and only then. What every page view asks the network for (no failure, no sitemap.xml, no search index before a
search, no console error) is checked once per page, language and width in test_page_views.py.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from browser_support import DESKTOP, wait_for_no_pending
from conftest import lang_url

pytestmark = pytest.mark.browser

SEARCH_FIELD = "input.md-search__input"


class Traffic:
    """One tab, with what it asked for, what failed and what the console said."""

    def __init__(self, browser, viewport: dict, lang: str):
        self.context = browser.new_context(viewport=viewport, locale=lang)
        self.context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.page = self.context.new_page()
        self.pending: set = set()
        self.page.on("request", lambda request: (self.requests.append(request.url), self.pending.add(request)))
        self.page.on("requestfinished", lambda request: self.pending.discard(request))
        self.page.on("requestfailed", lambda request: (self.pending.discard(request), self.problems.append(
            f"request failed: {request.url} ({request.failure})")))
        self.page.on("response", lambda response: response.status >= 400 and self.problems.append(
            f"HTTP {response.status}: {response.url}"))
        self.page.on("console", lambda message: message.type == "error" and self.problems.append(
            f"console error: {message.text}"))
        self.page.on("pageerror", lambda error: self.problems.append(f"JavaScript error: {error}"))

    def load(self, url: str) -> None:
        self.requests.clear()
        self.page.goto(url, wait_until="load")
        wait_for_no_pending(self.page, self.pending)

    def asked_for(self, pattern: str) -> list[str]:
        return [url for url in self.requests if re.search(pattern, urlsplit(url).path)]

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_the_search_index_is_fetched_when_a_search_starts_and_then_finds(browser, served, real_site, lang):
    """Focus on the search field fetches this language's index, once; typing then lists results."""
    tab = Traffic(browser, DESKTOP, lang)
    try:
        tab.load(served("real_site") + lang_url(lang, "webinars/"))
        assert not tab.asked_for(r"search_index\.json$")
        with tab.page.expect_response(re.compile(r"/search/search_index\.json$")):
            tab.page.locator(SEARCH_FIELD).click()
        wait_for_no_pending(tab.page, tab.pending)
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
    tab = Traffic(browser, DESKTOP, "en")
    try:
        tab.load(served("real_site") + "about/?h=webinar")
        assert len(tab.asked_for(r"search_index\.json$")) == 1
        assert not tab.problems, tab.problems
    finally:
        tab.close()
