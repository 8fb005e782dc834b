"""Fixes made to a page's HTML on the output (hub/markup.py): addresses read left to right, the current language said."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from hub.markup import (bind_separators, break_paths_at_slashes, finish_content, isolate_addresses,
                        isolate_code_comments, join_cjk_lines, keep_dates_whole, mark_current_language)

from conftest import LANGS, ROOT, lang_url, page


@pytest.mark.parametrize("html, expected", [
    ('<p>افتح <a href="http://127.0.0.1:8000/">http://127.0.0.1:8000/</a> في المتصفح</p>',
     '<p>افتح <a dir="ltr" href="http://127.0.0.1:8000/">http://127.0.0.1:8000/</a> في المتصفح</p>'),
    ('<a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>',
     '<a dir="ltr" href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>'),
    ('<a class="x" href="https://e.org/">https://e.org/</a> and <a href="https://f.org/">https://f.org/</a>',
     '<a dir="ltr" class="x" href="https://e.org/">https://e.org/</a> and '
     '<a dir="ltr" href="https://f.org/">https://f.org/</a>'),
])
def test_a_link_that_shows_its_address_reads_left_to_right(html, expected):
    assert isolate_addresses(html) == expected


def _code(kind: str, text: str) -> str:
    return f'<pre><code class="language-{kind}">{text}</code></pre>'


@pytest.mark.parametrize("kind, text, expected", [
    ("yaml", "# مثال فقط: قيم خيالية.", '<span dir="auto"># مثال فقط: قيم خيالية.</span>'),
    ("yaml", "series: demo   # معرّف السلسلة: ملف في webinars/series/\nnumber: 3",
     'series: demo   <span dir="auto"># معرّف السلسلة: ملف في webinars/series/</span>\nnumber: 3'),
    ("yaml", 'title: "Brand #1 (example)"  # العنوان', 'title: "Brand #1 (example)"  <span dir="auto"># العنوان</span>'),
    ("yaml", "url: https://example.org/page#part", "url: https://example.org/page#part"),
    ("sh", "./hub check    # يتحقق", './hub check    <span dir="auto"># يتحقق</span>'),
    ("text", "no comment here", "no comment here"),
])
def test_a_comment_in_a_code_example_takes_its_own_direction(kind, text, expected):
    assert isolate_code_comments(_code(kind, text)) == _code(kind, expected)


@pytest.mark.parametrize("html", [
    '<p>Mark <code># not code</code> as a comment</p>',  # inline code: no line of its own
    '<pre><code class="language-python"># a Python comment</code></pre>',  # not one of the data or shell examples
    '<pre><code># a block without a language</code></pre>',
])
def test_only_the_comments_of_yaml_and_shell_examples_are_isolated(html):
    assert isolate_code_comments(html) == html


@pytest.mark.parametrize("html", [
    '<a href="https://example.org/">the organisation</a>',  # words: they take the paragraph's direction
    '<a dir="rtl" href="https://e.org/">https://e.org/</a>',  # a direction of its own: kept
    '<a href="https://e.org/"><code>https://e.org/</code></a>',  # code: isolated already (hub.css)
    '<p>https://example.org/ in plain text</p>',
])
def test_other_links_and_text_are_left_as_they_are(html):
    assert isolate_addresses(html) == html


@pytest.mark.parametrize("html, expected", [
    ("<p>in <code>webinars/files/</code></p>", "<p>in <code>webinars/<wbr>files/</code></p>"),
    ("<code>http://127.0.0.1:8000/admin/</code>", "<code>http://<wbr>127.0.0.1:8000/<wbr>admin/</code>"),
    ("<code>webinars/&lt;name&gt;.yml</code>", "<code>webinars/<wbr>&lt;name&gt;.yml</code>"),
    ("<code>./hub new</code>", "<code>./<wbr>hub new</code>"),
    ("<pre><code>webinars/files/</code></pre>", "<pre><code>webinars/files/</code></pre>"),  # a block: left
    ('<pre><code class="language-sh">a/b</code></pre>', '<pre><code class="language-sh">a/b</code></pre>'),
    ("<code>no path</code>", "<code>no path</code>"),
])
def test_a_path_in_a_sentence_breaks_at_its_slashes(html, expected):
    assert break_paths_at_slashes(html) == expected


def test_only_the_pages_own_language_is_marked_current():
    links = "".join(f'<a href="/{code}/" hreflang="{code}" class="md-select__link">{code}</a>' for code in LANGS)
    marked = mark_current_language(links, "ar")
    assert marked.count('aria-current="true"') == 1
    assert 'hreflang="ar" class="md-select__link" aria-current="true">' in marked
    assert mark_current_language(links, "xx") == links


@pytest.mark.parametrize("html, expected", [
    ("<p>到它。\n使用助手</p>", "<p>到它。使用助手</p>"),
    ("<p>选择 Series，  \n  然后点击</p>", "<p>选择 Series，然后点击</p>"),
    ("<li>书写。\n系列\n的数据</li>", "<li>书写。系列的数据</li>"),
    # Latin or a tag on either side: the space stays (between Chinese and Latin words, a space is usual).
    ("<p>运行\n<code>./hub check</code>\n命令</p>", "<p>运行\n<code>./hub check</code>\n命令</p>"),
    ("<p>The report.\nNext line.</p>", "<p>The report.\nNext line.</p>"),
    # Code blocks keep their lines.
    ('<pre><code>title:\n  zh: 标题\n标题</code></pre><p>一。\n二</p>', '<pre><code>title:\n  zh: 标题\n标题</code></pre><p>一。二</p>'),
])
def test_chinese_lines_of_one_paragraph_join_without_a_space(html, expected):
    assert join_cjk_lines(html) == expected


def test_no_chinese_page_shows_a_space_between_two_chinese_characters_where_its_source_broke_a_line(real_site, fixture_site):
    """The Chinese pages as built: no line break left between two Chinese characters outside code (a browser draws
    it as a space: "到它。 使用"); the hand-written pages' sources do break lines there."""
    import re

    assert re.search(r"[。，]\n[\u4e00-\u9fff]", (ROOT / "docs" / "staff-guide.zh.md").read_text(encoding="utf-8"))
    for site, path in ((fixture_site, "staff-guide/"), (real_site, "about/"), (real_site, "take-part/"), (real_site, "")):
        doc = page(site, lang_url("zh", path))
        blocks = doc.select(".md-content p") + [item for item in doc.select(".md-content li")
                                                if not item.select("div, p, ul, ol, h2, h3, h4")]  # text only
        assert blocks, path
        for block in blocks:
            text = block.get_text()
            assert not re.search(r"[\u3000-\u9fff\uff00-\uffef]\s*\n\s*[\u3000-\u9fff\uff00-\uffef]", text), (path, text[:120])


