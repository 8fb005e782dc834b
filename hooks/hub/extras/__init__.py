"""Files beside the pages for machines and other sites: calendars, feeds, open data, embeds.

``write_extras`` is called once per build, after the pages, with the site's absolute base URL.
Each output is its own module; this function only calls them.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Hub


def write_extras(hub: Hub, site_dir: Path, site_url: str) -> None:
    """Write every language-independent file of the site under ``site_dir``."""
