"""Time zones from the pinned ``tzdata`` package, never from the build machine's own zone database.

``zoneinfo.ZoneInfo`` reads the machine's database first (/usr/share/zoneinfo). Two machines then built the
same commit into two sites: one with Debian's tzdata 2025b put a webinar at 10:00 in Casablanca on
2027-03-21 at 09:00 UTC, one with 2026f at 10:00 UTC (Morocco stays at UTC+0 from 2026-09-20). The rules now
come from the ``tzdata`` release pinned in requirements.txt, on every machine: updating that pin updates them.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo

import tzdata

DATABASE_VERSION: str = tzdata.IANA_VERSION  # e.g. "2026f"


class Zone(ZoneInfo):
    """A zone read from the package's file; pickled by its name (a worker process reads it again)."""

    def __reduce__(self):
        return zone, (self.key,)


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """Every zone name the package holds (its list of zones and links, e.g. Europe/Zurich, Asia/Calcutta)."""
    return frozenset(resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split())


@lru_cache(maxsize=None)
def zone(name: str) -> ZoneInfo:
    """The zone ``name`` (one object per name, as ``ZoneInfo(name)`` gives). KeyError if the package has none."""
    if name not in zone_names():
        raise KeyError(f"no time zone named {name!r} in tzdata {DATABASE_VERSION}")
    with resources.files("tzdata.zoneinfo").joinpath(*name.split("/")).open("rb") as file:
        return Zone.from_file(file, key=name)
