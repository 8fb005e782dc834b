"""iCalendar files: one per webinar (``webinars/<slug>.ics``) and one feed of them all (``webinars.ics``).

Calendar apps match events by UID (``<slug>@<site host>``) and take the copy with the highest SEQUENCE.
Nothing is stored between builds, so SEQUENCE and LAST-MODIFIED are derived from the fixed build date
(HUB_TODAY / SOURCE_DATE_EPOCH, see ``hub.model.build_date``): the number of days from 2019-01-01 to the
build date, or to the webinar's date once it is past. It never decreases from one build to the next,
so a time changed before a webinar reaches subscribers with a higher SEQUENCE, and two builds of the
same data on the same date are byte-identical. Past webinars keep a frozen SEQUENCE.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

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
    lang = data.language  # the event speaks the webinar's own language, as its attendees do
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


def calendar(hub: Hub, webinars, site_url: str, name: str | None = None) -> Calendar:
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
    for webinar in webinars:
        cal.add_component(event(hub, webinar, site_url))
    if webinars:
        # Zone rules from the year before the first webinar to two years after the last one:
        # enough for every event, and derived from the data only (reproducible).
        first = min(w.data.date for w in webinars)
        last = max(w.data.date for w in webinars)
        # Sorted by name for reproducible files; each zone's rules are computed once per build.
        zones = sorted({w.data.timezone for w in webinars if w.starts_at is not None})
        cal.subcomponents = [_vtimezone(zone, first.year, last.year) for zone in zones] + cal.subcomponents
    return cal


@lru_cache(maxsize=None)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of a zone, for the year before ``first_year`` to two years after ``last_year``."""
    return Timezone.from_tzid(tzid, first_date=date(first_year - 1, 1, 1), last_date=date(last_year + 2, 1, 1))


def write_calendars(hub: Hub, site_dir: Path, site_url: str) -> None:
    for webinar in hub.webinars:
        path = site_dir / calendar_path(webinar)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(calendar(hub, [webinar], site_url).to_ical())
    name = Formatter(DEFAULT_LANGUAGE).t("webinars_title")
    (site_dir / "webinars.ics").write_bytes(calendar(hub, hub.webinars, site_url, name).to_ical())
