"""iCalendar files: one per webinar (``webinars/<slug>.ics``) and one feed of them all (``webinars.ics``).

Calendar apps match events by UID (``<slug>@<site host>``) and take the copy with the highest SEQUENCE.
Nothing is stored between builds, so SEQUENCE and LAST-MODIFIED are derived from the fixed build date
(HUB_TODAY / SOURCE_DATE_EPOCH, see ``hub.model.build_date``): the number of days from 2019-01-01 to the
build date, or to the webinar's date once it is past. It never decreases from one build to the next,
so a time changed before a webinar reaches subscribers with a higher SEQUENCE, and two builds of the
same data on the same date are byte-identical. Past webinars keep a frozen SEQUENCE.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from ..languages import active
from ..localize import Formatter
from ..model import DEFAULT_DURATION, Hub, WebinarFacts, event_end as _end
from ..calendar_links import CalendarLinks, FeedLinks, calendar_links, feed_links, webcal_url  # noqa: F401
from .common import absolute, announced, build_time, calendar_path, midnight, site_host, title, webinar_url

EPOCH = date(2019, 1, 1)
STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def sequence(hub: Hub, webinar: WebinarFacts) -> int:
    return max(0, (announced(hub, webinar) - EPOCH).days)


def event(hub: Hub, webinar: WebinarFacts, site_url: str) -> Event:
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
        minutes = data.duration or DEFAULT_DURATION
        item.add("dtstart", webinar.starts_at)
        item.add("dtend", _end(webinar.starts_at, minutes))
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


def _years(webinars) -> tuple[int, int]:
    """First and last year of the webinars: the VTIMEZONEs of every file cover the same years."""
    return min(w.data.date for w in webinars).year, max(w.data.date for w in webinars).year


def _zone_keys(webinars, years: tuple[int, int]) -> list[tuple[str, int, int]]:
    """(zone, first year, last year) of each VTIMEZONE the webinars need, sorted by zone name.

    Zone rules from the year before the first webinar of the hub to two years after its last one:
    enough for every event, and derived from the data only (reproducible). Every file (the feed and
    each webinar's) carries the same definition of a zone: a client that keeps the first definition
    of a TZID it meets for the files it reads later (vobject does) reads them all right, and each zone
    is written once per build. Yearly rules keep the definition short however many years it covers.
    """
    zones = sorted({w.data.timezone for w in webinars if w.starts_at is not None})
    return [(zone, *years) for zone in zones]


@dataclass(frozen=True)
class Transition:
    """One change of a zone's offset: the UTC instant, the offsets before and after, the new name."""

    at: datetime  # UTC, naive
    before: timedelta
    after: timedelta
    name: str
    dst: bool  # daylight saving time after the change

    @property
    def local(self) -> datetime:
        """The wall-clock onset as VTIMEZONE writes it: in the offset before the change (RFC 5545)."""
        return self.at + self.before


def _state(zone: ZoneInfo, moment: datetime) -> tuple[timedelta, str, bool]:
    local = moment.replace(tzinfo=timezone.utc).astimezone(zone)
    return local.utcoffset(), local.tzname() or "", bool(local.dst())


def transitions(zone: ZoneInfo, first: datetime, last: datetime) -> list[Transition]:
    """Every change of offset, name or DST flag from ``first`` to ``last`` (UTC, naive), to the second.

    Steps of a day (no zone changes twice in a day), then bisection to the second of each change:
    ≈ 400 look-ups a year and zone.
    """
    found = []
    step = timedelta(days=1)
    moment, state = first, _state(zone, first)
    while moment < last:
        following = moment + step
        after = _state(zone, following)
        if after != state:
            low, high = moment, following  # state at low, changed at high
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if middle in (low, high):
                    break
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            changed = _state(zone, high)
            found.append(Transition(high, state[0], changed[0], changed[1], changed[2]))
            state = changed
            if changed != after:  # a second change within the day
                moment = high
                continue
        moment, state = following, after
    return found


def _yearly_rules(day: date) -> frozenset[str]:
    """The RRULE parts (after FREQ=YEARLY;BYMONTH=M) that give ``day`` in its year."""
    weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[day.weekday()]
    month_days = ((day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)).day
    rules = {f"BYMONTHDAY={day.day}"}
    if day.day <= 28:
        rules.add(f"BYDAY={(day.day - 1) // 7 + 1}{weekday}")
    if day.day + 7 > month_days:
        rules.add(f"BYDAY=-1{weekday}")
    for first in range(max(1, day.day - 6), day.day + 1):  # e.g. the Sunday on or after the 2nd (Chile)
        if first + 6 <= month_days and (first - 1) % 7:
            rules.add(f"BYDAY={weekday};BYMONTHDAY=" + ",".join(str(d) for d in range(first, first + 7)))
    return frozenset(rules)


def _prefer(rule: str) -> tuple[int, str]:
    """The plainest of the rules that fit: the n-th or last weekday, then a fixed day, then a range."""
    return (0 if rule.startswith("BYDAY=") and ";" not in rule else 1 if rule.startswith("BYMONTHDAY") else 2, rule)


def _observances(changes: list[Transition]) -> list[tuple[Transition, Transition, str | None]]:
    """Group the changes of one kind (same offsets and name) into yearly runs: (first, last, rule).

    A run is a change on the same local time in the same month of consecutive years on the same
    rule; one change alone has no rule (``None``), written as a single DTSTART.
    """
    runs, index = [], 0
    while index < len(changes):
        first = changes[index]
        rules = _yearly_rules(first.local.date())
        end = index
        while end + 1 < len(changes):
            following, previous = changes[end + 1], changes[end]
            fits = rules & _yearly_rules(following.local.date())
            if (following.local.year != previous.local.year + 1 or following.local.month != first.local.month
                    or following.local.time() != first.local.time() or not fits):
                break
            rules, end = fits, end + 1
        runs.append((first, changes[end], min(rules, key=_prefer) if end > index else None))
        index = end + 1
    return runs


@lru_cache(maxsize=None)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of a zone, for the year before ``first_year`` to two years after ``last_year``.

    Read the same by every client (RFC 5545): one STANDARD or DAYLIGHT component per yearly rule, with
    an RRULE bounded by UNTIL (in UTC) at its last change in the range; a change that follows no rule
    is a component of its own with its DTSTART alone (no multi-valued RDATE: ical.js, Thunderbird's
    parser, and vobject read only the first value). A zone with no change in the range (Africa/Nairobi,
    America/Bogota) is one STANDARD component.
    """
    zone = ZoneInfo(tzid)
    first, last = datetime(first_year - 1, 1, 1), datetime(last_year + 2, 1, 1)
    changes = transitions(zone, first, last)
    result = Timezone()
    result.add("TZID", tzid)
    components = []
    events_start = datetime(first_year, 1, 1)
    if not changes or changes[0].at >= events_start - timedelta(days=1):
        offset, name, dst = _state(zone, first)
        components.append((first, TimezoneDaylight() if dst else TimezoneStandard(), offset, offset, name, None, None))
    kinds: dict[tuple, list[Transition]] = {}
    for change in changes:
        kinds.setdefault((change.before, change.after, change.name, change.dst), []).append(change)
    for (before, after, name, dst), group in kinds.items():
        for start, end, rule in _observances(group):
            components.append((start.local, TimezoneDaylight() if dst else TimezoneStandard(), before, after, name,
                               rule, end))
    for onset, component, before, after, name, rule, end in sorted(components, key=lambda c: c[0]):
        component.add("DTSTART", onset)
        component.add("TZOFFSETFROM", before)
        component.add("TZOFFSETTO", after)
        if name:
            component.add("TZNAME", name)
        if rule:
            parts: dict = {"FREQ": "YEARLY", "BYMONTH": [onset.month]}
            for part in rule.split(";"):
                key, values = part.split("=")
                parts[key] = values.split(",") if key == "BYDAY" else [int(v) for v in values.split(",")]
            parts["UNTIL"] = end.at.replace(tzinfo=timezone.utc)
            component.add("RRULE", parts)
        result.add_component(component)
    return result


@lru_cache(maxsize=None)
def _vtimezone_ical(tzid: str, first_year: int, last_year: int) -> bytes:
    return _vtimezone(tzid, first_year, last_year).to_ical()


def _calendar_ical(head: bytes, webinars, events: dict[str, bytes], years: tuple[int, int]) -> bytes:
    """A calendar's iCalendar text from parts serialized once: its own lines (``head``), then each
    component's (time zones, then events), then its END line."""
    zones = [_vtimezone_ical(*key) for key in _zone_keys(webinars, years)]
    return b"".join([head, *zones, *(events[w.slug] for w in webinars), b"END:VCALENDAR\r\n"])


def _head_ical(site_url: str, name: str | None) -> bytes:
    return _head(site_url, name).to_ical().removesuffix(b"END:VCALENDAR\r\n")


def write_calendars(hub: Hub, site_dir: Path, site_url: str) -> None:
    """One file per webinar and the feed of all; each event is serialized once for both."""
    events = {w.slug: event(hub, w, site_url).to_ical() for w in hub.webinars}
    if not hub.webinars:
        years = (hub.today.year, hub.today.year)
    else:
        years = _years(hub.webinars)
    head = _head_ical(site_url, None)
    for webinar in hub.webinars:
        path = site_dir / calendar_path(webinar)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_calendar_ical(head, [webinar], events, years))
    name = Formatter(active().default).t("webinars_title")
    (site_dir / "webinars.ics").write_bytes(_calendar_ical(_head_ical(site_url, name), hub.webinars, events, years))


# Links for the pages (view data; the templates decide where they go) ----------------------------------
