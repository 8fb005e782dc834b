"""Search: one index per language, which only that language's pages load (hooks/search_per_language.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest

from browser_support import CHROMIUM_ARGS, require_chromium
from conftest import LANGS, ROOT, lang_url, page
from hub.catalog import load_catalog

SITE_URL = "https://example.github.io/webinar-hub/"  # as conftest.build sets it
ZWSP = "\u200b"
FRENCH_TITLE_I = ("Comment tirer parti des nouveaux outils et des nouvelles méthodes pour fournir une "
                  "assistance technique efficace dans les pays arabes")
SLUG_I = "2019-09-18-new-tools-arab-countries"


def index_path(site: Path, lang: str) -> Path:
    return site / lang_url(lang, "search") / "search_index.json"


def load_index(site: Path, lang: str) -> dict:
    return json.loads(index_path(site, lang).read_text(encoding="utf-8"))


def plain(text: str) -> str:
    """An index text without jieba's zero-width spaces."""
    return text.replace(ZWSP, "")


@pytest.fixture(scope="module")
def titles() -> dict[str, dict[str, str]]:
    """The webinar titles of the repository's data: {slug: {lang: title}}."""
    return {slug: dict(entry.data.title) for slug, entry in load_catalog(ROOT).webinars.items()}


def page_titles(index: dict, slug: str) -> list[str]:
    return [plain(doc["title"]) for doc in index["docs"] if urldefrag(doc["location"])[0] == f"webinars/{slug}/"]


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_index_with_its_titles(real_site, titles, lang):
    index = load_index(real_site, lang)
    assert index["config"]["lang"] == [lang]
    for slug, by_lang in titles.items():
        if lang in by_lang:
            assert any(by_lang[lang] in title for title in page_titles(index, slug)), (slug, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_an_index_holds_no_other_language(real_site, titles, lang):
    index = load_index(real_site, lang)
    others = tuple(f"{other}/" for other in LANGS if other != "en")
    assert index["docs"]
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith(others)]
    text = "\n".join(plain(doc["title"]) for doc in index["docs"])
    for other in LANGS:
        if other != lang and titles[SLUG_I][other] != titles[SLUG_I][lang]:
            assert titles[SLUG_I][other] not in text, (lang, other)


def test_the_french_index_finds_webinar_i_by_its_french_title(real_site):
    index = load_index(real_site, "fr")
    assert any(FRENCH_TITLE_I in title for title in page_titles(index, SLUG_I))
    assert FRENCH_TITLE_I not in index_path(real_site, "en").read_text(encoding="utf-8")


def test_chinese_titles_are_split_into_words(real_site, titles):
    """Material's search plugin segments Chinese with jieba and joins the words with U+200B."""
    index = load_index(real_site, "zh")
    separator = re.compile(index["config"]["separator"])  # Python reads the \uXXXX escapes too
    for slug, by_lang in titles.items():
        raw = [doc["title"] for doc in index["docs"]
               if urldefrag(doc["location"])[0] == f"webinars/{slug}/" and by_lang["zh"] in plain(doc["title"])]
        assert raw, slug
        assert ZWSP in raw[0]
        words = [word for word in separator.split(raw[0]) if word]
        assert len(words) > 3, (slug, raw[0])  # words, not one token for the whole title
        assert "知识产权" in words or "技术" in words, words


@pytest.mark.parametrize("lang", LANGS)
def test_the_separator_splits_at_zero_width_spaces(real_site, lang):
    separator = load_index(real_site, lang)["config"]["separator"]
    assert "\\u200b" in separator or ZWSP in separator


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["", "webinars/", f"webinars/{SLUG_I}/", "about/"])
def test_pages_load_their_own_language_index(real_site, lang, path):
    """Material's JavaScript: base = new URL(__config.base, location); index = new URL("search/search_index.json", base)."""
    url = urljoin(SITE_URL, lang_url(lang, path))
    config = json.loads(page(real_site, lang_url(lang, path)).select_one("script#__config").string)
    base = urljoin(url, config["base"])
    assert urljoin(base, "search/search_index.json") == urljoin(SITE_URL, lang_url(lang, "search/search_index.json"))


@pytest.mark.parametrize("lang", LANGS)
def test_search_results_lead_to_pages_of_the_language(real_site, lang):
    """Result locations are resolved against the same base as the index: each must be a built page."""
    base = urljoin(SITE_URL, lang_url(lang, ""))
    for doc in load_index(real_site, lang)["docs"]:
        target = urldefrag(urljoin(base, doc["location"]))[0]
        assert target.startswith(base)
        relative = target[len(SITE_URL):]
        assert (real_site / relative / "index.html").is_file(), doc["location"]


def test_no_merged_index_of_every_language(real_site):
    root = load_index(real_site, "en")
    sizes = [len(load_index(real_site, lang)["docs"]) for lang in LANGS]
    assert len(root["docs"]) == sizes[0] < sum(sizes)


# In a browser: Material's own JavaScript loads the index and shows results (Debian's chromium).

@pytest.fixture(scope="module")
def served(real_site):
    """The site served under /webinar-hub/, the sub-path of SITE_URL, on a free local port."""
    import functools
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            prefix = "/webinar-hub"
            return super().translate_path(path[len(prefix):] if path.startswith(prefix + "/") else "/-/")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(real_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/webinar-hub/"
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, expected", [
    ("fr", "pays arabes", FRENCH_TITLE_I),
    ("zh", "阿拉伯国家", "阿拉伯"),
    ("en", "Arab countries", "Arab countries"),
])
def test_searching_in_the_browser_finds_pages_of_the_page_language(served, lang, query, expected):
    chromium = require_chromium()  # fails in CI when missing (skips, saying so, on a developer's machine)
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            fetched: list[str] = []
            tab.on("request", lambda request: fetched.append(request.url))
            tab.goto(served + lang_url(lang, f"webinars/{SLUG_I}/"))
            tab.wait_for_load_state("networkidle")
            for attempt in range(6):  # the search worker may still be indexing: Material drops early queries
                tab.fill("input.md-search__input", query, timeout=5000)
                tab.keyboard.press("End")  # Material reads the query on keyup (fill alone types no key)
                try:
                    tab.wait_for_selector(".md-search-result__item", timeout=2500)
                    break
                except sync_api.TimeoutError:
                    continue
            links = tab.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
            text = tab.inner_text(".md-search-result")
        finally:
            browser.close()
    assert [url for url in fetched if url.endswith("search_index.json")] == [served + lang_url(lang, "search/search_index.json")]
    assert links and all(link.startswith(served + lang_url(lang, "")) for link in links)
    if lang == "en":
        others = tuple(served + f"{other}/" for other in LANGS if other != "en")
        assert not [link for link in links if link.startswith(others)]
    assert expected in text.replace(ZWSP, "")
    assert any(f"webinars/{SLUG_I}/" in link for link in links)
