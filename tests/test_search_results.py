"""Search results read well (search/search_index.json of each language, as Material's search shows them):
a webinar's result is its title, then a real sentence with its date; no chart text (axis ticks, legend
squares) and no run of fact labels ("Date … Format … Language …") in any result's text."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from hub.localize import Formatter

from conftest import LANGS, lang_url

TAG = re.compile(r"<[^>]+>")
ZERO_WIDTH = re.compile("[\u200b\u00a0\u202f]")  # the Chinese index is segmented with zero-width spaces


def index(site, lang):
    return json.loads((site / lang_url(lang, "search/search_index.json")).read_text(encoding="utf-8"))["docs"]


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", ZERO_WIDTH.sub(" ", TAG.sub(" ", text))).strip()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", ZERO_WIDTH.sub("", TAG.sub("", text)))


@pytest.mark.parametrize("lang", LANGS)
def test_webinar_results_have_title_date_and_a_sentence(real_site, lang):
    f = Formatter(lang)
    docs = {d["location"]: d for d in index(real_site, lang)}
    slugs = [p.name for p in (real_site / "webinars").iterdir() if p.is_dir() and p.name[:4].isdigit()]
    assert slugs
    for slug in slugs:
        entry = docs[f"webinars/{slug}/"]
        text = plain(entry["text"])
        assert squeeze(entry["title"]), slug
        data_date = date.fromisoformat(slug[:10])
        # The first words are a sentence that gives the date (in the page's own date style).
        assert squeeze(f.date(data_date)) in squeeze(text[:200]), (slug, text[:200])
        assert text and text.rstrip()[-1] in ".。.؟?!" or "." in text or "。" in text, (slug, text[:200])
        for label in ("date", "format", "mandate", "language", "time", "duration"):
            assert not squeeze(text).startswith(squeeze(f.t(label))), (slug, label, text[:120])
        assert squeeze(f.t("mandate")) not in squeeze(text), (slug, text[:300])


@pytest.mark.parametrize("lang", LANGS)
def test_no_chart_text_or_fact_labels_in_the_index(real_site, lang):
    f = Formatter(lang)
    for entry in index(real_site, lang):
        text = plain(entry["text"])
        assert "■" not in text, (entry["location"], text[:200])
        assert not re.search(r"\b0 (?:200|100|50) (?:400|200|100) ", text), (entry["location"], text[:200])
        # A fact panel flattened: the date label followed by a date.
        assert not re.search(re.escape(plain(f.t("date"))) + r" \S+ \d", text) or entry["location"].startswith("staff-guide"), \
            (entry["location"], text[:200])


@pytest.mark.parametrize("lang", ["en", "ar", "zh", "ru"])
def test_text_hidden_from_screen_readers_is_not_in_the_index(real_site, lang):
    """A card's date badge (month, day, year drawn for the eye, aria-hidden) stays out of the results: the
    full date beside it is indexed once, never run together as "September 18, 2019Sep182019"."""
    from bs4 import BeautifulSoup

    pages = [p for p in (real_site / lang_url(lang, "")).rglob("index.html")
             if lang != "en" or p.relative_to(real_site).parts[0] not in LANGS]
    checked = 0
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        article = soup.select_one("article")
        for hidden in (article.select('[aria-hidden="true"]') if article else []):
            if hidden.get_text(strip=True) and not hidden.find_parent(attrs={"data-search-exclude": True}) \
                    and not hidden.has_attr("data-search-exclude"):
                raise AssertionError(f"{path.relative_to(real_site)}: indexed but hidden: {hidden}")
            checked += 1
    assert checked, "no card date badge found: the test looks at nothing"
    f = Formatter(lang)
    day = date(2019, 9, 18)  # the first pilot webinar, on the series page and the webinars page
    parts = f.date_badge(day)
    badge = squeeze(parts["month"] + parts["day"] + parts["year"])  # what the eye reads on the card
    whole = squeeze(f.date(day))
    for doc in index(real_site, lang):
        text = squeeze(doc["text"])
        assert text.count(whole + whole) == 0, doc["location"]
        assert badge not in text, (doc["location"], plain(doc["text"])[:300])
