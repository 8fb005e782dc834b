"""iCalendar files: one per webinar (``webinars/<slug>.ics``) and one feed of them all (``webinars.ics``).

Calendar apps match events by UID (``<slug>@<site host>``) and take the copy with the highest SEQUENCE.
Nothing is stored between builds, so SEQUENCE and LAST-MODIFIED are derived from the fixed build date
(HUB_TODAY / SOURCE_DATE_EPOCH, see ``hub.model.build_date``): the number of days from 2019-01-01 to the
build date, or to the webinar's date once it is past. It never decreases from one build to the next,
so a time changed before a webinar reaches subscribers with a higher SEQUENCE, and two builds of the
same data on the same date are byte-identical. Past webinars keep a frozen SEQUENCE.

A webinar's own file carries a reminder (VALARM) while the webinar is scheduled and to come: who downloads
it means to attend. The feed carries none: a subscriber to every webinar did not ask to be alerted to each.

Times are written in UTC (``DTSTART:20270328T120000Z``, RFC 5545 §3.3.5 form 2), with no VTIMEZONE:
every webinar is a one-off event, so the instant is all a client needs, and a UTC time leaves it no
definition of a zone to read (ical.js and vobject misread the multi-valued RDATEs of the VTIMEZONEs
that icalendar generates; README, "Calendars"). The event's own zone and local time are in its
DESCRIPTION, as on its page.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

import babel.dates
from icalendar import Alarm, Calendar, Event

from ..languages import active
from ..localize import Formatter
from ..model import DEFAULT_DURATION, Hub, WebinarFacts
from ..calendar_links import CalendarLinks, FeedLinks, calendar_links, feed_links, webcal_url  # noqa: F401
from .common import absolute, announced, build_time, calendar_path, midnight, site_host, title, webinar_url

EPOCH = date(2019, 1, 1)
STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}
REMINDER = timedelta(minutes=30)  # before the start: time to open the page and the link to join
# The description's registration line, by the state on the build date (WebinarFacts.registration_state).
REGISTRATION = {"open": "Registration: {url}", "full": "Registration is full.", "closed": "Registration is closed."}


def sequence(hub: Hub, webinar: WebinarFacts) -> int:
    return max(0, (announced(hub, webinar) - EPOCH).days)


def reminds(webinar: WebinarFacts) -> bool:
    """Whether a reminder is worth giving: a webinar to come, neither cancelled nor postponed (its time
    no longer holds), whose start time is known."""
    return webinar.upcoming and webinar.data.status == "scheduled" and webinar.starts_at is not None


def event(hub: Hub, webinar: WebinarFacts, site_url: str, *, reminder: bool = False) -> Event:
    """The webinar's VEVENT; with ``reminder``, and when it ``reminds``, a display alarm before the start
    in the event's language (the CLDR phrase "in 30 minutes", from Babel)."""
    data = webinar.data
    # The event speaks the webinar's own language, as its attendees do (English when not stated).
    lang = data.language or active().default
    shown = title(webinar, lang)
    url = webinar_url(site_url, webinar, lang)
    item = Event()
    item.add("uid", f"{webinar.slug}@{site_host(site_url)}")
    item.add("dtstamp", build_time(hub))
    item.add("last-modified", midnight(announced(hub, webinar)))
    item.add("sequence", sequence(hub, webinar))
    item.add("summary", shown.text, parameters={"LANGUAGE": shown.lang})
    notes = []
    if webinar.starts_at is not None:
        start, end = _times(webinar)
        item.add("dtstart", start)
        item.add("dtend", end)
        notes.append(f"Time: {webinar.starts_at:%Y-%m-%d %H:%M} {data.timezone}")
        if data.duration is None:
            notes.append(f"Duration not announced: {DEFAULT_DURATION} minutes assumed.")
    else:
        # Only the date is known: an all-day event (DTEND is exclusive).
        item.add("dtstart", data.date)
        item.add("dtend", data.date + timedelta(days=1))
        item.add("transp", "TRANSPARENT")
        notes.append("Start time not announced yet.")
    item.add("status", STATUS[data.status])
    item.add("url", url, parameters={"VALUE": "URI"})
    item.add("location", url)
    if data.registration and webinar.upcoming:
        notes.append(REGISTRATION[webinar.registration_state].format(url=data.registration.url))
    if data.recording:
        notes.append(f"Recording: {data.recording.url}")
    item.add("description", "\n".join([url, *notes]))
    if reminder and reminds(webinar):
        item.add_component(_alarm(shown.text, shown.lang))
    return item


def _alarm(text: str, lang: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -REMINDER)  # related to the start
    alarm.add("description", f"{text}\n{_in_advance(lang)}")
    return alarm


@lru_cache(maxsize=None)
def _in_advance(lang: str) -> str:
    return babel.dates.format_timedelta(REMINDER, add_direction=True, locale=Formatter(lang).locale)


def _times(webinar: WebinarFacts) -> tuple[datetime, datetime]:
    """Start and end in UTC: the end is the duration of real time after the start, whatever the clocks
    of the event's zone do in between."""
    start = webinar.starts_at.astimezone(timezone.utc)
    return start, start + timedelta(minutes=webinar.data.duration or DEFAULT_DURATION)


def _head(site_url: str, name: str | None) -> Calendar:
    """The calendar's own properties; a named calendar is the subscribable feed."""
    cal = Calendar()
    cal.add("prodid", f"-//{site_host(site_url)}//Webinar hub//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
        cal.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "P1D")
        cal.add("source", absolute(site_url, "webinars.ics"), parameters={"VALUE": "URI"})
    return cal


def _calendar_ical(head: bytes, events: list[bytes]) -> bytes:
    """A calendar's iCalendar text from parts serialized once: its own lines (``head``), its events,
    its END line."""
    return b"".join([head, *events, b"END:VCALENDAR\r\n"])


def _head_ical(site_url: str, name: str | None) -> bytes:
    return _head(site_url, name).to_ical().removesuffix(b"END:VCALENDAR\r\n")


def write_calendars(hub: Hub, site_dir: Path, site_url: str) -> None:
    """One file per webinar and the feed of all; each event is serialized once for both, and once more
    with its reminder for its own file when it ``reminds``."""
    events = {w.slug: event(hub, w, site_url).to_ical() for w in hub.webinars}
    head = _head_ical(site_url, None)
    for webinar in hub.webinars:
        path = site_dir / calendar_path(webinar)
        path.parent.mkdir(parents=True, exist_ok=True)
        own = event(hub, webinar, site_url, reminder=True).to_ical() if reminds(webinar) else events[webinar.slug]
        path.write_bytes(_calendar_ical(head, [own]))
    name = Formatter(active().default).t("webinars_title")
    feed = _calendar_ical(_head_ical(site_url, name), [events[w.slug] for w in hub.webinars])
    (site_dir / "webinars.ics").write_bytes(feed)

