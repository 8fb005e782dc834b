"""Every .ics the build writes reads to the same instants in three clients' parsers (issue #12).

Mozilla's ical.js (Thunderbird's parser, run with node), vobject and icalendar each read the events
and must give the UTC start and end that the data means, across changes of the clocks in both
hemispheres, in a zone without summer time, and in zones that follow no yearly rule. The times are
written in UTC (no VTIMEZONE: hub/extras/calendars.py says why); a TZID the files carried would be read
through the file's own VTIMEZONE (icalendar with ``to_tz(lookup_tzid=False)``), as a client does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from browser_support import missing
from conftest import BUILD_DATE, FIXTURES, ROOT

ZONES = FIXTURES / "zones"
SITE_URL = "https://example.github.io/webinar-hub/"
HOST = "example.github.io"
NODE_SCRIPT = Path(__file__).parent / "ical_times.mjs"

# Worked out by hand from the rules of each zone (not from zoneinfo), so that the test does not share a
# mistake with the code: slug → (UTC start, UTC end).
BY_HAND = {
    "2019-03-31-zurich-spring-2019": ("2019-03-31T12:00:00Z", "2019-03-31T13:00:00Z"),
    "2027-03-28-zurich-spring": ("2027-03-28T12:00:00Z", "2027-03-28T13:00:00Z"),  # CEST, UTC+2 since 03:00
    "2027-03-27-zurich-eve": ("2027-03-27T22:30:00Z", "2027-03-28T02:30:00Z"),  # 4 h: 23:30 CET to 04:30 CEST
    "2027-10-31-zurich-across-autumn": ("2027-10-30T23:30:00Z", "2027-10-31T01:30:00Z"),  # 2 h, not 3
    "2027-10-31-zurich-autumn": ("2027-10-31T13:00:00Z", "2027-10-31T14:00:00Z"),  # CET, UTC+1
    "2031-03-30-zurich-spring-2031": ("2031-03-30T12:00:00Z", "2031-03-30T13:00:00Z"),
    "2027-04-04-santiago-autumn": ("2027-04-04T14:00:00Z", "2027-04-04T15:30:00Z"),  # UTC-4 since midnight
    "2027-09-05-santiago-spring": ("2027-09-05T13:00:00Z", "2027-09-05T14:00:00Z"),  # UTC-3 since midnight
    "2027-04-04-sydney-autumn": ("2027-04-04T00:00:00Z", "2027-04-04T01:00:00Z"),  # AEST, UTC+10 since 03:00
    "2027-10-03-sydney-spring": ("2027-10-02T23:00:00Z", "2027-10-03T00:00:00Z"),  # AEDT, UTC+11 since 02:00
    "2027-03-28-tokyo": ("2027-03-28T05:00:00Z", "2027-03-28T06:00:00Z"),
    "2027-03-21-casablanca": ("2027-03-21T10:00:00Z", "2027-03-21T11:00:00Z"),  # UTC+0 for good since 2026-09-20
    "2027-06-15-kathmandu": ("2027-06-15T03:15:00Z", "2027-06-15T04:00:00Z"),  # UTC+5:45
}


def _hub(data: Path, root: Path):
    from hub.catalog import load_catalog
    from hub.model import build_hub

    shutil.copytree(data, root / "webinars")
    return build_hub(load_catalog(root), date.fromisoformat(BUILD_DATE))


@pytest.fixture(scope="module")
def zone_calendars(tmp_path_factory) -> tuple[object, list[Path]]:
    """The calendars of the zones fixture, written by the build's own function (no page is needed)."""
    from hub.extras.calendars import write_calendars

    root = tmp_path_factory.mktemp("zones")
    hub = _hub(ZONES, root)
    site = root / "site"
    write_calendars(hub, site, SITE_URL)
    return hub, sorted(site.rglob("*.ics"))


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def expected(hub) -> dict[str, tuple[str, str]]:
    """uid → (UTC start, UTC end) as the data means them: the start in its zone, plus the duration."""
    from hub.extras.calendars import DEFAULT_DURATION

    result = {}
    for webinar in hub.webinars:
        uid = f"{webinar.slug}@{HOST}"
        if webinar.starts_at is None:
            day = webinar.data.date
            result[uid] = (day.isoformat(), (day + timedelta(days=1)).isoformat())
        else:
            start = webinar.starts_at.astimezone(timezone.utc)
            result[uid] = (_iso(start), _iso(start + timedelta(minutes=webinar.data.duration or DEFAULT_DURATION)))
    return result


