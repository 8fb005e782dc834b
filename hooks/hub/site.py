"""The pipeline in one call: load → validate → model → render → stage. No MkDocs in here.

``prepare`` is called once per build by ``hub.build.build`` (before any language is built), and by a
plain ``mkdocs build`` once per language: it is cached on a fingerprint of its inputs, so the data is
loaded and validated only once unless a file changed (``./hub serve`` relies on that too).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

from .catalog import load_catalog
from .editor import write_editor
from .extras import write_extras
from .extras.sitemap import write_sitemap
from .languages import active, use
from .fingerprint import TEMPLATES, fingerprint
from .model import Hub, build_hub
from .settings import Settings
from .render import Renderer
from .stage import planned_files, sync_folder

log = logging.getLogger("mkdocs.hooks.hub")



@dataclass(frozen=True)
class Prepared:
    hub: Hub
    staging: Path
    fingerprint: str
    not_found: str  # body of the 404 page
    site_url: str
    pages: tuple[str, ...]  # the staged Markdown pages, relative to the staging folder


_cache: dict[Path, Prepared] = {}


def prepare(settings: Settings, cache: bool = True) -> Prepared:
    """Validate the data and write the staging docs folder (``settings.staging``); raises
    catalog.DataError on bad data. Runs with the settings' languages active.

    ``cache=False`` when it is needed once only: the data can then be freed as soon as it is used.
    """
    with use(settings.languages):
        return _prepare(settings.root, settings.staging, settings.today, settings.site_url, cache)


def _prepare(root: Path, staging: Path, today: date, site_url: str, cache: bool) -> Prepared:
    root = root.resolve()
    key = fingerprint(root, today, site_url) + ":" + ",".join(active().codes)
    cached = _cache.get(root)
    if cached and cached.fingerprint == key and cached.staging == staging:
        return cached
    catalog = load_catalog(root, today)
    hub = build_hub(catalog, today)
    renderer = Renderer(hub, root / TEMPLATES, site_url)
    pages: list[str] = []

    def planned() -> Iterator[tuple[str, bytes]]:
        for relative, content in planned_files(root, renderer):
            if relative.endswith(".md"):
                pages.append(relative)
            yield relative, content

    written = sync_folder(staging, planned())
    log.info("hub: %d webinars, %d experts; %d staged files updated", len(hub.webinars), len(hub.experts), written)
    prepared = Prepared(hub, staging, key, renderer.not_found(), site_url, tuple(pages))
    if cache:
        _cache[root] = prepared
    return prepared


def write_site_files(prepared: Prepared, site_dir: Path) -> None:
    """The files that belong to no language build: calendars, feeds, open data, embeds, sitemap, the editor."""
    site_dir.mkdir(parents=True, exist_ok=True)
    write_extras(prepared.hub, site_dir, prepared.site_url)
    write_sitemap(site_dir, prepared.site_url, prepared.pages)
    write_editor(prepared.hub.root, site_dir, prepared.site_url, active().all)  # admin/: staff only, linked from no page
