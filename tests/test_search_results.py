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