@pytest.mark.parametrize("html, locale, expected", [
    ("<p>研讨会 I，2026年1月15日，以英文举行。</p>", "zh_Hans_CN", "<p>研讨会 I，<k>2026年1月15日</k>，以英文举行。</p>"),
    ("<p>September 18 – December 17, 2019 · 8</p>", "en_US", "<p>September 18 – <k>December 17, 2019</k> · 8</p>"),
    ("<p>le 17 décembre 2019 et le 5 mai 2020</p>", "fr_FR", "<p>le <k>17 décembre 2019</k> et le <k>5 mai 2020</k></p>"),
    ("<p>17 декабря 2019\u202fг. и</p>", "ru_RU", "<p><k>17 декабря 2019\u202fг.</k> и</p>"),
    ("<p>el 17 de diciembre de 2019.</p>", "es_ES", "<p>el <k>17 de diciembre de 2019</k>.</p>"),
    ("<p>في 17 ديسمبر 2019</p>", "ar", "<p>في <k>17 ديسمبر 2019</k></p>"),
    # Not in code, scripts, attributes or the title; not a month name that is no date.
    ('<pre><code>date: 17 décembre 2019</code></pre><a title="17 décembre 2019">décembre</a>', "fr_FR",
     '<pre><code>date: 17 décembre 2019</code></pre><a title="17 décembre 2019">décembre</a>'),
    ('<script>var d = "December 17, 2019";</script><p>December 2019</p>', "en_US",
     '<script>var d = "December 17, 2019";</script><p>December 2019</p>'),
])
def test_a_date_is_kept_whole_on_one_line(html, locale, expected):
    assert keep_dates_whole(html, locale) == expected.replace("<k>", '<span class="hub-keep">').replace("</k>", "</span>")


