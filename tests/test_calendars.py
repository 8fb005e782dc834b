"""iCalendar files, parsed with the icalendar library: times in UTC, zones named, all-day events, UIDs, status."""

from __future__ import annotations

import pytest

import dataclasses
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from icalendar import Calendar

from conftest import BUILD_DATE, FIXTURES, build, make_project

SITE_URL = "https://example.github.io/webinar-hub/"
HOST = "example.github.io"
DST = "2027-03-28-upcoming-across-dst"
BOGOTA = "2027-06-10-upcoming-bogota"
DATE_ONLY = "2025-11-02-past-date-only"
RECORDED = "2026-01-15-past-with-recording"


def events(path: Path) -> dict[str, object]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def utc(value) -> datetime:
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def test_feed_lists_every_webinar_with_stable_uids(fixture_site):
    found = events(fixture_site / "webinars.ics")
    slugs = sorted(p.stem for p in (FIXTURES / "hub").glob("*.yml"))
    assert sorted(found) == sorted(f"{slug}@{HOST}" for slug in slugs)
    calendar = Calendar.from_ical((fixture_site / "webinars.ics").read_bytes())
    assert calendar["VERSION"] == "2.0" and calendar["METHOD"] == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"])


def test_time_zone_on_the_day_of_the_dst_change(fixture_site):
    calendar = Calendar.from_ical((fixture_site / "webinars" / f"{DST}.ics").read_bytes())
    [event] = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    # 14:00 in Zurich is 12:00 UTC (CEST, UTC+2, from 03:00 that morning), written as such: a one-off
    # event needs no VTIMEZONE, and the event's zone and local time are in its description
    assert start.utcoffset() == timedelta(0) and "TZID" not in event["DTSTART"].params
    assert utc(start) == datetime(2027, 3, 28, 12, 0)
    assert utc(event.decoded("DTEND")) == datetime(2027, 3, 28, 13, 0)  # duration: 60 in the data
    assert "Time: 2027-03-28 14:00 Europe/Zurich" in str(event["DESCRIPTION"]).splitlines()
    assert calendar.walk("VTIMEZONE") == []
    assert str(event["URL"]) == f"{SITE_URL}fr/webinars/{DST}/"
    assert str(event["STATUS"]) == "CONFIRMED"


def test_unknown_duration_defaults_to_an_hour_and_says_so(fixture_site):
    event = events(fixture_site / "webinars.ics")[f"{BOGOTA}@{HOST}"]
    assert utc(event.decoded("DTSTART")) == datetime(2027, 6, 10, 14, 30)  # Bogotá is UTC-5
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=60)
    assert "60 minutes" in str(event["DESCRIPTION"])
    assert "Registration is full." in str(event["DESCRIPTION"]).splitlines()  # the fixture's state, not its page
    assert "https://example.org/register/3" not in str(event["DESCRIPTION"])
    assert "Time: 2027-06-10 09:30 America/Bogota" in str(event["DESCRIPTION"]).splitlines()


def test_date_only_webinar_is_an_all_day_event(fixture_site):
    event = events(fixture_site / "webinars" / f"{DATE_ONLY}.ics")[f"{DATE_ONLY}@{HOST}"]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert type(start) is date and start == date(2025, 11, 2)
    assert type(end) is date and end == date(2025, 11, 3)


def test_dtstamp_comes_from_the_build_date_not_the_clock(fixture_site):
    for event in events(fixture_site / "webinars.ics").values():
        assert event.decoded("DTSTAMP") == datetime.fromisoformat(BUILD_DATE + "T00:00:00+00:00")
        assert isinstance(event.decoded("SEQUENCE"), int)


@pytest.mark.slow  # whole extra builds: not in ./hub test --fast
def test_two_builds_are_identical_and_uids_stable(fixture_site, tmp_path):
    project = make_project(tmp_path / "again", FIXTURES / "hub")
    assert build(project).returncode == 0
    again = project / "site"
    for relative in ("webinars.ics", f"webinars/{DST}.ics", f"webinars/{DATE_ONLY}.ics",
                     # the other extras are reproducible too
                     "feed.xml", "fr/atom.xml", "webinars.json", "webinars.schema.json", "webinars.csv",
                     "embed/upcoming.ar.html", "embed/upcoming.json", "sitemap.xml", "robots.txt"):
        assert (again / relative).read_bytes() == (fixture_site / relative).read_bytes()


