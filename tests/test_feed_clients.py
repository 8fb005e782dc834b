"""Every RSS and Atom feed, in every language, read by two independent parsers as feed readers do:
feedparser (Python) and rss-parser (Node). Both must see the same items, each with its title, date,
summary and link, in the feed's language."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import pytest

from browser_support import missing
from conftest import LANGS, ROOT

SITE_URL = "https://example.github.io/webinar-hub/"
NODE_SCRIPT = Path(__file__).parent / "feed_items.mjs"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def text(markup: str | None) -> str:
    """What a reader shows of an HTML summary: its text, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup or "")).split())


def rss_parser(files: list[Path]) -> dict:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "rss-parser").is_dir():
        missing("Node.js with the npm package rss-parser", "Install npm as root with `apt-get install -y npm` (as "
                "`./hub test` does when run as root), then run `npm ci` at the repository root (`./hub test` does it).")
    result = subprocess.run([node, str(NODE_SCRIPT), *map(str, files)], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def instant(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(timezone.utc)


@pytest.mark.parametrize("site_name", ["fixture_site", "real_site"])
def test_two_parsers_read_every_feed_alike(site_name, request):
    from hub.localize import Formatter

    site = request.getfixturevalue(site_name)
    files = [site / prefix(lang) / name for lang in LANGS for name in ("feed.xml", "atom.xml")]
    node = rss_parser(files)
    for path in files:
        lang = path.parent.name if path.parent != site else "en"
        f = Formatter(lang)
        theirs, ours = node[str(path)], feedparser.parse(path.read_bytes())
        assert ours.bozo == 0, ours.get("bozo_exception")
        # the feed's own title and language
        assert theirs["title"] == ours.feed.title == f.t("webinars_title")
        if path.name == "feed.xml":
            assert theirs["language"] == lang
        else:  # Atom says its language with xml:lang, which rss-parser does not report: read it here
            assert ET.parse(path).getroot().get(XML_LANG) == lang
        assert ours.feed.language == lang
        assert theirs["link"] == f"{SITE_URL}{prefix(lang)}webinars/"
        assert len(theirs["items"]) == len(ours.entries) > 0
        for mine, entry in zip(theirs["items"], ours.entries):
            assert mine["title"] and mine["title"] == entry.title
            assert mine["link"] == entry.link and mine["link"].startswith(f"{SITE_URL}{prefix(lang)}webinars/")
            assert mine["id"] == entry.id
            assert instant(mine["date"]) == datetime(*entry.published_parsed[:6], tzinfo=timezone.utc)
            summary = text(mine["summary"] if path.name == "atom.xml" else mine["html"])
            assert summary and summary == text(entry.summary)
            # the summary opens with the webinar's line in the feed's language ("Webinar I ..., date")
            slug = mine["link"].removeprefix(f"{SITE_URL}{prefix(lang)}webinars/").split("/")[0]
            assert summary.startswith(" ".join(webinar_line(site, slug, f).split())), (path, summary)


_hubs: dict = {}


def webinar_line(site: Path, slug: str, f) -> str:
    """The localized first line of a webinar's summary, from the data the site was built from."""
    from datetime import date

    from hub.catalog import load_catalog
    from hub.model import build_hub

    root = site.parent
    if root not in _hubs:
        _hubs[root] = build_hub(load_catalog(root), date(2026, 6, 1))
    data = _hubs[root].by_slug[slug].data
    return f.webinar_line(data.number, data.date, data.language)
