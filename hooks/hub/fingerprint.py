"""What the staged site is made from, in one digest: to know when staged pages can be reused.

Kept apart from ``site`` (which imports the whole pipeline): a language build that reuses pages staged
by another process needs this check only, not the data.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

TEMPLATES = Path("overrides") / "hub"
CODE = Path(__file__).parent  # the pipeline, its UI strings (locales/) included


class StaleStaging(Exception):
    """The staged folder was prepared from other sources than the ones on disk now."""


def fingerprint(root: Path, today: date, site_url: str) -> str:
    """Changes whenever a file the site is made from changes (names, sizes, modification times)."""
    digest = hashlib.sha256(f"{today.isoformat()}\0{site_url}\n".encode())
    for folder in (root / "webinars", root / "docs", root / TEMPLATES, CODE):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def staged_for(root: Path, today: date, site_url: str, stamp: str) -> None:
    """Check that a folder staged by another process (which wrote ``stamp``) matches these sources."""
    if fingerprint(root.resolve(), today, site_url) != stamp:
        raise StaleStaging("the sources changed while the site was being built: build again")
