"""Search results read well (Pagefind's fragments: what each page gives the index and the result shows):
a webinar's result is its title, then a real sentence with its date, with the date and the webinar's language as
its metadata from the page's own facts; no chart text (axis ticks, legend squares), no run of fact labels
("Date … Format … Language …"), nothing drawn for the eye only, no "¶" in any result's text."""

from __future__ import annotations

import gzip
import json
import re
from datetime import date
from pathlib import Path

import pytest

from hub.localize import Formatter

from conftest import LANGS, lang_url

ZERO_WIDTH = re.compile("[\u200b\u00a0\u202f]")  # the Chinese pages are indexed split at ICU's word boundaries


def fragments(site: Path) -> dict[str, list[dict]]:
    """Every page Pagefind indexed, by language: {lang: [{url, content, meta, …}]} (fragment/<lang>_<hash>)."""
    found: dict[str, list[dict]] = {}
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        found.setdefault(path.name.split("_", 1)[0], []).append(json.loads(data[len(b"pagefind_dcd"):]))
    return found


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", ZERO_WIDTH.sub(" ", text)).strip()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", ZERO_WIDTH.sub("", text))


@pytest.fixture(scope="module")
def indexed(real_site) -> dict[str, list[dict]]:
    return fragments(real_site)


def webinar_slugs(site: Path) -> list[str]:
    return [p.name for p in (site / "webinars").iterdir() if p.is_dir() and p.name[:4].isdigit()]


@pytest.mark.parametrize("lang", LANGS)
def test_webinar_results_have_title_date_and_a_sentence(real_site, indexed, lang):
    from bs4 import BeautifulSoup

    f = Formatter(lang)
    by_url = {entry["url"]: entry for entry in indexed[lang]}
    slugs = webinar_slugs(real_site)
    assert slugs
    for slug in slugs:
        url = "/" + lang_url(lang, f"webinars/{slug}/")
        entry = by_url[url]
        soup = BeautifulSoup((real_site / lang_url(lang, f"webinars/{slug}/index.html")).read_text("utf-8"), "lxml")
        title = soup.select_one("article h1").get_text(" ", strip=True)
        assert squeeze(entry["meta"]["title"]) == squeeze(title), (slug, entry["meta"])
        # The date and the language come from the page's facts panel, as the page shows them.
        assert entry["meta"]["date"] == soup.select_one(".hub-fact--date time").get_text(strip=True), slug
        assert entry["meta"]["date"].strip() and squeeze(f.date(date.fromisoformat(slug[:10]))) == squeeze(entry["meta"]["date"])
        language = soup.select_one(".hub-fact--language dd")
        if language is not None and not language.select_one(".hub-unknown"):
            assert entry["meta"]["language"] == language.get_text(strip=True), slug
        else:
            assert "language" not in entry["meta"], slug
        text = plain(entry["content"])
        assert squeeze(text).startswith(squeeze(title)), (slug, text[:200])  # the title is searched too
        rest = plain(squeeze(text)[len(squeeze(title)):]) if lang == "zh" else text[len(plain(title)):].strip()
        # After the title, the first words are a sentence that gives the date (in the page's own date style).
        assert squeeze(f.date(date.fromisoformat(slug[:10]))) in squeeze(rest[:200]), (slug, rest[:200])
        for label in ("date", "format", "mandate", "language", "time", "duration"):
            assert not squeeze(rest).startswith(squeeze(f.t(label))), (slug, label, rest[:120])
        assert squeeze(f.t("mandate")) not in squeeze(text), (slug, text[:300])


@pytest.mark.parametrize("lang", LANGS)
def test_no_chart_text_or_fact_labels_in_the_index(indexed, lang):
    f = Formatter(lang)
    for entry in indexed[lang]:
        text = plain(entry["content"])
        assert "■" not in text, (entry["url"], text[:200])
        assert "¶" not in text and "¶" not in entry["meta"].get("title", ""), (entry["url"], text[:200])
        assert not re.search(r"\b0 (?:200|100|50) (?:400|200|100) ", text), (entry["url"], text[:200])
        # A fact panel flattened: the date label followed by a date.
        assert not re.search(re.escape(plain(f.t("date"))) + r" \S+ \d", text) or "staff-guide" in entry["url"], \
            (entry["url"], text[:200])


@pytest.mark.parametrize("lang", ["en", "ar", "zh", "ru"])
def test_text_hidden_from_screen_readers_is_not_in_the_index(real_site, indexed, lang):
    """A card's date badge (month, day, year drawn for the eye, aria-hidden) stays out of the results: the
    full date beside it is indexed once, never run together as "September 18, 2019Sep182019"."""
    from bs4 import BeautifulSoup

    pages = [p for p in (real_site / lang_url(lang, "")).rglob("index.html")
             if lang != "en" or p.relative_to(real_site).parts[0] not in LANGS]
    checked = 0
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        body = soup.select_one("[data-pagefind-body]")
        for hidden in (body.select('[aria-hidden="true"]') if body else []):
            if hidden.get_text(strip=True) and not hidden.find_parent(attrs={"data-pagefind-ignore": True}) \
                    and not hidden.has_attr("data-pagefind-ignore"):
                raise AssertionError(f"{path.relative_to(real_site)}: indexed but hidden: {hidden}")
            checked += 1
    assert checked, "no card date badge found: the test looks at nothing"
    f = Formatter(lang)
    day = date(2019, 9, 18)  # the first pilot webinar, on the series page and the webinars page
    parts = f.date_badge(day)
    badge = squeeze(parts["month"] + parts["day"] + parts["year"])  # what the eye reads on the card
    whole = squeeze(f.date(day))
    for entry in indexed[lang]:
        text = squeeze(entry["content"])
        assert text.count(whole + whole) == 0, entry["url"]
        assert badge not in text, (entry["url"], plain(entry["content"])[:300])


def test_only_pages_with_content_are_indexed(real_site, indexed):
    """The page bodies only: not the 404 page, the staff editor or the embeds (no data-pagefind-body)."""
    urls = [entry["url"] for entries in indexed.values() for entry in entries]
    assert not [url for url in urls if "404" in url or url.startswith("/admin") or "/embed/" in url], urls
    pages = [p for p in real_site.rglob("index.html") if "pagefind" not in p.parts and "admin" not in p.parts]
    assert len(urls) == len(pages), (len(urls), len(pages))
