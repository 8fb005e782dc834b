"""What every extra file needs: absolute URLs under the configured site_url and the fixed build time."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from urllib.parse import urlsplit

from ..languages import active
from ..localize import Shown, pick
from ..model import Hub, WebinarFacts
from .. import urls
from ..urls import absolute, page_url, webinar_path


def site_host(site_url: str) -> str:
    return urlsplit(site_url or "").hostname or "localhost"


def page_urls(site_url: str, path: str) -> dict[str, str]:
    """Absolute URL of one page in every language."""
    return {code: absolute(site_url, page_url(code, path)) for code in active().codes}


def webinar_url(site_url: str, webinar: WebinarFacts, lang: str) -> str:
    return absolute(site_url, page_url(lang, webinar_path(webinar.slug)))


def calendar_path(webinar: WebinarFacts) -> str:
    return urls.calendar_path(webinar.slug)


def title(webinar: WebinarFacts, lang: str) -> Shown:
    """The webinar's title in ``lang``, with the hub's fallback (delivery language, English, any)."""
    return pick(webinar.data.title, lang, webinar.data.language)


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
