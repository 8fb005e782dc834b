"""What tells a visitor who runs the site: the footer's organisation, contact and privacy links, and the
document symbols of the organisation (CDIP/23/9) linked to its document pages.

Everything comes from ``extra.hub`` in ``mkdocs.yml``; nothing is invented. An address left empty shows
nothing (the sources give no contact or privacy page, nor a document-page pattern): the footer then names
the organisation only, and symbols stay plain text. ``{lang}`` in an address is the page's language code.
"""

from __future__ import annotations

import re
from typing import Mapping
from urllib.parse import quote

from markupsafe import escape

# A document symbol of the organisation's committees: CDIP/23/9, CDIP/25/3, WO/GA/50/1 …
SYMBOL = re.compile(r"(?<![A-Za-z0-9/])(?:CDIP|WO/GA|WO/PBC)/\d+(?:/[A-Z]+)?/\d+(?![0-9/])")  # "在CDIP/25/3号" too
# extra.hub.organisation's keys → the footer's names for them.
FOOTER_LINKS = {"url": "organisation_url", "contact_url": "contact_url", "privacy_url": "privacy_url"}


def _address(pattern: str, lang: str, where: str) -> str:
    url = pattern.replace("{lang}", lang)
    if not url.startswith(("https://", "http://")) or any(c.isspace() for c in url):
        raise ValueError(f"{where} must be an http(s) address, got {url!r}")
    return url


def footer_links(settings: Mapping, lang: str) -> dict[str, str]:
    """The footer's addresses in ``lang`` (``extra.hub.organisation``), only those configured."""
    organisation = settings.get("organisation") or {}
    return {name: _address(organisation[key], lang, f"organisation.{key}")
            for key, name in FOOTER_LINKS.items() if organisation.get(key)}


def document_pattern(settings: Mapping) -> str:
    """``extra.hub.document_url`` (``{symbol}``, optionally ``{lang}``), checked; "" when off."""
    pattern = settings.get("document_url") or ""
    if pattern and "{symbol}" not in pattern:
        raise ValueError(f"document_url must hold {{symbol}}, got {pattern!r}")
    if pattern:
        _address(pattern, "en", "document_url")
    return pattern


# Text between tags, outside links, code and the head: where a symbol may be linked.
_PIECES = re.compile(r"(<a\b.*?</a>|<code\b.*?</code>|<pre\b.*?</pre>|<script\b.*?</script>|<[^>]*>)", re.S | re.I)


def link_symbols(html: str, pattern: str, lang: str) -> str:
    """Every document symbol in the text of ``html`` (not in a link, code or a tag) made a link to the
    organisation's page for it; ``html`` unchanged when no pattern is configured."""
    if not pattern or not SYMBOL.search(html):
        return html

    def link(match: re.Match) -> str:
        symbol = match[0]
        url = pattern.replace("{lang}", lang).replace("{symbol}", quote(symbol, safe="/"))
        return f'<a class="hub-document" href="{escape(url)}" rel="noopener">{symbol}</a>'

    pieces = _PIECES.split(html)
    return "".join(piece if index % 2 else SYMBOL.sub(link, piece) for index, piece in enumerate(pieces))
