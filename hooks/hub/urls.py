"""Where each generated page lives, and links between pages that survive a site under a sub-path.

Links are written relative to the page that holds them, so the site works at the root of a domain and
under a GitHub Pages project path alike.
"""

from __future__ import annotations

import posixpath

from .languages import url_prefix


def page_url(lang: str, path: str) -> str:
    """Directory-style URL of a page, e.g. ``fr/webinars/slug/`` (``""`` for the English home)."""
    return url_prefix(lang) + path


def webinar_path(slug: str) -> str:
    return f"webinars/{slug}/"


def calendar_path(slug: str) -> str:
    """The webinar's iCalendar file, beside its page folder (one for all languages)."""
    return f"webinars/{slug}.ics"


def expert_path(expert_id: str) -> str:
    return f"experts/{expert_id}/"


def relative(from_url: str, to_url: str) -> str:
    """A link from page ``from_url`` to ``to_url`` (both site-relative, directory style)."""
    base = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else ""
    target = posixpath.relpath(to_url or ".", base or ".")
    if (to_url == "" or to_url.endswith("/")) and not target.endswith("/"):
        target += "/"
    return "./" if target in (".", "./") else target
