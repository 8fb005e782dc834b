"""What every extra file needs: absolute URLs under the configured site_url (from the links layer,
``hub.urls``) and the fixed build time."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from urllib.parse import urlsplit

from ..localize import webinar_title as title  # noqa: F401  (the extras' name for it)
from ..model import Hub, WebinarFacts
from .. import urls
from ..urls import absolute, page_urls, webinar_url  # noqa: F401  (the links layer, as the extras use it)


def site_host(site_url: str) -> str:
    return urlsplit(site_url or "").hostname or "localhost"


def calendar_path(webinar: WebinarFacts) -> str:
    return urls.calendar_path(webinar.slug)


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), timezone.utc)


def build_time(hub: Hub) -> datetime:
    """The build's fixed timestamp: midnight UTC of the build date (HUB_TODAY / SOURCE_DATE_EPOCH).

    Never the wall clock, so that two builds of the same data are byte-identical.
    """
    return midnight(hub.today)


def announced(hub: Hub, webinar: WebinarFacts) -> date:
    """When a webinar counts as announced: the data has no such date, so the webinar's own date,
    or the build date while it is still upcoming (the item then stays at the top of the feeds)."""
    return min(webinar.data.date, hub.today)
