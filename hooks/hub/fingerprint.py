"""What the staged site is made from, in one digest: to know when staged pages can be reused.

``hub.site.prepare`` keys its cache on it (``./hub serve`` and a plain ``mkdocs build`` prepare once
per language build); the preview rewrites the files of no language when it changes.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

TEMPLATES = Path("overrides") / "hub"
CODE = Path(__file__).parent  # the pipeline, its UI strings (locales/) included


def fingerprint(root: Path, today: date, site_url: str) -> str:
    """Changes whenever a file the site is made from changes (names, sizes, modification times)."""
    digest = hashlib.sha256(f"{today.isoformat()}\0{site_url}\n".encode())
    for folder in (root / "webinars", root / "docs", root / TEMPLATES, CODE):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()