@pytest.mark.parametrize("lang", LANGS)
def test_built_pages_keep_their_dates_whole(real_site, lang):
    """The pilot webinar's date, as the page's language writes it, stands in a .hub-keep unit wherever it is in a
    sentence (the page's account of the webinar, its sources): no line ends inside it (checked on every page view)."""
    from datetime import date

    from hub.localize import Formatter

    written = Formatter(lang).date(date(2019, 12, 17))
    doc = page(real_site, lang_url(lang, "webinars/2019-12-17-ip-strategy/"))
    kept = [span for span in doc.select(".md-content .hub-keep") if span.get_text() == written]
    assert kept, f"{written!r} is in no .hub-keep unit"
    loose = [text for text in doc.select_one(".md-content").find_all(string=True)
             if written in text and text.parent.name not in ("span", "time", "script")]
    assert not loose, loose


@pytest.mark.parametrize("lang", LANGS)
def test_built_pages_mark_their_language_in_the_switcher_and_isolate_addresses(real_site, fixture_site, lang):
    for site, path in ((real_site, ""), (real_site, "about/"), (fixture_site, "staff-guide/"),
                       (fixture_site, "webinars/2027-03-28-upcoming-across-dst/")):
        doc = page(site, lang_url(lang, path))
        current = doc.select("a.md-select__link[aria-current]")
        assert [link["hreflang"] for link in current] == [lang], (path, current)
    guide = page(fixture_site, lang_url(lang, "staff-guide/"))
    shown = [link for link in guide.select(".md-content a[href^='http']") if link.get_text() == link["href"]]
    assert shown and all(link.get("dir") == "ltr" for link in shown), shown
    paths = [code for code in guide.select(".md-content :not(pre) > code") if "/" in code.get_text().rstrip("/")]
    assert paths and all(code.find("wbr") for code in paths), [str(code) for code in paths if not code.find("wbr")]


@pytest.mark.parametrize("text, expected", [
    ("12 September 2024 – 3 April 2025", "12 September 2024\u00a0– 3 April 2025"),
    ("участники — 58, регистрации — 209", "участники\u00a0— 58, регистрации\u00a0— 209"),
    ("Home · Webinars", "Home\u00a0· Webinars"),
    ("Home\n  · Webinars", "Home\u00a0· Webinars"),
    (" · ", "\u00a0· "),  # between two links: the text between the tags
    ("Home&nbsp;· Webinars", "Home&nbsp;· Webinars"),  # bound already
    ("10:00–11:30", "10:00–11:30"),  # a range written without spaces
    ("10:00\u2009–\u200911:30 AM", "10:00\u202f–\u200911:30 AM"),  # CLDR's thin spaces: a narrow no-break one
    ("a –5 b", "a –5 b"),  # a sign, not a separator
])
def test_a_dash_or_middle_dot_never_starts_a_line(text, expected):
    assert bind_separators(text) == expected


def test_separators_in_code_and_attributes_are_left_alone():
    html = '<p title="a · b">x · y</p><pre>a — b</pre><code>c – d</code>'
    assert finish_content(html, "en") == '<p title="a · b">x\u00a0· y</p><pre>a — b</pre><code>c – d</code>'


def test_no_line_of_a_built_page_can_start_with_a_dash_or_middle_dot(real_site, fixture_site):
    """On every page of both sites, in any language: a "·", "–" or "—" between words follows a no-break space."""
    loose = []
    for site in (real_site, fixture_site):
        for path in sorted(site.rglob("*.html")):
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for skipped in soup(["script", "style", "pre", "code", "title", "template", "head"]):
                skipped.decompose()
            text = soup.get_text()
            loose += [f"{path.relative_to(site)}: …{match.group(0)}…" for match in
                      re.finditer(r"\S{0,20}[ \t\r\n\u2000-\u200a]+[\u00b7\u2013\u2014][\s\u00a0\u202f]\S{0,20}", text)][:2]
    assert not loose, "\n".join(loose[:20])
