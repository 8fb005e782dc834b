"""Render staff Markdown to HTML that cannot carry script.

Python-Markdown passes raw HTML and ``javascript:`` links through untouched. Here raw HTML is shown as
text, only http(s) and mailto links survive, and images become their alt text (no third-party request
on page load). Headings are shifted down so staff text never competes with the page's own outline.
"""

from __future__ import annotations

import html
import re
import unicodedata
import xml.etree.ElementTree as etree
from functools import lru_cache
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .rules import BIDI_CONTROLS

SAFE_SCHEMES = ("http", "https", "mailto")


class _Sanitize(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    replacement = etree.Element("span")
                    replacement.text = child.get("alt", "")
                    replacement.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, replacement)
                elif child.tag == "a":
                    href = child.get("href", "")
                    if urlsplit(href).scheme.lower() not in SAFE_SCHEMES:
                        child.tag = "span"
                        child.attrib.clear()
                    else:
                        child.set("rel", "noopener")
                elif child.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    child.tag = f"h{min(6, int(child.tag[1]) + 2)}"


class _SafeExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("entity")
        md.treeprocessors.register(_Sanitize(md), "hub_sanitize", 0)


@lru_cache(maxsize=1)
def _renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_SafeExtension(), "sane_lists"], output_format="html")


_REFERENCE = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _defuse_reference(match: re.Match) -> str:
    """Show a character reference as typed when it stands for a hidden direction or control character."""
    character = html.unescape(match[0])
    if len(character) == 1 and (character in BIDI_CONTROLS or unicodedata.category(character) in ("Cc", "Cf")):
        return "&amp;" + match[0][1:]
    return match[0]


@lru_cache(maxsize=8192)
def render(text: str) -> Markup:
    """Staff Markdown as safe HTML (cached: pages, feeds and embeds render the same texts)."""
    md = _renderer()
    md.reset()
    return Markup(_REFERENCE.sub(_defuse_reference, md.convert(text)))
