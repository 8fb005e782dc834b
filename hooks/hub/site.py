"""The pipeline in one call: load → validate → model → render → stage. No MkDocs in here.

``prepare`` is cached on a fingerprint of its inputs: the MkDocs adapter calls it once per language
build (six times), and the data is loaded and validated only once unless a file changed.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .catalog import load_catalog
from .model import Hub, build_hub
from .render import Renderer
from .stage import planned_files, sync_folder

log = logging.getLogger("mkdocs.hooks.hub")

TEMPLATES = Path("overrides") / "hub"
LOCALES = Path(__file__).parent / "locales"


@dataclass(frozen=True)
class Prepared:
    hub: Hub
    staging: Path
    fingerprint: str
    not_found: str  # body of the 404 page


_cache: dict[Path, Prepared] = {}


def fingerprint(root: Path, today: date) -> str:
    """Changes whenever a file the site is made from changes (names, sizes, modification times)."""
    digest = hashlib.sha256(today.isoformat().encode())
    for folder in (root / "webinars", root / "docs", root / TEMPLATES, LOCALES, Path(__file__).parent):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def prepare(root: Path, staging: Path, today: date, site_url: str = "/") -> Prepared:
    """Validate the data and write the staging docs folder; raises catalog.DataError on bad data."""
    root = root.resolve()
    key = fingerprint(root, today) + site_url
    cached = _cache.get(root)
    if cached and cached.fingerprint == key and cached.staging == staging:
        return cached
    catalog = load_catalog(root)
    hub = build_hub(catalog, today)
    renderer = Renderer(hub, root / TEMPLATES, site_url)
    written = sync_folder(staging, planned_files(root, renderer))
    log.info("hub: %d webinars, %d experts; %d staged files updated", len(hub.webinars), len(hub.experts), written)
    prepared = Prepared(hub, staging, key, renderer.not_found())
    _cache[root] = prepared
    return prepared
