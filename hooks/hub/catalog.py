"""Load every staff file under ``webinars/``, validate each and across files, and return the catalog.

Either the whole catalog is valid or ``DataError`` lists every problem found, each located, so that a
broken file never reaches the public site and staff fix all their mistakes in one round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .schema import Expert, Series, Webinar
from .validate import Collector, Problem, build_document
from .yamlload import LocatedDict, LocatedList, Mark, YamlSyntaxError, load_file

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class DataError(Exception):
    """The staff data has problems; ``problems`` holds each one, sorted by file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in the webinar data:"
        super().__init__("\n".join([heading, *(f"  {problem}" for problem in self.problems)]))


@dataclass(frozen=True)
class Entry:
    """One validated staff file: its id (file name), its data, and where it came from."""

    id: str
    source: str
    data: Any
    raw: Any


@dataclass(frozen=True)
class Catalog:
    series: dict[str, Entry]
    experts: dict[str, Entry]
    webinars: dict[str, Entry]
    root: Path
    broken: frozenset[str] = frozenset()  # ids of series/expert files that have their own problems


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read_folder(folder: Path, kind: type, root: Path, problems: list[Problem],
                 broken: set[str]) -> dict[str, Entry]:
    """Valid files of one folder by id; ids of files that exist but have problems go to ``broken``."""
    entries: dict[str, Entry] = {}
    if not folder.is_dir():
        return entries
    for path in sorted(folder.iterdir()):
        if path.is_dir() or path.name.startswith("."):
            continue
        source = _relative(path, root)
        out = Collector(source)
        if path.suffix == ".yaml":
            out.add(Mark(1, 1), "", "use the .yml extension for webinar data files")
        elif path.suffix != ".yml":
            continue
        elif not SLUG.fullmatch(path.stem):
            out.add(Mark(1, 1), "", f"file name '{path.stem}' must use only lower-case letters, digits and hyphens "
                    "(it becomes the page address)")
        else:
            try:
                raw = load_file(path)
            except YamlSyntaxError as error:
                out.add(error.mark, "", error.message)
            else:
                data = build_document(raw, kind, out)
                if data is not None:
                    entries[path.stem] = Entry(path.stem, source, data, raw)
        if out.problems:
            broken.add(path.stem)
        problems.extend(out.problems)
    return entries


def mark_of(raw: Any, *path: str | int) -> Mark:
    """Where a (nested) field stands in its file, falling back to the nearest enclosing mapping."""
    node, mark = raw, getattr(raw, "mark", Mark(1, 1))
    for step in path:
        if isinstance(node, LocatedDict) and step in node:
            mark, node = node.marks[step], node[step]
        elif isinstance(node, LocatedList) and isinstance(step, int) and step < len(node):
            mark, node = node.marks[step], node[step]
        else:
            break
    return mark


def _check_webinar(entry: Entry, catalog: Catalog, out: Collector) -> None:
    webinar: Webinar = entry.data
    raw = entry.raw
    if webinar.series not in catalog.series and webinar.series not in catalog.broken:
        known = ", ".join(sorted(catalog.series)) or "none yet"
        out.add(mark_of(raw, "series"), "series",
                f"unknown series '{webinar.series}' (expected a file webinars/series/{webinar.series}.yml; known: {known})")
    for field in ("moderators", "experts"):
        people = getattr(webinar, field)
        for index, expert in enumerate(people):
            if expert not in catalog.experts and expert not in catalog.broken:
                out.add(mark_of(raw, field, index), f"{field}[{index}]",
                        f"unknown expert '{expert}' (expected a file webinars/experts/{expert}.yml)")
        if len(set(people)) != len(people):
            out.add(mark_of(raw, field), field, "lists the same expert twice")
    if (webinar.start is None) != (webinar.timezone is None):
        present = "start" if webinar.start is not None else "timezone"
        out.add(mark_of(raw, present), present,
                "start and timezone go together (expected both, e.g. start: \"14:00\" and timezone: Europe/Zurich)")
    if webinar.registration and webinar.registration.closes and webinar.registration.closes > webinar.date:
        out.add(mark_of(raw, "registration", "closes"), "registration.closes",
                f"registration closes after the webinar ({webinar.registration.closes} is after {webinar.date})")
    for index, deck in enumerate(webinar.slides):
        where = f"slides[{index}]"
        if (deck.url is None) == (deck.file is None):
            out.add(mark_of(raw, "slides", index), where, "expected exactly one of url or file")
        elif deck.file and not (catalog.root / deck.file).is_file():
            out.add(mark_of(raw, "slides", index, "file"), f"{where}.file",
                    f"no such file in the repository: {deck.file}")


def _check_expert(entry: Entry, catalog: Catalog, out: Collector) -> None:
    expert: Expert = entry.data
    if expert.photo and not (catalog.root / expert.photo).is_file():
        out.add(mark_of(entry.raw, "photo"), "photo", f"no such file in the repository: {expert.photo}")
    if expert.photo and not expert.photo_alt:
        out.add(mark_of(entry.raw, "photo"), "photo_alt", "a photo needs its text alternative (photo_alt)")


def _check_numbers(catalog: Catalog, problems: list[Problem]) -> None:
    seen: dict[tuple[str, int], Entry] = {}
    for entry in sorted(catalog.webinars.values(), key=lambda e: e.source):
        if entry.data.number is None:
            continue
        key = (entry.data.series, entry.data.number)
        if key in seen:
            out = Collector(entry.source)
            out.add(mark_of(entry.raw, "number"), "number",
                    f"number {key[1]} is already used in series '{key[0]}' by {seen[key].source}")
            problems.extend(out.problems)
        else:
            seen[key] = entry


def load_catalog(root: Path) -> Catalog:
    """Read ``root/webinars``; raise DataError with every problem, or return the valid catalog."""
    data_dir = root / "webinars"
    problems: list[Problem] = []
    broken: set[str] = set()
    series = _read_folder(data_dir / "series", Series, root, problems, broken)
    experts = _read_folder(data_dir / "experts", Expert, root, problems, broken)
    catalog = Catalog(series=series, experts=experts,
                      webinars=_read_folder(data_dir, Webinar, root, problems, set()),
                      root=root, broken=frozenset(broken))
    for entry in catalog.webinars.values():
        out = Collector(entry.source)
        _check_webinar(entry, catalog, out)
        problems.extend(out.problems)
    for entry in catalog.experts.values():
        out = Collector(entry.source)
        _check_expert(entry, catalog, out)
        problems.extend(out.problems)
    _check_numbers(catalog, problems)
    if problems:
        raise DataError(problems)
    return catalog
