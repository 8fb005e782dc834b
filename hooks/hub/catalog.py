"""Load every staff file under ``webinars/``, validate each and across files, and return the catalog.

Either the whole catalog is valid or ``DataError`` lists every problem found, each located, so that a
broken file never reaches the public site and staff fix all their mistakes in one round.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from . import published_files
from .pages import reserved_ids
from .schema import Expert, Series, Webinar
from .validate import Collector, Problem, build_document
from .yamlload import LocatedDict, LocatedList, Mark, YamlSyntaxError, load_file
from .zones import zone

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


# Files under webinars/ that are neither data nor published, and may stay: staff notes and git's
# placeholder of an empty folder.
NOTES = frozenset({"README.md"})
PLACEHOLDER = ".gitkeep"
DATA_FOLDERS = ("experts", "series")
# Ids that would replace a page the hub generates: webinars/<id>/ and experts/<id>/ beside the lists of
# webinars and experts (webinars/index, experts/index: the page types of hub.pages). Hand-written pages of
# docs/webinars/, docs/experts/ and docs/series/, if any, are added by ``_reserved``.
RESERVED = reserved_ids("webinars") | reserved_ids("experts")
_KIND_NAMES = {Webinar: "webinar", Expert: "expert", Series: "series"}
_HOME = {Webinar: "webinars/", Expert: "webinars/experts/", Series: "webinars/series/"}
_FOLDER = {Webinar: "webinars", Expert: "experts", Series: "series"}  # where their pages are (hub.pages)


def _reserved(root: Path, folder: str) -> frozenset[str]:
    docs = root / "docs" / folder
    hand_written = {path.name.split(".", 1)[0] for path in docs.iterdir()} if docs.is_dir() else set()
    return reserved_ids(folder) | hand_written


def _refuse(problems: list[Problem], source: str, message: str) -> None:
    problems.append(Problem(source, 1, 1, "", message))


LINK = ("is a symbolic link: the hub reads and publishes only files committed in the repository, never what a "
        "link points to; replace the link by the file itself (or remove it)")
_EXAMPLE_ID = {Webinar: "2027-03-28-patent-basics", Expert: "ada-example", Series: "pilot-2019"}


# Names Windows keeps for devices, whatever the extension: a repository holding one cannot be checked out there.
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})
MAX_ID = 100  # characters of a file name's id: its page, calendar and preview-card files add to it (a name may have 255 bytes)


def _data_file(path: Path, source: str, kind: type, problems: list[Problem]) -> bool:
    """Whether ``path`` (a regular file in a data folder) is a data file to read; anything else is refused
    with what to do, or allowed (README.md, .gitkeep). Nothing is ignored in silence."""
    name, home, what = path.name, _HOME[kind], _KIND_NAMES[kind]
    lower = name.lower()
    if name in NOTES or name == PLACEHOLDER:
        return False
    if name.startswith("."):
        _refuse(problems, source, "a file whose name starts with a dot is not read: remove it, or rename it "
                f"without the dot if it is a {what} file (e.g. {home}{_EXAMPLE_ID[kind]}.yml)")
        return False
    if name.endswith(".yml"):
        if not SLUG.fullmatch(path.stem):
            _refuse(problems, source, f"file name '{path.stem}' must use only lower-case letters, digits and hyphens "
                    f"(it becomes the page address), e.g. {home}{_EXAMPLE_ID[kind]}.yml")
            return False
        if path.stem.split(".")[0] in WINDOWS_DEVICES:
            _refuse(problems, source, f"file name '{path.stem}' is a device name on Windows: the repository could not "
                    f"be checked out there; choose another, e.g. {home}{_EXAMPLE_ID[kind]}.yml")
            return False
        if len(path.stem) > MAX_ID:
            _refuse(problems, source, f"file name '{path.stem[:20]}…' is {len(path.stem)} characters long, at most "
                    f"{MAX_ID}: it becomes the page address and the names of the files made from it (the build "
                    f"could not write them); shorten it, e.g. {home}{_EXAMPLE_ID[kind]}.yml")
            return False
        return True
    for suffix in (".yml", ".yaml"):
        if suffix in lower:
            stem = name[:lower.index(suffix)]
            better = stem.lower() if SLUG.fullmatch(stem.lower()) else "a-name-in-lower-case"
            _refuse(problems, source, f"use the .yml extension for {what} data files: rename it to {home}{better}.yml "
                    "(the hub reads only names ending in .yml, in lower case)")
            return False
    _refuse(problems, source, f"is not read by the hub: {home} holds {what} files ending in .yml (and README.md "
            "notes); slide decks and photos go under webinars/files/; move this file there or out of webinars/")
    return False


def _survey(root: Path, problems: list[Problem]) -> dict[type, list[Path]]:
    """Every entry under ``webinars/``, each either to read (returned by kind), allowed (notes, generated
    schemas, published files) or refused with a located message. Symbolic links are refused wherever
    they are, before anything is read through them: nothing outside the repository is read or published.
    """
    data_dir = root / "webinars"
    found: dict[type, list[Path]] = {Webinar: [], Expert: [], Series: []}
    if data_dir.is_symlink():
        _refuse(problems, "webinars", LINK)
        return found
    if not data_dir.is_dir():
        return found
    for entry in sorted(data_dir.iterdir()):
        source = _relative(entry, root)
        if entry.is_symlink():
            _refuse(problems, source, LINK)
        elif entry.is_dir():
            if entry.name in DATA_FOLDERS:
                kind = Expert if entry.name == "experts" else Series
                for child in sorted(entry.iterdir()):
                    child_source = _relative(child, root)
                    if child.is_symlink():
                        _refuse(problems, child_source, LINK)
                    elif child.is_dir():
                        _refuse(problems, child_source, f"folders inside webinars/{entry.name}/ are not read: put "
                                f"its .yml files directly in webinars/{entry.name}/")
                    elif not child.is_file():
                        _refuse(problems, child_source, "is not a regular file: remove it")
                    elif _data_file(child, child_source, kind, problems):
                        found[kind].append(child)
            elif entry.name == "files":
                _survey_files(entry, root, problems)
            elif entry.name == "schema":
                for child in sorted(entry.iterdir()):
                    child_source = _relative(child, root)
                    if child.is_symlink():
                        _refuse(problems, child_source, LINK)
                    elif not (child.is_file() and (child.name.endswith(".schema.json") or child.name in NOTES)):
                        _refuse(problems, child_source, "webinars/schema/ holds only the editor schemas that "
                                "./hub schema generates: move this out of webinars/ (slide decks and photos go "
                                "under webinars/files/)")
            else:
                _refuse(problems, source, f"the folder webinars/{entry.name}/ is not read by the hub: webinars go "
                        "directly in webinars/, experts in webinars/experts/, series in webinars/series/, slide decks "
                        "and photos in webinars/files/; move its files there, or out of webinars/")
        elif not entry.is_file():
            _refuse(problems, source, "is not a regular file: remove it")
        elif _data_file(entry, source, Webinar, problems):
            found[Webinar].append(entry)
    return found


def _survey_files(folder: Path, root: Path, problems: list[Problem]) -> None:
    """webinars/files/ is published as it is: no links, no name the site would not serve, and only the types
    of file the site links to (hub/published_files.py)."""
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        dirnames.sort()  # walked in name order on every file system: the problems come in one order
        for name in list(dirnames):
            path = here / name
            if path.is_symlink():
                _refuse(problems, _relative(path, root), LINK)
                dirnames.remove(name)
            elif name.startswith("."):
                _refuse(problems, _relative(path, root), "a folder whose name starts with a dot is not published: "
                        "rename it without the dot")
                dirnames.remove(name)
        for name in sorted(filenames):
            path = here / name
            source = _relative(path, root)
            if path.is_symlink():
                _refuse(problems, source, LINK)
            elif not path.is_file():
                _refuse(problems, source, "is not a regular file: remove it")
            elif name.startswith(".") and name != PLACEHOLDER:
                _refuse(problems, source, "a file whose name starts with a dot is not published (a link to it would "
                        f"lead nowhere): rename it without the dot, e.g. {_relative(here, root)}/{name.lstrip('.') or 'slides.pdf'}")
            elif name != PLACEHOLDER and (problem := published_files.problem_with(path)):
                _refuse(problems, source, problem)


def _read_folder(paths: list[Path], kind: type, root: Path, problems: list[Problem], broken: set[str],
                 reserved: frozenset[str] = frozenset()) -> dict[str, Entry]:
    """Valid files of one kind by id; ids of files that exist but have problems go to ``broken``."""
    entries: dict[str, Entry] = {}
    for path in paths:
        source = _relative(path, root)
        out = Collector(source)
        if path.stem in reserved:
            listing = _FOLDER[kind]
            taken_by = f"the list of {listing}" if path.stem == "index" else f"a page of docs/{listing}/"
            out.add(Mark(1, 1), "", f"the file name '{path.stem}' is taken by a page the hub makes ({listing}/"
                    f"{path.stem}, {taken_by}): rename the file, "
                    f"e.g. {_HOME[kind]}{'2027-03-28-' + path.stem if kind is Webinar else path.stem + '-example'}.yml")
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
                f"unknown series '{webinar.series}' (expected a file webinars/series/{webinar.series}.yml; known: {known}); "
                f"for example: series: {next(iter(sorted(catalog.series)), 'pilot-2019')}")
    example = next(iter(sorted(catalog.experts)), "ada-example")
    for field in ("moderators", "experts"):
        people = getattr(webinar, field)
        for index, expert in enumerate(people):
            if expert not in catalog.experts and expert not in catalog.broken:
                out.add(mark_of(raw, field, index), f"{field}[{index}]",
                        f"unknown expert '{expert}' (expected a file webinars/experts/{expert}.yml); add that file "
                        f"(./hub new expert), or correct the id, e.g. {field}: [{example}]")
        if len(set(people)) != len(people):
            out.add(mark_of(raw, field), field,
                    f"lists the same expert twice: name each expert once, e.g. {field}: [ada-example, jean-exemple]")
    languages = [(("interpretation",), webinar.interpretation)]
    if webinar.recording:
        languages.append((("recording", "captions"), webinar.recording.captions))
    for path, codes in languages:
        repeated = sorted({code for code in codes if list(codes).count(code) > 1})
        if repeated:
            out.add(mark_of(raw, *path), ".".join(path),
                    f"lists the language '{repeated[0]}' twice: name each language once, e.g. "
                    f"{path[-1]}: [{', '.join(dict.fromkeys(codes))}]")
    if (webinar.start is None) != (webinar.timezone is None):
        present = "start" if webinar.start is not None else "timezone"
        out.add(mark_of(raw, present), present,
                "start and timezone go together (expected both, e.g. start: \"14:00\" and timezone: Europe/Zurich)")
    elif webinar.start is not None:
        _check_local_time(webinar, raw, out)
    if webinar.registration and webinar.registration.closes and webinar.registration.closes > webinar.date:
        out.add(mark_of(raw, "registration", "closes"), "registration.closes",
                f"registration closes after the webinar ({webinar.registration.closes} is after {webinar.date}); "
                f"for example: closes: {webinar.date}")
    if webinar.recording and webinar.recording.published and webinar.recording.published < webinar.date:
        out.add(mark_of(raw, "recording", "published"), "recording.published",
                f"the recording is published before the webinar ({webinar.recording.published} is before "
                f"{webinar.date}); for example: published: {webinar.date + timedelta(days=7)}")
    if webinar.recording:
        _check_transcripts(webinar.recording.transcripts, raw, out)
    if webinar.stats:
        _check_stats(webinar.stats, raw, out)
    _check_sources(webinar.sources, raw, out)
    for index, deck in enumerate(webinar.slides):
        where = f"slides[{index}]"
        if (deck.url is None) == (deck.file is None):
            what = ("has both a url and a file: keep one" if deck.url is not None
                    else "needs a url (a deck on the web) or a file (a deck under webinars/files/)")
            out.add(mark_of(raw, "slides", index), where,
                    f"a slide deck {what}; for example: - {{language: en, format: pdf, "
                    "file: webinars/files/slides-2027.pdf}")
        elif deck.file and deck.format not in published_files.DECK_SUFFIXES:
            out.add(mark_of(raw, "slides", index, "file"), f"{where}.file",
                    f"a deck in {deck.format} can only be linked (url), not published from webinars/files/: the "
                    "site publishes decks as " + ", ".join(published_files.DECK_SUFFIXES) + "; e.g. export it as "
                    "PDF (format: pdf, file: webinars/files/slides-2027.pdf)")
        elif deck.file and not deck.file.endswith(published_files.DECK_SUFFIXES[deck.format]):
            out.add(mark_of(raw, "slides", index, "file"), f"{where}.file",
                    f"the file {deck.file} does not end in {published_files.listed(published_files.DECK_SUFFIXES[deck.format])}"
                    f" as a {deck.format} deck does: correct the format or the file")
        elif deck.file and not _committed_file(catalog.root, deck.file):
            out.add(mark_of(raw, "slides", index, "file"), f"{where}.file",
                    f"no such file in the repository: {deck.file}; add the file under webinars/files/ in the same "
                    "commit, or correct the path, e.g. file: webinars/files/slides-2027.pdf")


MAX_COUNTRIES = 250  # the countries and territories of the world (ISO 3166 lists 249)


def _least(figure) -> int | None:
    """The smallest number a figure allows: itself, or one more than "more than N"."""
    if figure is None:
        return None
    return figure if type(figure) is int else figure.more_than + 1


def _check_stats(stats, raw: Any, out: Collector) -> None:
    """Figures that cannot all be true together, exact or approximate ("more than 500" participants of 120
    registered is as impossible as 500 of 120)."""
    registrations, participants, countries = stats.registrations, stats.participants, stats.countries
    least_participants, least_countries = _least(participants), _least(countries)
    if type(registrations) is int and least_participants is not None and least_participants > registrations:
        said = participants if type(participants) is int else f"more than {participants.more_than}"
        out.add(mark_of(raw, "stats", "participants"), "stats.participants",
                f"more participants ({said}) than registrations ({registrations}): one of the two figures is wrong "
                "(people register before they take part); for example: registrations: "
                f"{least_participants}, participants: {registrations}")
    if least_countries is not None and least_countries > MAX_COUNTRIES:
        out.add(mark_of(raw, "stats", "countries"), "stats.countries",
                f"{least_countries - (0 if type(countries) is int else 1)} countries: the world has fewer than "
                f"{MAX_COUNTRIES}; the figure is wrong, e.g. countries: 45")
    elif type(participants) is int and least_countries is not None and least_countries > participants:
        out.add(mark_of(raw, "stats", "countries"), "stats.countries",
                f"participants from at least {least_countries} countries, but {participants} participants: each "
                "country needs one participant at least; one of the two figures is wrong")
    if participants == 0 and stats.survey_response_rate:
        out.add(mark_of(raw, "stats", "survey_response_rate"), "stats.survey_response_rate",
                f"a survey answered by {stats.survey_response_rate:g}% of no participants: with participants: 0 "
                "the rate is 0 or left out; one of the two figures is wrong")


def _check_transcripts(transcripts: tuple, raw: Any, out: Collector) -> None:
    """One transcript per language: two would leave a reader to guess which one is right."""
    seen: set[str] = set()
    for index, transcript in enumerate(transcripts):
        if transcript.language in seen:
            out.add(mark_of(raw, "recording", "transcripts", index, "language"),
                    f"recording.transcripts[{index}].language",
                    f"a second transcript in '{transcript.language}': give one transcript per language, e.g. "
                    f"- {{language: {transcript.language}, url: https://example.org/transcript.pdf}}")
        seen.add(transcript.language)


def _check_sources(sources: tuple, raw: Any, out: Collector) -> None:
    """Each source names a document or a web page (or both: the page of the document)."""
    for index, source in enumerate(sources):
        if source.document is None and source.url is None:
            out.add(mark_of(raw, "sources", index), f"sources[{index}]",
                    "a source needs a document symbol or a url (the page the facts come from); for example: "
                    "- {document: CDIP/25/3, paragraphs: '6, 7'}")
        elif source.paragraphs and source.document is None:
            out.add(mark_of(raw, "sources", index, "paragraphs"), f"sources[{index}].paragraphs",
                    "paragraphs are those of a document: give its symbol too, e.g. document: CDIP/25/3")


def _committed_file(root: Path, relative: str) -> bool:
    """A regular file under webinars/files/, reached without any symbolic link."""
    path = root / relative
    files = root / "webinars" / "files"
    if not path.is_file() or any(p.is_symlink() for p in (path, *path.parents) if p == files or files in p.parents):
        return False
    return True


def _check_local_time(webinar: Webinar, raw: Any, out: Collector) -> None:
    """A start the clocks skip (the spring change) or show twice (the autumn change) names no single instant:
    calendar apps would each pick their own."""
    tz = zone(webinar.timezone)
    local = datetime.combine(webinar.date, webinar.start)
    first, second = local.replace(tzinfo=tz, fold=0), local.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return
    skipped = first.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None) != local
    what = ("does not exist: the clocks skip it that day (summer time starts)" if skipped
            else "happens twice that day (the clocks go back): calendars would not agree which is meant")
    out.add(mark_of(raw, "start"), "start",
            f"{webinar.start:%H:%M} on {webinar.date} in {webinar.timezone} {what}; choose a time outside the "
            f"{abs(first.utcoffset() - second.utcoffset()) // timedelta(minutes=1)} minutes of the change, "
            "for example: start: \"10:00\"")


def _check_expert(entry: Entry, catalog: Catalog, out: Collector) -> None:
    expert: Expert = entry.data
    if expert.photo and not _committed_file(catalog.root, expert.photo):
        out.add(mark_of(entry.raw, "photo"), "photo",
                f"no such file in the repository: {expert.photo}; add the photo under webinars/files/ in the same "
                "commit, or correct the path, e.g. photo: webinars/files/ada-example.jpg")
    _check_sources(expert.sources, entry.raw, out)
    if expert.photo and not expert.photo_alt:
        out.add(mark_of(entry.raw, "photo"), "photo_alt",
                "a photo needs its text alternative (photo_alt), said for someone who cannot see it; for example: "
                "photo_alt: {en: Portrait of Ada Example}")


def _check_numbers(catalog: Catalog, problems: list[Problem]) -> None:
    seen: dict[tuple[str, int], Entry] = {}
    for entry in sorted(catalog.webinars.values(), key=lambda e: e.source):
        if entry.data.number is None:
            continue
        key = (entry.data.series, entry.data.number)
        if key in seen:
            out = Collector(entry.source)
            out.add(mark_of(entry.raw, "number"), "number",
                    f"number {key[1]} is already used in series '{key[0]}' by {seen[key].source}; give each webinar "
                    f"of a series its own number, e.g. number: {max(k[1] for k in seen if k[0] == key[0]) + 1}")
            problems.extend(out.problems)
        else:
            seen[key] = entry


def load_catalog(root: Path, today: date | None = None) -> Catalog:
    """Read ``root/webinars``; raise DataError with every problem, or return the valid catalog. Given the
    build date, figures of a webinar still to come are refused too (they can only be a mistake)."""
    problems: list[Problem] = []
    broken: set[str] = set()
    found = _survey(root, problems)
    series = _read_folder(found[Series], Series, root, problems, broken, _reserved(root, "series"))
    experts = _read_folder(found[Expert], Expert, root, problems, broken, _reserved(root, "experts"))
    catalog = Catalog(series=series, experts=experts,
                      webinars=_read_folder(found[Webinar], Webinar, root, problems, set(), _reserved(root, "webinars")),
                      root=root, broken=frozenset(broken))
    for entry in catalog.webinars.values():
        out = Collector(entry.source)
        _check_webinar(entry, catalog, out)
        if today is not None and entry.data.stats and entry.data.date > today:
            out.add(mark_of(entry.raw, "stats"), "stats",
                    f"attendance figures for a webinar still to come ({entry.data.date}, the build's date is "
                    f"{today}): add them once it has taken place, or correct its date")
        problems.extend(out.problems)
    for entry in catalog.experts.values():
        out = Collector(entry.source)
        _check_expert(entry, catalog, out)
        problems.extend(out.problems)
    _check_numbers(catalog, problems)
    if problems:
        raise DataError(problems)
    return catalog
