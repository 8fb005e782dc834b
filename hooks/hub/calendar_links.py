"""Calendar links on the pages (the links layer): add one webinar to a calendar, subscribe to them all.

Plain links to the ``.ics`` files the extras write (``extras/calendars.py``), their ``webcal://`` form,
and the "add an event" and "subscribe" pages of Google Calendar, Outlook.com and Microsoft 365. The
pages (``views``, ``render``) use them without importing any writer of files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import quote, urlencode

from .languages import active
from .localize import Formatter, webinar_title as title
from .model import DEFAULT_DURATION, Hub, WebinarFacts, event_end as _end
from .urls import absolute, calendar_path as _calendar_path, webinar_url


def calendar_path(webinar: WebinarFacts) -> str:
    return _calendar_path(webinar.slug)


GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/action/compose"  # Outlook.com; OFFICE: Microsoft 365 accounts
OFFICE = "https://outlook.office.com/calendar/0/action/compose"


def webcal_url(site_url: str, path: str = "webinars.ics") -> str | None:
    """The ``webcal://`` form of a calendar's address (calendar apps subscribe on a click), or None
    when the site has no absolute http(s) address (no SITE_URL: nothing to subscribe to)."""
    address = absolute(site_url, path)
    scheme, _, rest = address.partition("://")
    return f"webcal://{rest}" if scheme in ("http", "https") and rest else None


@dataclass(frozen=True)
class FeedLinks:
    """Where a reader subscribes to the feed of every webinar: the https:// address (to paste into any
    app), its webcal:// form (opens the calendar app), and the subscribe pages of Google Calendar,
    Outlook.com and Microsoft 365. None of them without an absolute site address (SITE_URL)."""

    ics: str
    webcal: str
    google: str
    outlook: str
    office: str


def feed_links(site_url: str, name: str | None = None) -> FeedLinks | None:
    """The subscribe links of ``webinars.ics``; ``name`` is the calendar's name for Outlook (default: the
    feed's own name, X-WR-CALNAME)."""
    webcal = webcal_url(site_url)
    if webcal is None:
        return None
    ics = absolute(site_url, "webinars.ics")
    name = name or Formatter(active().default).t("webinars_title")
    subscribe = urlencode({"url": ics, "name": name}, quote_via=quote)
    return FeedLinks(
        ics=ics,
        webcal=webcal,
        google=f"{GOOGLE}?{urlencode({'cid': webcal}, quote_via=quote)}",
        outlook=f"https://outlook.live.com/calendar/0/addfromweb?{subscribe}",
        office=f"https://outlook.office.com/calendar/0/addfromweb?{subscribe}",
    )


@dataclass(frozen=True)
class CalendarLinks:
    """Where a reader can take one webinar into a calendar: the .ics file (any app), its webcal:// form,
    and the "add an event" forms of Google Calendar, Outlook.com and Microsoft 365 (plain links: no
    script, nothing sent until the reader saves the event)."""

    ics: str
    webcal: str | None
    google: str
    outlook: str
    office: str


def _stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def calendar_links(hub: Hub, webinar: WebinarFacts, site_url: str, lang: str) -> CalendarLinks | None:
    """The links of one webinar for a page in ``lang``; None for a past or cancelled webinar (nothing
    to add). Times are in UTC, so that every service shows the reader's own time; a webinar with a date
    only is an all-day event."""
    if not webinar.upcoming or webinar.data.status == "cancelled":
        return None
    shown = title(webinar, lang).text
    page = webinar_url(site_url, webinar, lang)
    if webinar.starts_at is not None:
        start = webinar.starts_at
        end = _end(start, webinar.data.duration or DEFAULT_DURATION)
        google_dates = f"{_stamp(start)}/{_stamp(end)}"
        outlook_times = {"startdt": start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                         "enddt": end.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
        google_zone = {"ctz": webinar.data.timezone}
    else:
        day, following = webinar.data.date, webinar.data.date + timedelta(days=1)
        google_dates = f"{day:%Y%m%d}/{following:%Y%m%d}"
        outlook_times = {"startdt": day.isoformat(), "enddt": following.isoformat(), "allday": "true"}
        google_zone = {}
    google = {"action": "TEMPLATE", "text": shown, "dates": google_dates, "details": page, "location": page,
              **google_zone}
    outlook = {"path": "/calendar/action/compose", "rru": "addevent", "subject": shown, **outlook_times,
               "body": page, "location": page}
    path = calendar_path(webinar)
    return CalendarLinks(
        ics=absolute(site_url, path),
        webcal=webcal_url(site_url, path),
        google=f"{GOOGLE}?{urlencode(google, quote_via=quote)}",
        outlook=f"{OUTLOOK}?{urlencode(outlook, quote_via=quote)}",
        office=f"{OFFICE}?{urlencode(outlook, quote_via=quote)}",
    )
