"""Time zones come from the pinned tzdata package on every machine, never from the machine's own database.

A fresh Debian 12 machine (tzdata 2026f) and this one (2025b) disagreed on a Casablanca webinar by an hour:
the same commit, two sites. These tests give the machine a zone database that lies, and the hub must not
listen to it.
"""

from __future__ import annotations

import pickle
import shutil
import zoneinfo
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from hub import zones
from hub.rules import TimeZone
from hub.zones import zone, zone_names

from conftest import ROOT

UTC = timezone.utc


@pytest.fixture
def lying_machine(tmp_path):
    """The machine's zone database swapped for one where Zurich keeps Tokyo's time and Casablanca Paris's."""
    fake = tmp_path / "zoneinfo"
    for name, really in {"Europe/Zurich": "Asia/Tokyo", "Africa/Casablanca": "Europe/Paris",
                         "America/Bogota": "Asia/Kathmandu"}.items():
        (fake / name).parent.mkdir(parents=True, exist_ok=True)
        (fake / name).write_bytes(_tzdata_file(really).read_bytes())
    zones.zone.cache_clear()
    zoneinfo.reset_tzpath(to=[str(fake)])
    zoneinfo.ZoneInfo.clear_cache()
    try:
        assert zoneinfo.ZoneInfo("Europe/Zurich").utcoffset(datetime(2027, 1, 15)) == timedelta(hours=9)
        yield fake
    finally:
        zoneinfo.reset_tzpath()
        zoneinfo.ZoneInfo.clear_cache()
        zones.zone.cache_clear()


def _tzdata_file(name: str) -> Path:
    import tzdata

    return Path(tzdata.__file__).parent / "zoneinfo" / name


@pytest.mark.parametrize("name, day, hour, offset", [
    ("Europe/Zurich", date(2027, 1, 15), 14, 1),    # CET
    ("Europe/Zurich", date(2027, 7, 15), 14, 2),    # CEST
    ("Africa/Casablanca", date(2027, 3, 21), 10, 0),  # UTC+0 all year from 2026-09-20 (tzdata 2026c)
    ("America/Bogota", date(2027, 3, 21), 10, -5),
])
def test_a_zone_keeps_its_rules_whatever_the_machine_holds(lying_machine, name, day, hour, offset):
    start = datetime.combine(day, time(hour), zone(name))
    assert start.utcoffset() == timedelta(hours=offset), f"{name} on {day}: {start.utcoffset()}"
    assert TimeZone().check(name) is None


def test_a_webinar_starts_at_the_same_instant_whatever_the_machine_holds(lying_machine, tmp_path):
    from hub.catalog import load_catalog
    from hub.model import build_hub

    shutil.copytree(ROOT / "tests" / "fixtures" / "zones", tmp_path / "project" / "webinars")
    hub = build_hub(load_catalog(tmp_path / "project"), date(2026, 12, 1))
    starts = {w.slug: w.starts_at.astimezone(UTC) for w in hub.webinars if w.starts_at}
    assert starts["2027-03-21-casablanca"] == datetime(2027, 3, 21, 10, tzinfo=UTC)
    assert starts["2027-03-28-zurich-spring"] == datetime(2027, 3, 28, 12, tzinfo=UTC)


def test_a_start_passes_to_a_worker_process_and_comes_back_the_same():
    start = datetime(2027, 3, 28, 14, tzinfo=zone("Europe/Zurich"))
    again = pickle.loads(pickle.dumps(start))
    assert again == start and again.tzinfo is zone("Europe/Zurich") and again.tzinfo.key == "Europe/Zurich"


@pytest.mark.parametrize("name", ["localtime", "posixrules", "Europe/Nowhere", "../etc/passwd",
                                  "Europe/../Asia/Tokyo", "Factory"])
def test_only_the_packages_zone_names_of_places_are_zones(name):
    assert TimeZone().check(name) is not None
    if name != "Factory":  # in the package, but no place: refused by the name's pattern
        with pytest.raises(KeyError):
            zone(name)


def test_no_module_reads_the_machines_zone_database():
    """One way to a zone: hub.zones. Any other use of zoneinfo's loader reads the machine's database."""
    readers = [str(path.relative_to(ROOT)) for path in sorted((ROOT / "hooks").rglob("*.py"))
               if path.name != "zones.py" and "zoneinfo" in path.read_text(encoding="utf-8")]
    assert not readers, readers
    assert len(zone_names()) > 400 and "Europe/Zurich" in zone_names()
