"""Provenance is data, shown to readers: each webinar and expert page ends with where its facts come from
(``sources``: a document symbol and its paragraphs, or a web page with its title, language and date), in the
page's language; a symbol links to the organisation's page only when the site is configured to."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hub.localize import Formatter

from conftest import LANGS, ROOT, build_in_process, lang_url, page, small_project

REAL = ROOT / "webinars"


def data_pages() -> list[tuple[str, dict]]:
    """(page path, data) of every real webinar and expert file."""
    files = [(f"webinars/{path.stem}/", path) for path in sorted(REAL.glob("*.yml"))]
    files += [(f"experts/{path.stem}/", path) for path in sorted((REAL / "experts").glob("*.yml"))]
    return [(url, yaml.safe_load(path.read_text(encoding="utf-8"))) for url, path in files]


def expected_line(source: dict, f: Formatter, lang: str) -> str:
    """What a reader sees for one source, built from the data and the UI strings (not from the page)."""
    parts = []
    title = source.get("title")
    if source.get("url"):
        parts.append(title.get(lang, title["en"]) if title else (source.get("document") or source["url"]))
        if title and source.get("document"):
            parts.append(source["document"])
    else:
        parts.append(source["document"])
    if source.get("paragraphs"):
        parts.append(f.t("source_paragraphs", paragraphs=f.and_list(source["paragraphs"].split(", "))))
    if source.get("language"):
        parts.append(f.language_name(source["language"]))
    if source.get("published"):
        parts.append(f.t("published_on", date=f.date(source["published"])))
    return f.t("comma").join(parts)


def normalized(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_every_real_file_names_its_sources():
    """The provenance the files carried as comments is now a field of each of them."""
    missing = [url for url, data in data_pages() if not data.get("sources")]
    assert not missing, f"files without sources: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_each_page_ends_with_its_sources_in_its_language(real_site, lang):
    f = Formatter(lang)
    for url, data in data_pages():
        soup = page(real_site, lang_url(lang, url))
        # What the page links to under "Reports and news" (a past webinar's) is not listed again as a source.
        reported = {link["url"] for link in data.get("report_links", [])} if url.startswith("webinars/") else set()
        sources = [source for source in data["sources"] if source.get("url") not in reported]
        links = {a["href"] for a in soup.select(".hub-report-links a")}
        assert reported <= links, url  # (every real webinar is past: its report links are shown)
        if not sources:
            assert soup.find(id="sources") is None and soup.select_one(".hub-sources") is None, url
            continue
        heading = soup.find(id="sources")
        assert heading is not None and normalized(heading.get_text()).rstrip("¶") == f.t("sources"), url
        box = soup.select_one(".hub-sources")
        assert normalized(box.p.get_text()) == normalized(f.t("sources_intro")), url
        shown = [normalized(item.get_text()) for item in box.select("li")]
        assert shown == [normalized(expected_line(source, f, lang)) for source in sources], url
        for item, source in zip(box.select("li"), sources):
            link = item.find("a")
            if source.get("url"):
                assert link["href"] == source["url"] and link.get("hreflang") == source.get("language"), url
            else:
                assert link is None, url  # no document pattern configured: the symbol stays text
        assert box.has_attr("data-pagefind-ignore"), "a list of sources is not what a search result should show"


LINKED_LANGS = ("en", "ar", "zh")  # the linked site is built in these only (Latin, right-to-left, CJK)
LINKED_WEBINAR = """\
# Fictional: a past webinar citing a document of the organisation and a web page (in English only).
series: demo-series
number: 1
title:
  en: A fictional past webinar
language: en
date: 2026-01-15
sources:
  - document: CDIP/99/9
    paragraphs: "3, 4"
  - url: https://example.org/fictional-news
    title:
      en: Fictional news item
    language: en
    published: 2026-01-20
"""


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory) -> Path:
    """A small site with a fictional document-page pattern configured, and a past webinar citing a document
    and a web page."""
    project = small_project(tmp_path_factory.mktemp("sources"), LINKED_LANGS, {
        "series/demo-series.yml": "# Fictional.\ntitle:\n  en: A fictional series\n  ar: سلسلة خيالية\n  zh: 虚构系列\n",
        "2026-01-15-past-with-recording.yml": LINKED_WEBINAR})
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace('document_url: ""', 'document_url: "https://example.org/docs/{lang}/{symbol}"')
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return build_in_process(project)


@pytest.mark.parametrize("lang", LINKED_LANGS)
def test_a_document_source_links_to_its_page_when_configured(linked_site, lang):
    soup = page(linked_site, lang_url(lang, "webinars/2026-01-15-past-with-recording/"))
    items = soup.select(".hub-sources li")
    assert len(items) == 2
    document = items[0].find("a")
    assert document["href"] == f"https://example.org/docs/{lang}/CDIP/99/9" and document.get_text() == "CDIP/99/9"
    # Paragraphs 3 and 4 joined as the language joins a list: no Latin comma between digits in an Arabic
    # sentence (it would take the sentence's direction and read as out-of-place punctuation).
    assert {"en": "paragraphs 3 and 4", "ar": "الفقرات 3 و4", "zh": "第3和4段"}[lang] in items[0].get_text()
    news = items[1].find("a")
    assert news["href"] == "https://example.org/fictional-news" and news["hreflang"] == "en"
    # A title in the page's language, else English (marked as English for screen readers).
    assert news.get_text() == "Fictional news item"
    if lang != "en":
        assert news.get("lang") == "en"


def test_a_file_without_sources_shows_no_empty_section(fixture_site):
    soup = page(fixture_site, lang_url("en", "webinars/2027-03-28-upcoming-across-dst/"))
    assert soup.find(id="sources") is None and soup.select_one(".hub-sources") is None


@pytest.mark.parametrize("lang, expected", [("en", "6, 7, and 14–16"), ("fr", "6, 7 et 14–16"),
                                            ("ar", "6 و7 و14–16"), ("zh", "6、7和14–16"), ("ru", "6, 7 и 14–16"),
                                            ("es", "6, 7 y 14–16"), ("en", "1200")])
def test_paragraph_numbers_and_ranges_read_as_a_list_of_the_language(lang, expected):
    """Labels, not amounts (no grouping separator); ranges with an en dash; the language's own list words."""
    text = "1200" if expected == "1200" else "6, 7, 14-16"
    assert Formatter(lang).numbers_list(text) == expected