# The model level: what a later build with a changed time publishes.

def _hub(today: date, **changes):
    from hub.catalog import load_catalog
    from hub.model import build_hub

    project = make_project_data()
    hub = build_hub(load_catalog(project), today)
    if changes:
        facts = hub.by_slug[DST]
        changed = dataclasses.replace(facts, data=dataclasses.replace(facts.data, **changes))
        hub = dataclasses.replace(hub, webinars=tuple(changed if w.slug == DST else w for w in hub.webinars))
    return hub


_PROJECT: list[Path] = []


def make_project_data() -> Path:
    """A folder whose webinars/ is the fixture data (what load_catalog reads)."""
    if not _PROJECT:
        import shutil
        import tempfile

        root = Path(tempfile.mkdtemp())
        shutil.copytree(FIXTURES / "hub", root / "webinars")
        _PROJECT.append(root)
    return _PROJECT[0]


def test_a_changed_time_goes_out_with_a_higher_sequence():
    from datetime import time
    from hub.extras.calendars import event

    early = _hub(date(2026, 6, 1))
    later = _hub(date(2026, 9, 1), start=time(15, 0))
    old, new = event(early, early.by_slug[DST], SITE_URL), event(later, later.by_slug[DST], SITE_URL)
    assert old["UID"] == new["UID"]
    assert new.decoded("SEQUENCE") > old.decoded("SEQUENCE")
    assert utc(new.decoded("DTSTART")) == datetime(2027, 3, 28, 13, 0)


def test_cancelled_webinar_is_cancelled_in_calendars():
    from hub.extras.calendars import event

    hub = _hub(date(2026, 6, 1), status="cancelled")
    assert str(event(hub, hub.by_slug[DST], SITE_URL)["STATUS"]) == "CANCELLED"


def test_past_webinars_keep_their_sequence():
    from hub.extras.calendars import sequence

    early, late = _hub(date(2026, 6, 1)), _hub(date(2027, 1, 1))
    assert sequence(early, early.by_slug[RECORDED]) == sequence(late, late.by_slug[RECORDED])


def test_a_reminder_only_for_a_scheduled_webinar_to_come_with_a_start_time():
    from datetime import time

    from hub.extras.calendars import event

    hub = _hub(date(2026, 6, 1))
    [alarm] = event(hub, hub.by_slug[DST], SITE_URL, reminder=True).walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY" and alarm.decoded("TRIGGER") == -timedelta(minutes=30)
    assert event(hub, hub.by_slug[DST], SITE_URL).walk("VALARM") == []  # the feed's copy
    for changes in ({"status": "cancelled"}, {"status": "postponed"}, {"start": None, "timezone": None}):
        changed = _hub(date(2026, 6, 1), **changes)
        assert event(changed, changed.by_slug[DST], SITE_URL, reminder=True).walk("VALARM") == [], changes
    past = _hub(date(2027, 3, 29))
    assert event(past, past.by_slug[DST], SITE_URL, reminder=True).walk("VALARM") == []
    today = _hub(date(2027, 3, 28), start=time(14, 0))  # upcoming until the day is over
    assert len(event(today, today.by_slug[DST], SITE_URL, reminder=True).walk("VALARM")) == 1


def test_the_reminder_speaks_the_webinars_language():
    from hub.extras.calendars import event

    for lang, phrase in (("ar", "خلال 30 دقيقة"), ("zh", "30分钟后"), ("ru", "через 30 минут")):
        hub = _hub(date(2026, 6, 1), language=lang, title={lang: "T"})
        [alarm] = event(hub, hub.by_slug[DST], SITE_URL, reminder=True).walk("VALARM")
        assert str(alarm["DESCRIPTION"]) == f"T\n{phrase}"
