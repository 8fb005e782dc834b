"""The links layer: where each page lives, and links between pages that survive a site under a sub-path.

Used by the pages (``views``, ``render``) and by the output files (``extras/``) alike, and importing
neither (``tests/test_pipeline.py`` checks the direction of every import). Links are written relative
to the page that holds them, so the site works at the root of a domain and under a GitHub Pages
project path alike; the output files use absolute URLs under the configured ``site_url``.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from .languages import active, url_prefix
from .pages import BY_NAME


def base_url(site_url: str) -> str:
    """The site's base URL with one trailing slash (``/`` when no site_url is configured)."""
    return (site_url or "/").rstrip("/") + "/"


def absolute(site_url: str, path: str) -> str:
    """Absolute URL of a site-relative path, e.g. ``fr/webinars/slug/`` (works under a sub-path)."""
    return base_url(site_url) + path.lstrip("/")


def absolute_link(site_url: str, link: str) -> str:
    """Absolute URL of a link as MkDocs and its plugins write them: absolute already, root-relative
    (``/webinar-hub/fr/``, the server's root) or site-relative (``fr/webinars/slug/``)."""
    if link.startswith(("https://", "http://")):
        return link
    if link.startswith("/"):
        parts = urlsplit(base_url(site_url))
        return f"{parts.scheme}://{parts.netloc}{link}" if parts.netloc else link
    return absolute(site_url, "" if link in (".", "./") else link)


def page_url(lang: str, path: str) -> str:
    """Directory-style URL of a page, e.g. ``fr/webinars/slug/`` (``""`` for the English home)."""
    return url_prefix(lang) + path


def page_urls(site_url: str, path: str) -> dict[str, str]:
    """Absolute URL of one page in every language."""
    return {code: absolute(site_url, page_url(code, path)) for code in active().codes}


def webinar_url(site_url: str, webinar, lang: str) -> str:
    """Absolute URL of a webinar's page in ``lang``."""
    return absolute(site_url, page_url(lang, webinar_path(webinar.slug)))


def page_language_and_path(relative: PurePosixPath) -> tuple[str, str]:
    """Language and directory URL of a docs page, e.g. ``about.fr.md`` → ``("fr", "about/")``."""
    stem, lang = relative.stem, active().default
    if "." in stem and stem.rsplit(".", 1)[1] in active().codes:
        stem, lang = stem.rsplit(".", 1)
    parts = [*relative.parent.parts, stem]
    if parts[-1] in ("index", "README"):
        parts.pop()
    return lang, "".join(f"{part}/" for part in parts)


def webinar_path(slug: str) -> str:
    return BY_NAME["webinar"].path(slug)


def calendar_path(slug: str) -> str:
    """The webinar's iCalendar file, beside its page folder (one for all languages)."""
    return f"webinars/{slug}.ics"


def expert_path(expert_id: str) -> str:
    return BY_NAME["expert"].path(expert_id)


def series_path(series_id: str) -> str:
    return BY_NAME["series"].path(series_id)


def relative(from_url: str, to_url: str) -> str:
    """A link from page ``from_url`` to ``to_url`` (both site-relative; directory URLs end in ``/``).

    String arithmetic rather than ``posixpath.relpath``: every generated page makes dozens of links.
    """
    base = from_url if from_url.endswith("/") or "/" not in from_url else from_url.rsplit("/", 1)[0] + "/"
    if base and not base.endswith("/"):  # a file at the site root
        base = ""
    here = [part for part in base.split("/") if part]
    there = to_url.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"


def development_agenda_url(pattern: str, lang: str, overrides: dict[str, str] | None = None) -> str:
    """The organisation's Development Agenda page in ``lang``: an address given for that language, else
    ``pattern`` with ``{lang}`` filled in (the organisation serves its pages under a language segment)."""
    url = (overrides or {}).get(lang) or pattern.replace("{lang}", lang)
    if not url.startswith(("https://", "http://")) or any(c.isspace() for c in url):
        raise ValueError(f"the Development Agenda address for {lang!r} must be an http(s) address, got {url!r}")
    return url