def read_ical_js(files: list[Path]) -> dict[str, dict[str, tuple[str, str]]]:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "ical.js").is_dir():
        missing("Node.js with the npm package ical.js", "Install npm as root with `apt-get install -y npm` (as "
                "`./hub test` does as root), then `./hub test` runs `npm ci`.")
    result = subprocess.run([node, str(NODE_SCRIPT), *map(str, files)], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    return {Path(name).as_posix(): {e["uid"]: e for e in events} for name, events in json.loads(result.stdout).items()}


def _read_value(value) -> str:
    if isinstance(value, datetime):
        assert value.tzinfo is not None, "a floating time: the zone was not applied"
        return _iso(value)
    assert isinstance(value, date)
    return value.isoformat()


def read_vobject(path: Path) -> dict[str, tuple[str, str]]:
    # vobject keeps, for the whole process, the first definition of each TZID it has read: forget them,
    # as a client reading this one file would (fixtures of other years use the same zones)
    vars(vobject.icalendar)["__tzidMap"].clear()
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    return {event.uid.value: (_read_value(event.dtstart.value), _read_value(event.dtend.value))
            for event in calendar.contents.get("vevent", [])}


def read_icalendar(path: Path) -> dict[str, tuple[str, str]]:
    calendar = Calendar.from_ical(path.read_bytes())
    zones = {str(zone["TZID"]): zone.to_tz(lookup_tzid=False) for zone in calendar.walk("VTIMEZONE")}

    def instant(prop) -> str:
        value = prop.dt
        tzid = prop.params.get("TZID")
        if tzid:  # through the file's VTIMEZONE, not icalendar's own copy of the zone
            value = value.replace(tzinfo=zones[tzid])
        return _read_value(value)

    return {str(event["UID"]): (instant(event["DTSTART"]), instant(event["DTEND"]))
            for event in calendar.walk("VEVENT")}


def check_all(files: list[Path], hub) -> int:
    """Assert every event of every file in every parser; return how many events were checked."""
    want = expected(hub)
    by_ical_js = read_ical_js(files)
    checked = 0
    for path in files:
        by_js = {uid: (e["start"], e["end"]) for uid, e in by_ical_js[path.as_posix()].items()}
        for parser, found in (("ical.js", by_js), ("vobject", read_vobject(path)), ("icalendar", read_icalendar(path))):
            assert found, (parser, path)
            for uid, times in found.items():
                assert times == want[uid], f"{parser} reads {uid} in {path.name} as {times}, not {want[uid]}"
                checked += 1
    return checked


def test_the_zones_fixture_matches_the_times_worked_out_by_hand(zone_calendars):
    hub, _ = zone_calendars
    want = expected(hub)
    assert {uid.removesuffix(f"@{HOST}"): times for uid, times in want.items()} == BY_HAND


def test_every_calendar_reads_the_same_in_ical_js_vobject_and_icalendar(zone_calendars):
    hub, files = zone_calendars
    assert len(files) == len(BY_HAND) + 1  # one per webinar and the feed
    assert check_all(files, hub) == 3 * 2 * len(BY_HAND)  # each event in its own file and in the feed


def test_every_calendar_of_the_built_fixture_site_reads_the_same(fixture_site, tmp_path):
    files = sorted(fixture_site.rglob("*.ics"))
    hub = _hub(FIXTURES / "hub", tmp_path)
    assert len(files) == len(hub.webinars) + 1
    assert check_all(files, hub) > 0


def test_every_timed_event_is_read_in_utc_not_as_a_floating_time(zone_calendars):
    """ical.js reads each start and end of a timed event in its UTC zone (a floating time would be shown
    at the same clock time in every zone); the event's own zone is named in its description."""
    hub, files = zone_calendars
    by_ical_js = read_ical_js(files)
    timed = {f"{w.slug}@{HOST}": w for w in hub.webinars if w.starts_at is not None}
    zones = [(e["startZone"], e["endZone"]) for path in files
             for uid, e in by_ical_js[path.as_posix()].items() if uid in timed]
    assert len(zones) == 2 * len(timed)  # each event in its own file and in the feed
    assert set(zones) == {("UTC", "UTC")}
    feed = Calendar.from_ical((files[0].parent.parent / "webinars.ics").read_bytes())
    for event in feed.walk("VEVENT"):
        webinar = timed[str(event["UID"])]
        assert f"Time: {webinar.starts_at:%Y-%m-%d %H:%M} {webinar.data.timezone}" in str(event["DESCRIPTION"])


# The reminder in the event's language, as Babel gives CLDR's phrase (typed here, not computed).
IN_30_MINUTES = {"ar": "خلال 30 دقيقة", "en": "in 30 minutes", "es": "dentro de 30 minutos", "fr": "dans 30 minutes",
                 "ru": "через 30 минут", "zh": "30分钟后"}


def read_alarms(files: list[Path]) -> dict[str, dict[str, dict[str, list[tuple[str, str, str]]]]]:
    """parser → file name → uid → [(action, the UTC instant the alarm goes off, description)], as each
    parser works the instant out from the trigger (ical.js and icalendar themselves; vobject gives the
    trigger, added here to the start or the end it is related to)."""
    by_ical_js = read_ical_js(files)
    result: dict = {"ical.js": {}, "vobject": {}, "icalendar": {}}
    for path in files:
        result["ical.js"][path.name] = {
            uid: [(a["action"], a["fires"], a["description"]) for a in e["alarms"]]
            for uid, e in by_ical_js[path.as_posix()].items()}
        vobject_alarms = {}
        vars(vobject.icalendar)["__tzidMap"].clear()
        for event in vobject.readOne(path.read_text(encoding="utf-8")).contents.get("vevent", []):
            found = []
            for alarm in event.contents.get("valarm", []):
                trigger = alarm.trigger
                related = event.dtend if trigger.params.get("RELATED") == ["END"] else event.dtstart
                found.append((alarm.action.value, _read_value(related.value + trigger.value), alarm.description.value))
            vobject_alarms[event.uid.value] = found
        result["vobject"][path.name] = vobject_alarms
        result["icalendar"][path.name] = {
            str(event["UID"]): [(str(t.alarm["ACTION"]), _read_value(t.trigger), str(t.alarm["DESCRIPTION"]))
                                for t in event.alarms.times]
            for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}
    return result


def expected_alarms(hub, files: list[Path]) -> dict[str, dict[str, list[tuple[str, str, str]]]]:
    """A webinar's own file reminds 30 minutes before the start, while the webinar is scheduled and to
    come with a known start; the feed and every other file carry no alarm."""
    result = {}
    for path in files:
        result[path.name] = {}
        for webinar in hub.webinars:
            if path.name not in ("webinars.ics", f"{webinar.slug}.ics"):
                continue
            alarms = []
            if path.name != "webinars.ics" and webinar.upcoming and webinar.data.status == "scheduled" \
                    and webinar.starts_at is not None:
                lang = webinar.data.language
                fires = _iso(webinar.starts_at - timedelta(minutes=30))
                alarms.append(("DISPLAY", fires, f"{webinar.data.title[lang]}\n{IN_30_MINUTES[lang]}"))
            result[path.name][f"{webinar.slug}@{HOST}"] = alarms
    return result


def test_a_webinar_to_come_reminds_30_minutes_before_in_its_own_file_in_every_client(zone_calendars):
    hub, files = zone_calendars
    want = expected_alarms(hub, files)
    for parser, found in read_alarms(files).items():
        assert found == want, parser
    reminding = [name for name, events in want.items() for alarms in events.values() if alarms]
    assert len(reminding) == len(BY_HAND) - 1  # all but the webinar of 2019, past on the build date
    assert "webinars.ics" not in reminding


def test_the_reminders_of_the_built_fixture_site_speak_the_events_language(fixture_site, tmp_path):
    files = sorted(fixture_site.rglob("*.ics"))
    hub = _hub(FIXTURES / "hub", tmp_path)
    want = expected_alarms(hub, files)
    for parser, found in read_alarms(files).items():
        assert found == want, parser
    descriptions = {a[2].splitlines()[-1] for events in want.values() for alarms in events.values() for a in alarms}
    assert descriptions == {"dans 30 minutes", "dentro de 30 minutos"}  # the French and the Spanish webinar


def test_calendar_links_for_an_upcoming_webinar(zone_calendars):
    from urllib.parse import parse_qs, urlsplit

    from hub.extras.calendars import calendar_links

    hub, _ = zone_calendars
    webinar = hub.by_slug["2027-10-31-zurich-across-autumn"]
    links = calendar_links(hub, webinar, SITE_URL, "fr")
    assert links.ics == f"{SITE_URL}webinars/2027-10-31-zurich-across-autumn.ics"
    assert links.webcal == "webcal://example.github.io/webinar-hub/webinars/2027-10-31-zurich-across-autumn.ics"
    google = urlsplit(links.google)
    assert (google.scheme, google.netloc, google.path) == ("https", "calendar.google.com", "/calendar/render")
    query = parse_qs(google.query)
    assert query["action"] == ["TEMPLATE"] and query["text"] == ["Fictional webinar 4"]
    assert query["dates"] == ["20271030T233000Z/20271031T013000Z"]  # two hours across the change
    assert query["ctz"] == ["Europe/Zurich"]
    assert query["details"] == [f"{SITE_URL}fr/webinars/2027-10-31-zurich-across-autumn/"]
    for url, host in ((links.outlook, "outlook.live.com"), (links.office, "outlook.office.com")):
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", host, "/calendar/0/action/compose")
        query = parse_qs(parts.query)
        assert query["rru"] == ["addevent"] and query["subject"] == ["Fictional webinar 4"]
        assert query["startdt"] == ["2027-10-30T23:30:00Z"] and query["enddt"] == ["2027-10-31T01:30:00Z"]
        assert "allday" not in query


def test_calendar_links_of_a_date_only_webinar_are_all_day(tmp_path):
    import dataclasses

    from urllib.parse import parse_qs, urlsplit

    from hub.extras.calendars import calendar_links

    hub = _hub(FIXTURES / "hub", tmp_path)
    webinar = hub.by_slug["2027-06-10-upcoming-bogota"]
    undated = dataclasses.replace(webinar, data=dataclasses.replace(webinar.data, start=None, timezone=None))
    links = calendar_links(hub, undated, SITE_URL, "es")
    assert parse_qs(urlsplit(links.google).query)["dates"] == ["20270610/20270611"]
    outlook = parse_qs(urlsplit(links.outlook).query)
    assert (outlook["startdt"], outlook["enddt"], outlook["allday"]) == (["2027-06-10"], ["2027-06-11"], ["true"])
    # a title with characters that must be escaped stays one parameter
    odd = dataclasses.replace(webinar, data=dataclasses.replace(webinar.data, title={"es": "A & B = C?#"}))
    assert parse_qs(urlsplit(calendar_links(hub, odd, SITE_URL, "es").google).query)["text"] == ["A & B = C?#"]


def test_no_calendar_links_for_past_or_cancelled_webinars(tmp_path):
    import dataclasses

    from hub.extras.calendars import calendar_links

    hub = _hub(FIXTURES / "hub", tmp_path)
    assert calendar_links(hub, hub.by_slug["2026-01-15-past-with-recording"], SITE_URL, "en") is None
    webinar = hub.by_slug["2027-06-10-upcoming-bogota"]
    cancelled = dataclasses.replace(webinar, data=dataclasses.replace(webinar.data, status="cancelled"))
    assert calendar_links(hub, cancelled, SITE_URL, "en") is None


def test_webcal_form_of_the_feed():
    from hub.extras.calendars import webcal_url

    assert webcal_url(SITE_URL) == "webcal://example.github.io/webinar-hub/webinars.ics"
    assert webcal_url("http://localhost:8000/") == "webcal://localhost:8000/webinars.ics"
    assert webcal_url("/") is None  # no site address configured: nothing to subscribe to


def test_feed_subscribe_links():
    from urllib.parse import parse_qs, urlsplit

    from hub.extras.calendars import feed_links
    from hub.localize import Formatter

    links = feed_links(SITE_URL, "Webinars")
    assert links.ics == f"{SITE_URL}webinars.ics"
    assert links.webcal == "webcal://example.github.io/webinar-hub/webinars.ics"
    assert parse_qs(urlsplit(links.google).query) == {"cid": [links.webcal]}
    for url, host in ((links.outlook, "outlook.live.com"), (links.office, "outlook.office.com")):
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", host, "/calendar/0/addfromweb")
        assert parse_qs(parts.query) == {"url": [links.ics], "name": ["Webinars"]}
    assert feed_links("/") is None
    named = parse_qs(urlsplit(feed_links(SITE_URL).outlook).query)["name"]
    assert named == [Formatter("en").t("webinars_title")]  # the feed's own name by default
