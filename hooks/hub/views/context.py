"""The page being written (``PageContext``) and how a text in another language is marked in it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from .. import safe_markdown
from ..languages import active
from ..localize import Formatter, Shown, pick
from ..model import Hub
from ..urls import page_url, relative


@dataclass
class PageContext:
    """One page being written: its language, its URL, and the formatter for that language."""

    hub: Hub
    f: Formatter
    path: str  # language-independent path, e.g. "webinars/slug/"

    @property
    def lang(self) -> str:
        return self.f.code

    @property
    def url(self) -> str:
        return page_url(self.lang, self.path)

    def link(self, path: str) -> str:
        """Relative link to another page of the same language."""
        return relative(self.url, page_url(self.lang, path))

    def asset(self, site_path: str) -> str:
        """Relative link to a language-independent file, e.g. ``webinars/slug.ics``."""
        return relative(self.url, site_path)

    def text(self, texts, delivery: str | None = None) -> Shown | None:
        return pick(texts, self.lang, delivery)

    def shown(self, text: Shown, tag: str = "span") -> Markup:
        """``<span>`` (or ``tag``) holding a text, with ``lang_attr``: the templates' most frequent call,
        a method rather than a Jinja macro, whose calls cost several times more."""
        tag = escape(tag)  # escape() and an f-string: Markup.format is several times slower
        return Markup(f"<{tag}{lang_attr(text, self.lang)}>{escape(text.text)}</{tag}>")

    def markdown(self, texts, delivery: str | None = None) -> dict[str, Any] | None:
        shown = pick(texts, self.lang, delivery)
        if shown is None:
            return None
        return {"html": safe_markdown.render(shown.text), "lang": shown.lang}


def lang_attr(text: Shown | dict | None, page_lang: str) -> Markup:
    """` lang="xx"` (and `dir`) when a text is not in the page's language (a fallback), else nothing."""
    code = text.lang if isinstance(text, Shown) else (text or {}).get("lang")
    if not code or code == page_lang:
        return Markup("")
    return _fallback_attributes(code, page_lang)


@lru_cache(maxsize=None)
def _fallback_attributes(code: str, page_lang: str) -> Markup:
    """The attributes of a text in ``code`` on a ``page_lang`` page: a few pairs, asked for on every page."""
    attributes = Markup(' lang="{}"').format(code)
    if active().by_code[code].rtl != active().by_code[page_lang].rtl:
        attributes += Markup(' dir="{}"').format("rtl" if active().by_code[code].rtl else "ltr")
    return attributes
