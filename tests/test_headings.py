"""Headings' "¶" permalinks: bound to the heading's last word, titled in the page's language."""

from __future__ import annotations

import re

import pytest

from hub.headings import keep_permalinks_with_words
from hub.localize import Formatter

from conftest import LANGS, lang_url, page

LINK = '<a class="headerlink" href="#x" title="t">&para;</a>'


@pytest.mark.parametrize("heading, expected", [
    (f"<h2 id=x>Upcoming webinars{LINK}</h2>", f'<h2 id=x>Upcoming <span class="hub-keep">webinars{LINK}</span></h2>'),
    (f"<h2>الندوات الإلكترونية المقبلة{LINK}</h2>", f'<h2>الندوات الإلكترونية <span class="hub-keep">المقبلة{LINK}</span></h2>'),
    (f"<h2>即将举行的网络研讨会{LINK}</h2>", f'<h2>即将举行的网络研<span class="hub-keep">讨会{LINK}</span></h2>'),
    (f"<h2>PDF文件{LINK}</h2>", f'<h2>PDF<span class="hub-keep">文件{LINK}</span></h2>'),
    (f"<h2>关于 CDIP/25/3{LINK}</h2>", f'<h2>关于 <span class="hub-keep">CDIP/25/3{LINK}</span></h2>'),
    (f"<h2>文件CDIP/25/3{LINK}</h2>", f'<h2>文件<span class="hub-keep">CDIP/25/3{LINK}</span></h2>'),
    (f"<h3>Q&amp;A{LINK}</h3>", f'<h3><span class="hub-keep">Q&amp;A{LINK}</span></h3>'),
    (f"<h2>{'知识产权' * 20}{LINK}</h2>", f'<h2>{"知识产权" * 19}知识<span class="hub-keep">产权{LINK}</span></h2>'),
])
def test_the_permalink_is_bound_to_the_last_word(heading, expected):
    assert keep_permalinks_with_words(heading) == expected


@pytest.mark.parametrize("heading", [
    f"<h2>Add a file <code>webinars/x.yml</code>{LINK}</h2>",  # ends in markup: left as it is
    f"<h2>Add it {LINK}</h2>",  # a space before the link: a break is already allowed there
    f"<p>Not a heading{LINK}</p>",
    "<h2>No permalink</h2>",
    f"<h2>{'x' * 61}{LINK}</h2>",  # a word too long to keep unbreakable with it
])
def test_other_markup_is_left_as_it_is(heading):
    assert keep_permalinks_with_words(heading) == heading


@pytest.mark.parametrize("lang", LANGS)
def test_built_headings_keep_their_permalink_with_a_word_and_title_it_in_the_pages_language(real_site, fixture_site, lang):
    title = Formatter(lang).t("permalink_title")
    seen = 0
    for site, path in ((real_site, ""), (fixture_site, ""), (fixture_site, "staff-guide/"), (real_site, "about/")):
        for link in page(site, lang_url(lang, path)).select(".md-content .headerlink"):
            seen += 1
            assert link["title"] == title, (path, link)
            heading = link.find_parent(["h1", "h2", "h3", "h4", "h5", "h6"])
            if heading.find("code") is None:
                assert link.parent.get("class") == ["hub-keep"] and link.parent.get_text(strip=True) != "¶", heading
    assert seen > 4


@pytest.mark.parametrize("lang", LANGS)
def test_heading_ids_are_made_of_the_headings_own_words(real_site, fixture_site, lang):
    """A link to a section reads as the section: "#التسجيل", "#注册", not "#_1" (Python-Markdown's default slug
    drops every letter outside ASCII); each id unique on its page, and the table of contents links to it. A
    webinar page's own sections have fixed ids, the same in every language ("#registration"): no "_1" either."""
    seen = 0
    for site, path, own_words in ((real_site, "", True), (fixture_site, "staff-guide/", True),
                                  (real_site, "about/", True),
                                  (fixture_site, "webinars/2027-03-28-upcoming-across-dst/", False)):
        doc = page(site, lang_url(lang, path))
        ids = [element["id"] for element in doc.select("[id]")]
        assert len(ids) == len(set(ids)), (path, sorted(i for i in ids if ids.count(i) > 1))
        for link in doc.select(".md-content .headerlink"):
            heading = link.find_parent(["h1", "h2", "h3", "h4", "h5", "h6"])
            words = [word for word in re.split(r"\W+", heading.get_text(" ", strip=True).lower()) if word]
            assert not re.fullmatch(r"_\d+", heading["id"]), (path, heading["id"], heading.get_text())
            assert not own_words or any(word in heading["id"] for word in words), (path, heading["id"], words)
            assert link["href"] == "#" + heading["id"]
            seen += 1
        for entry in doc.select(".md-sidebar--secondary a.md-nav__link[href^='#']"):
            assert doc.find(id=entry["href"][1:]) is not None, (path, entry["href"])
    assert seen > 4
