"""News feeds per language, RSS 2.0 (``<lang>/feed.xml``) and Atom (``<lang>/atom.xml``).

Items: each webinar as it is announced, and each recording once published (``recording.published``).
Titles are in the feed's language with the hub's fallback (``localize.pick``); every link is absolute.
Written with ElementTree, so every text is escaped; summaries are the hub's safe Markdown HTML.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

from markupsafe import escape

from .. import safe_markdown
from ..languages import active, url_prefix
from ..localize import Formatter, heading, pick
from ..model import Hub, WebinarFacts
from .common import absolute, announced, build_time, midnight, site_host, title, webinar_url

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("atom", ATOM)
FEED_LENGTH = 50  # the most recent items: readers poll feeds, and the archive is the webinars page


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    title_lang: str
    link: str
    date: datetime
    html: str  # escaped HTML


def _summary_html(f: Formatter, webinar: WebinarFacts, lang: str) -> str:
    data = webinar.data
    line = f.webinar_line(data.number, data.date, data.language)
    parts = [f"<p>{escape(line)}</p>"]
    summary = pick(data.summary, lang, data.language)
    if summary:
        parts.append(f'<div lang="{escape(summary.lang)}">{safe_markdown.render(summary.text)}</div>')
    if data.registration and webinar.upcoming and data.status == "scheduled":
        # How registration stands on the build date: the Register link while open, else said plainly.
        if webinar.registration_open:
            parts.append(f'<p><a href="{escape(data.registration.url)}">{escape(f.t("register"))}</a></p>')
        else:
            parts.append(f'<p>{escape(f.t("registration_" + webinar.registration_state))}</p>')
    return "".join(parts)


def _transcripts_html(f: Formatter, webinar: WebinarFacts) -> str:
    """The recording's transcripts, each linked by its language's name."""
    links = [f'<a href="{escape(t.url)}" hreflang="{escape(t.language)}">{escape(f.language_name(t.language))}</a>'
             for t in webinar.data.recording.transcripts]
    if not links:
        return ""
    separator = str(escape(f.t("comma")))  # a str: Markup.join would escape the links
    return f'<p>{escape(f.t("transcripts"))}{escape(f.t("colon"))}{separator.join(links)}</p>'


def items(hub: Hub, lang: str, site_url: str, limit: int | None = None) -> list[Item]:
    """The feed's items, most recent first; only the first ``limit`` are made (summaries cost)."""
    host = site_host(site_url)
    found = []  # (date, id, webinar, is the recording's item)
    for webinar in hub.webinars:
        # Ids never change: they are how a reader recognises an item it has already shown.
        found.append((midnight(announced(hub, webinar)), f"tag:{host},2019:webinar:{webinar.slug}", webinar, False))
        recording = webinar.data.recording
        if recording and recording.published and recording.published <= hub.today:
            found.append((midnight(recording.published), f"tag:{host},2019:recording:{webinar.slug}", webinar, True))
    found.sort(key=lambda entry: entry[:2], reverse=True)
    f = Formatter(lang)
    return [_item(f, webinar, lang, site_url, item_id, day, recorded)
            for day, item_id, webinar, recorded in found[:limit]]


def _item(f: Formatter, webinar: WebinarFacts, lang: str, site_url: str, item_id: str, day: datetime,
          recorded: bool) -> Item:
    shown = title(webinar, lang)
    link = webinar_url(site_url, webinar, lang)
    headline = heading(f.numeral(webinar.data.number), shown.text)
    html = _summary_html(f, webinar, lang)
    if not recorded:
        return Item(item_id, headline, shown.lang, link, day, html)
    watch = (f'<p><a href="{escape(webinar.data.recording.url)}">{escape(f.t("watch_recording"))}</a></p>'
             + _transcripts_html(f, webinar))
    return Item(item_id, f.t("recording_of", title=headline), shown.lang, link + "#recording", day, html + watch)


def _text(parent: ET.Element, tag: str, text: str, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def rss(hub: Hub, lang: str, site_url: str, entries: list[Item]) -> bytes:
    f = Formatter(lang)
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    _text(channel, "title", f.t("webinars_title"))
    _text(channel, "link", absolute(site_url, url_prefix(lang) + "webinars/"))
    _text(channel, "description", f.t("webinars_description"))
    _text(channel, "language", lang)
    ET.SubElement(channel, f"{{{ATOM}}}link", {"href": absolute(site_url, url_prefix(lang) + "feed.xml"),
                                               "rel": "self", "type": "application/rss+xml"})
    _text(channel, "lastBuildDate", format_datetime(build_time(hub)))
    for entry in entries:
        item = ET.SubElement(channel, "item")
        _text(item, "title", entry.title)
        _text(item, "link", entry.link)
        _text(item, "guid", entry.id, isPermaLink="false")
        _text(item, "pubDate", format_datetime(entry.date))
        _text(item, "description", entry.html)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def atom(hub: Hub, lang: str, site_url: str, entries: list[Item]) -> bytes:
    f = Formatter(lang)
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: lang})
    _text(root, "id", absolute(site_url, url_prefix(lang) + "atom.xml"))
    _text(root, "title", f.t("webinars_title"))
    _text(root, "subtitle", f.t("webinars_description"))
    updated = max((entry.date for entry in entries), default=build_time(hub))
    _text(root, "updated", updated.isoformat())
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml",
                                            "href": absolute(site_url, url_prefix(lang) + "atom.xml")})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html",
                                            "href": absolute(site_url, url_prefix(lang) + "webinars/")})
    author = ET.SubElement(root, "author")
    _text(author, "name", f.t("organisation_name"))  # in the feed's language, as readers show it
    _text(author, "uri", absolute(site_url, ""))
    for entry in entries:
        node = ET.SubElement(root, "entry")
        _text(node, "id", entry.id)
        _text(node, "title", entry.title, **({XML_LANG: entry.title_lang} if entry.title_lang != lang else {}))
        ET.SubElement(node, "link", {"rel": "alternate", "type": "text/html", "href": entry.link})
        _text(node, "published", entry.date.isoformat())
        _text(node, "updated", entry.date.isoformat())
        _text(node, "summary", entry.html, type="html")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_feeds(hub: Hub, site_dir: Path, site_url: str) -> None:
    for lang in active().codes:
        folder = site_dir / url_prefix(lang)
        folder.mkdir(parents=True, exist_ok=True)
        entries = items(hub, lang, site_url, FEED_LENGTH)
        (folder / "feed.xml").write_bytes(rss(hub, lang, site_url, entries))
        (folder / "atom.xml").write_bytes(atom(hub, lang, site_url, entries))
