"""The search (Pagefind) in a real browser: fetched when a search starts, and only then. What every page view asks the network for (no failure, no sitemap.xml, no search index before a
search, no console error) is checked once per page, language and width in test_page_views.py.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from browser_support import DESKTOP, wait_for_no_pending
from conftest import lang_url

pytestmark = pytest.mark.browser

SEARCH_BUTTON, SEARCH_INPUT = ".hub-search-open", "#hub-search-input"


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
def test_the_search_is_fetched_when_a_search_starts_and_then_finds(browser, served, real_site, lang):
    """Opening the search loads Pagefind (its script, this language's wasm and metadata) from the site's
    pagefind/ folder, once; typing then fetches index chunks and lists results. Nothing of it before."""
    tab = Traffic(browser, DESKTOP, lang)
    try:
        tab.load(served("real_site") + lang_url(lang, "webinars/"))
        assert not tab.asked_for(r"/pagefind/"), tab.asked_for(r"/pagefind/")
        with tab.page.expect_response(re.compile(r"/pagefind/pagefind\.js$")):
            tab.page.locator(SEARCH_BUTTON).click()
        tab.page.wait_for_selector("#hub-search[data-ready]", state="attached")  # Pagefind loaded (hub.js)
        wait_for_no_pending(tab.page, tab.pending)
        assert len(tab.asked_for(r"/pagefind/pagefind\.js$")) == 1
        assert all(urlsplit(url).path.startswith("/webinar-hub/pagefind/") for url in tab.asked_for(r"/pagefind/"))
        word = {"en": "strategy", "ar": "استراتيجية", "zh": "战略"}[lang]
        tab.page.locator(SEARCH_INPUT).press_sequentially(word, delay=20)
        tab.page.wait_for_function(
            "w => document.querySelector('#hub-search').dataset.query === w && "
            "document.querySelectorAll('.hub-search__result a[href]').length > 0", arg=word, timeout=10000)
        wait_for_no_pending(tab.page, tab.pending)
        assert tab.asked_for(r"/pagefind/index/") and tab.asked_for(r"/pagefind/fragment/")
        metadata = tab.asked_for(r"\.pf_meta$")  # this language's metadata only
        assert metadata and all(f"/pagefind.{lang}_" in url for url in metadata), metadata
        assert len(tab.asked_for(r"/pagefind/pagefind\.js$")) == 1  # once, whatever the keystrokes
        assert not tab.problems, tab.problems
    finally:
        tab.close()
