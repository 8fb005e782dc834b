"""Headings' "¶" permalinks: bound to the heading's last word, titled in the page's language."""

from __future__ import annotations

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
