"""Generated pages' HTML passed to Python-Markdown as final (hub/final_html.py): the same page, less work."""

from __future__ import annotations

import re

import markdown
import pytest

from hub.final_html import MARKER, FinalHtmlExtension, split_at_headings, without_marker

def _converters():
    settings = {"extension_configs": {"toc": {"permalink": True}}}
    plain = markdown.Markdown(extensions=["attr_list", "toc"], **settings)
    final = markdown.Markdown(extensions=["attr_list", "toc", FinalHtmlExtension()], **settings)
    return plain, final


def _convert(converter: markdown.Markdown, text: str) -> str:
    converter.reset()
    return converter.convert(text)


_TOKEN = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def rendered_as(html: str, md: markdown.Markdown) -> list[str]:
    """What a browser makes of ``html``: tags and text, without the white space it ignores (runs of it shown as
    one space; none at all next to a block-level element). Inline white space is kept: "a</a> <a" is not "a</a><a"."""
    tokens = [token for token in _TOKEN.split(html) if token]
    kept = []
    for index, token in enumerate(tokens):
        if token.startswith("<"):
            kept.append(token)
            continue
        if not token.strip():
            neighbours = [tokens[i] for i in (index - 1, index + 1) if 0 <= i < len(tokens)]
            if any((name := _NAME.match(n)) and md.is_block_level(name[1]) for n in neighbours):
                continue
        kept.append(re.sub(r"\s+", " ", token))
    return kept


def _body(page: str) -> str:
    return page.split("\n---\n", 1)[1] if page.startswith("---\n") else page


@pytest.mark.parametrize("site_name", ["real_site", "fixture_site", "figures_site", "hostile_site"])
def test_every_generated_page_comes_out_as_markdown_would_write_it(site_name, request):
    """Each staged page the hub generated (webinars, experts, series, indexes, in six languages, hostile data
    too) converts to the same HTML with the hub's shortcut as through Markdown's HTML parser, and the same
    table of contents."""
    staged = request.getfixturevalue(site_name).parent / ".cache" / "staged-docs"
    plain, final = _converters()
    generated = 0
    for path in sorted(staged.rglob("*.md")):
        body = _body(path.read_text(encoding="utf-8"))
        if MARKER not in body:
            continue
        generated += 1
        expected = _convert(plain, without_marker(body))
        got = _convert(final, body)
        assert MARKER not in got, path
        assert rendered_as(got, final) == rendered_as(expected, plain), path
        assert final.toc_tokens == plain.toc_tokens, path
    assert generated >= 6 * 3, f"{site_name}: only {generated} generated pages staged"


def test_hand_written_pages_are_left_to_markdown():
    plain, final = _converters()
    page = "# About\n\nSome *words* and <span>HTML</span>.\n\n<div>\n\n## Inside\n\n</div>\n\n- a list\n"
    assert _convert(final, page) == _convert(plain, page)


HEADED = f"""{MARKER}
<div class="hub-x">
<p>Intro</p>
</div>

## About {{ #about }}

<div class="hub-summary">
<p>A summary whose line starts like a heading:
## not a heading, it is inside an element
# nor this</p>
</div>

## Experts {{ #experts }}

<ul>
  <li><img src="a.png" alt=""><br>name<br /><svg><path d="M0 0"/></svg> <a
     href="#about">a tag over two lines</a></li>
</ul>
"""


def test_headings_are_the_lines_outside_every_element():
    runs = split_at_headings(HEADED.split("\n", 1)[1])
    assert [text.strip() for heading, text in runs if heading] == ["## About { #about }", "## Experts { #experts }"]
    plain, final = _converters()
    got = _convert(final, HEADED)
    assert rendered_as(got, final) == rendered_as(_convert(plain, without_marker(HEADED)), plain)
    assert "## not a heading" in got and "# nor this" in got
    assert [token["id"] for token in final.toc_tokens] == ["about", "experts"]


@pytest.mark.parametrize("broken", [
    "<div>\n<p>never closed</p>\n\n## Heading\n",  # an element left open: the heading is then inside it
    "</div>\n<p>closed before it opened</p>\n\n## Heading\n",
    "<ul>\n<li>an item HTML lets one leave open\n</ul>\n\n## Heading\n",
])
def test_tags_that_do_not_balance_leave_the_page_to_markdown(broken):
    """No guess: where the count of opened and closed elements does not come out even, Markdown's own parser
    decides, and the page comes out exactly as without the shortcut (the marker aside)."""
    assert split_at_headings(broken) is None
    plain, final = _converters()
    assert _convert(final, f"{MARKER}\n{broken}") == _convert(plain, broken)


def test_the_marker_counts_only_as_the_first_line():
    plain, final = _converters()
    page = f"## Heading\n\n<div>\n{MARKER}\n</div>\n\n<p>text\n"
    assert _convert(final, page) == _convert(plain, page)


def test_the_built_pages_carry_no_marker(real_site, fixture_site):
    for site in (real_site, fixture_site):
        pages = sorted(site.rglob("*.html"))
        assert pages
        assert not [path for path in pages if "generated by the hub" in path.read_text(encoding="utf-8")]
