"""sitemap.xml: every page of every language once, with hreflang alternates for real translations.

Written by the hub from the staged docs folder rather than by a theme template: a template would need
every language's pages in one process (mkdocs-static-i18n gathers them across its six builds), which
rules out building the languages in parallel processes. The rules are the ones the i18n plugin applies
to the pages themselves (suffix structure, fallback to the default language):

* a page exists in a language when it has a file in that language or in the default language (the
  fallback shows the default language's text at the language's URL);
* only real translations get hreflang alternates, each naming every real translation (itself too) and
  ``x-default``, the default language's version; a fallback page gets none (its text is not in the
  language its URL says);
* no ``<lastmod>``: the build date is not when a page changed, and two builds stay identical.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator
from xml.sax.saxutils import quoteattr, escape

from ..languages import active
from ..urls import absolute, page_language_and_path, page_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def translations(pages: Iterable[str]) -> dict[str, set[str]]:
    """Directory URL (without language prefix) → the languages it is written in, from docs paths."""
    written: dict[str, set[str]] = defaultdict(set)
    for page in pages:
        if page.startswith(".") or "/." in page:  # MkDocs skips hidden files
            continue
        lang, path = page_language_and_path(PurePosixPath(page))
        written[path].add(lang)
    return written


def sitemap_lines(site_url: str, pages: Iterable[str]) -> Iterator[str]:
    """The lines of sitemap.xml, one at a time (at N=1000 the whole text is ≈ 10 MB)."""
    written = translations(pages)
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
    for lang in active().codes:
        for path in sorted(written):
            languages = written[path]
            if lang not in languages and active().default not in languages:
                continue
            yield "  <url>\n"
            yield f"    <loc>{escape(absolute(site_url, page_url(lang, path)))}</loc>\n"
            if lang in languages:
                for alternate in sorted(languages):
                    href = quoteattr(absolute(site_url, page_url(alternate, path)))
                    yield f'    <xhtml:link rel="alternate" hreflang="{alternate}" href={href}/>\n'
                if active().default in languages:
                    href = quoteattr(absolute(site_url, page_url(active().default, path)))
                    yield f'    <xhtml:link rel="alternate" hreflang="x-default" href={href}/>\n'
            yield "  </url>\n"
    yield "</urlset>\n"


def write_sitemap(site_dir: Path, site_url: str, pages: Iterable[str]) -> None:
    """Write ``sitemap.xml`` for the docs pages ``pages`` (paths relative to the docs folder)."""
    with (site_dir / "sitemap.xml").open("w", encoding="utf-8") as file:
        file.writelines(sitemap_lines(site_url, pages))
