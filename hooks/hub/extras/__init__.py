"""Files beside the pages for machines and other sites: calendars, feeds, open data, embeds, robots.txt, link-preview images.

``write_extras`` is called once per build (by ``hub.site.write_site_files``, beside the sitemap), with
the site's absolute base URL. The language builds write only pages, ``404.html`` and the search
indexes, none of which are written here.
Each output is its own module; this function only calls them. Every file depends only on the data and
the build date (HUB_TODAY / SOURCE_DATE_EPOCH), so two builds are byte-identical.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Hub
from .calendars import write_calendars
from .cards import write_cards
from .common import absolute
from .embed import write_embeds
from .feeds import write_feeds
from .opendata import write_open_data


def write_robots(site_dir: Path, site_url: str) -> None:
    # Crawlers read robots.txt only at a host's root: under a GitHub Pages project path this file is a
    # hint for the owner to copy into the user site, but the sitemap line is still right.
    (site_dir / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {absolute(site_url, 'sitemap.xml')}\n", encoding="utf-8")


def write_extras(hub: Hub, site_dir: Path, site_url: str) -> None:
    """Write every language-independent file of the site under ``site_dir``."""
    write_calendars(hub, site_dir, site_url)
    write_feeds(hub, site_dir, site_url)
    write_open_data(hub, site_dir, site_url)
    write_embeds(hub, site_dir, site_url)
    write_robots(site_dir, site_url)
    write_cards(hub, site_dir)  # link-preview images, drawn only when not in .cache/cards/
