"""iCalendar files: one per webinar (``webinars/<slug>.ics``) and one feed of them all (``webinars.ics``).

Calendar apps match events by UID (``<slug>@<site host>``) and take the copy with the highest SEQUENCE.
Nothing is stored between builds, so SEQUENCE and LAST-MODIFIED are derived from the fixed build date
(HUB_TODAY / SOURCE_DATE_EPOCH, see ``hub.model.build_date``): the number of days from 2019-01-01 to the
build date, or to the webinar's date once it is past. It never decreases from one build to the next,
so a time changed before a webinar reaches subscribers with a higher SEQUENCE, and two builds of the
same data on the same date are byte-identical. Past webinars keep a frozen SEQUENCE.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from ..languages import DEFAULT_LANGUAGE
from ..localize import Formatter
from ..model import Hub, WebinarFacts
from .common import absolute, announced, build_time, calendar_path, midnight, site_host, title, webinar_url

EPOCH = date(2019, 1, 1)
DEFAULT_DURATION = 60  # minutes, when the data gives none (said in the event's DESCRIPTION)
STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def sequence(hub: Hub, webinar: WebinarFacts) -> int:
    return max(0, (announced(hub, webinar) - EPOCH).days)


def event(hub: Hub, webinar: WebinarFacts, site_url: str) -> Event:
    data = webinar.data
    # The event speaks the webinar's own language, as its attendees do (English when not stated).
    lang = data.language or DEFAULT_LANGUAGE
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
        minutes = data.duration or DEFAULT_DURATION
        item.add("dtstart", webinar.starts_at)
        item.add("dtend", webinar.starts_at + timedelta(minutes=minutes))
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
        notes.append(f"Registration: {data.registration.url}")
    if data.recording:
        notes.append(f"Recording: {data.recording.url}")
    item.add("description", "\n".join([url, *notes]))
    return item


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


def _zone_keys(webinars) -> list[tuple[str, int, int]]:
    """(zone, first year, last year) of each VTIMEZONE the webinars need, sorted by zone name.

    Zone rules from the year before the first webinar to two years after the last one: enough for
    every event, and derived from the data only (reproducible).
    """
    if not webinars:
        return []
    first = min(w.data.date for w in webinars).year
    last = max(w.data.date for w in webinars).year
    zones = sorted({w.data.timezone for w in webinars if w.starts_at is not None})
    return [(zone, first, last) for zone in zones]


SCAN_MARGIN = timedelta(days=65)  # more than from_tzinfo's longest step (64 days)


class _ScanUntil(tzinfo):
    """A time zone that ends (raises OverflowError, as zoneinfo does at year 9999) at ``end``.

    ``Timezone.from_tzinfo`` finds each change of offset by stepping at most 64 days at a time, and
    ends a period only where the offset changes: in a zone that no longer changes (Africa/Nairobi,
    Asia/Shanghai) its last period is walked to year 9999, ~45 000 steps per VTIMEZONE. Every point
    it looks at is an earlier point of the same period plus one step, so once a point is past
    ``last_date`` + 64 days the period reaches past ``last_date`` and nothing more is written:
    ending the zone there gives the same VTIMEZONE.
    """

    def __init__(self, zone: tzinfo, end: datetime):
        self.zone = zone
        self.end = end  # naive, wall clock: the scan's arithmetic

    def utcoffset(self, moment: datetime) -> timedelta | None:
        if moment.replace(tzinfo=None) >= self.end:
            raise OverflowError("past the end of the scan")
        return self.zone.utcoffset(moment)

    def dst(self, moment: datetime) -> timedelta | None:
        return self.zone.dst(moment)

    def tzname(self, moment: datetime) -> str | None:
        return self.zone.tzname(moment)


@lru_cache(maxsize=None)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of a zone, for the year before ``first_year`` to two years after ``last_year``."""
    first, last = date(first_year - 1, 1, 1), date(last_year + 2, 1, 1)
    zone = _ScanUntil(ZoneInfo(tzid), datetime.combine(last, time(0)) + SCAN_MARGIN)
    return Timezone.from_tzinfo(zone, tzid, first_date=first, last_date=last)


@lru_cache(maxsize=None)
def _vtimezone_ical(tzid: str, first_year: int, last_year: int) -> bytes:
    return _vtimezone(tzid, first_year, last_year).to_ical()


def _calendar_ical(head: bytes, webinars, events: dict[str, bytes]) -> bytes:
    """A calendar's iCalendar text from parts serialized once: its own lines (``head``), then each
    component's (time zones, then events), then its END line."""
    zones = [_vtimezone_ical(*key) for key in _zone_keys(webinars)]
    return b"".join([head, *zones, *(events[w.slug] for w in webinars), b"END:VCALENDAR\r\n"])


def _head_ical(site_url: str, name: str | None) -> bytes:
    return _head(site_url, name).to_ical().removesuffix(b"END:VCALENDAR\r\n")


def write_calendars(hub: Hub, site_dir: Path, site_url: str) -> None:
    """One file per webinar and the feed of all; each event is serialized once for both."""
    events = {w.slug: event(hub, w, site_url).to_ical() for w in hub.webinars}
    head = _head_ical(site_url, None)
    for webinar in hub.webinars:
        path = site_dir / calendar_path(webinar)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_calendar_ical(head, [webinar], events))
    name = Formatter(DEFAULT_LANGUAGE).t("webinars_title")
    (site_dir / "webinars.ics").write_bytes(_calendar_ical(_head_ical(site_url, name), hub.webinars, events))
