"""Facts derived from the catalog that do not depend on the page language.

Status (upcoming or past) is computed against a build date that can be fixed for reproducible builds.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cached_property
from pathlib import Path

from .catalog import Catalog, Entry
from .schema import Approximate, Expert, Series, Webinar
from .zones import zone


def build_date(environ: dict[str, str] | None = None, now: datetime | None = None) -> date:
    """Today in UTC, unless HUB_TODAY (YYYY-MM-DD) or SOURCE_DATE_EPOCH fixes it for a reproducible build.

    UTC like SOURCE_DATE_EPOCH and the calendars' timestamps (midnight UTC of this date), whatever the
    machine's own time zone: a build just after midnight in Sydney does not move webinars a day early.
    """
    environ = os.environ if environ is None else environ
    if environ.get("HUB_TODAY"):
        return date.fromisoformat(environ["HUB_TODAY"])
    if environ.get("SOURCE_DATE_EPOCH"):
        return datetime.fromtimestamp(int(environ["SOURCE_DATE_EPOCH"]), timezone.utc).date()
    return (now or datetime.now(timezone.utc)).astimezone(timezone.utc).date()


DEFAULT_DURATION = 60  # minutes, when the data gives none (the calendars' DESCRIPTION says so)


def event_end(start: datetime, minutes: int) -> datetime:
    """The end, ``minutes`` of real time after ``start`` (aware datetimes add wall-clock time: a webinar
    across the autumn change would last an hour more). In the zone, unless that local time happens
    twice (the hour the clocks go back), where clients disagree on which one is meant: then in UTC."""
    end = (start.astimezone(timezone.utc) + timedelta(minutes=minutes)).astimezone(start.tzinfo)
    if end.replace(fold=1 - end.fold).utcoffset() != end.utcoffset():
        return end.astimezone(timezone.utc)
    return end


def exact(figure: int | Approximate | None) -> int | None:
    """A figure when it is exact; None when unknown or approximate ("more than 250" is never a number)."""
    return figure if isinstance(figure, int) else None


@dataclass(frozen=True)
class WebinarFacts:
    slug: str
    source: str
    data: Webinar
    upcoming: bool
    today: date | None = None  # the build date; None only where a test makes facts by hand

    @property
    def status(self) -> str:
        return "upcoming" if self.upcoming else "past"

    @property
    def registration_state(self) -> str | None:
        """open, full or closed as it stands on the build date; None without a registration. Closed once the
        closes date has passed, and once the webinar is past (nobody registers for it any more)."""
        registration = self.data.registration
        if registration is None:
            return None
        if not self.upcoming or (registration.closes and self.today and registration.closes < self.today):
            return "closed"
        return registration.state

    @property
    def registration_open(self) -> bool:
        """Whether a visitor may register now: open, to come, neither cancelled nor postponed."""
        return self.registration_state == "open" and self.data.status == "scheduled"

    @cached_property
    def starts_at(self) -> datetime | None:
        """Start as an aware datetime in the webinar's zone, when the time is known."""
        if self.data.start is None or self.data.timezone is None:
            return None
        return datetime.combine(self.data.date, self.data.start, zone(self.data.timezone))

    @property
    def attendance_rate(self) -> float | None:
        """Participants ÷ registrations, in percent: only when both are exact."""
        stats = self.data.stats
        if not stats:
            return None
        registrations, participants = exact(stats.registrations), exact(stats.participants)
        if not registrations or participants is None:
            return None
        return 100 * participants / registrations


@dataclass(frozen=True)
class Hub:
    """The whole site's data, indexed the ways the pages need it (each index built once)."""

    webinars: tuple[WebinarFacts, ...]  # by date, oldest first
    experts: dict[str, Expert]
    series: dict[str, Series]
    today: date
    root: Path  # repository root: where the files under webinars/files/ are read from

    @cached_property
    def linked_files(self) -> frozenset[str]:
        """The files under webinars/files/ the data links to (slide decks, portraits), as repository paths: the
        only ones published. A file nothing links to (a draft, an upload not yet used) stays in the repository."""
        decks = {deck.file for webinar in self.webinars for deck in webinar.data.slides if deck.file}
        return frozenset(decks | {expert.photo for expert in self.experts.values() if expert.photo})

    @cached_property
    def by_slug(self) -> dict[str, WebinarFacts]:
        return {webinar.slug: webinar for webinar in self.webinars}

    @cached_property
    def upcoming(self) -> tuple[WebinarFacts, ...]:
        return tuple(w for w in self.webinars if w.upcoming)

    @cached_property
    def scheduled(self) -> tuple[WebinarFacts, ...]:
        """Upcoming webinars that are neither cancelled nor postponed, soonest first."""
        return tuple(w for w in self.upcoming if w.data.status == "scheduled")

    @cached_property
    def past(self) -> tuple[WebinarFacts, ...]:
        """Most recent first."""
        return tuple(reversed([w for w in self.webinars if not w.upcoming]))

    @cached_property
    def in_series(self) -> dict[str, tuple[WebinarFacts, ...]]:
        """Webinars of each series by number; those without a number after, by date."""
        groups: dict[str, list[WebinarFacts]] = defaultdict(list)
        for webinar in self.webinars:
            groups[webinar.data.series].append(webinar)
        return {key: tuple(sorted(group, key=lambda w: (w.data.number is None, w.data.number or 0)))
                for key, group in groups.items()}

    @cached_property
    def _neighbours(self) -> dict[str, tuple[WebinarFacts | None, WebinarFacts | None]]:
        result = {}
        for group in self.in_series.values():
            for index, webinar in enumerate(group):
                previous = group[index - 1] if index > 0 else None
                following = group[index + 1] if index + 1 < len(group) else None
                result[webinar.slug] = (previous, following)
        return result

    def neighbours(self, slug: str) -> tuple[WebinarFacts | None, WebinarFacts | None]:
        """Previous and next webinar in the same series."""
        return self._neighbours[slug]

    @cached_property
    def by_expert(self) -> dict[str, tuple[WebinarFacts, ...]]:
        groups: dict[str, list[WebinarFacts]] = defaultdict(list)
        for webinar in self.webinars:
            for expert in dict.fromkeys((*webinar.data.moderators, *webinar.data.experts)):
                groups[expert].append(webinar)
        return {key: tuple(group) for key, group in groups.items()}


def _facts(entry: Entry, today: date) -> WebinarFacts:
    # A webinar on the build date is still upcoming (the site is rebuilt each night): past from the next day.
    return WebinarFacts(entry.id, entry.source, entry.data, upcoming=entry.data.date >= today, today=today)


def build_hub(catalog: Catalog, today: date) -> Hub:
    webinars = sorted((_facts(entry, today) for entry in catalog.webinars.values()),
                      key=lambda w: (w.data.date, w.data.start or datetime.min.time(), w.slug))
    return Hub(
        webinars=tuple(webinars),
        experts={key: entry.data for key, entry in sorted(catalog.experts.items())},
        series={key: entry.data for key, entry in sorted(catalog.series.items())},
        today=today,
        root=catalog.root,
    )
