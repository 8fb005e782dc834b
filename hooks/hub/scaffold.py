"""``./hub new``: write a new, valid, commented staff file from a few answers.

Each answer is checked with the very type hints and rules of ``schema.py`` (through ``validate.py``),
the file is written with the editor modeline and every optional section commented out, and the new
file is read back with ``load_catalog`` so that what the scaffold writes always passes ``./hub check``.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
import types
import typing
import unicodedata
from datetime import date as Date
from pathlib import Path
from typing import Any, Callable, TextIO

from .catalog import SLUG, DataError, load_catalog
from .languages import active, listed
from .schema import Expert, Webinar
from .validate import Collector, _Invalid, convert
from .yamlload import Mark, YamlSyntaxError, load_file

WEBINAR_MODELINE = "# yaml-language-server: $schema=schema/webinar.schema.json"
EXPERT_MODELINE = "# yaml-language-server: $schema=../schema/expert.schema.json"


class ScaffoldError(Exception):
    """An answer or a situation that stops the scaffold; the message is for staff."""


# ---------------------------------------------------------------- checking answers with the schema


def check_value(cls: type, name: str, value: Any, label: str | None = None) -> Any:
    """Convert ``value`` with the type hint of field ``name`` of ``cls``; ScaffoldError if refused."""
    hint = typing.get_type_hints(cls, include_extras=True)[name]
    out = Collector(label or name)
    try:
        return convert(value, hint, name, Mark(1, 1), out)
    except _Invalid:
        raise ScaffoldError("; ".join(f"{p.field}: {p.message}" for p in out.problems)) from None


def check_slug(slug: str, what: str = "slug") -> str:
    if not SLUG.fullmatch(slug):
        raise ScaffoldError(f"{what}: must be lower-case letters, digits and hyphens, e.g. 2027-05-04-ip-audits "
                            f"(it becomes the file name and the page address), got {slug!r}")
    return slug


def slugify(text: str, limit: int = 60) -> str:
    """A page address from a title: ASCII letters and digits joined by hyphens (may be empty)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug


def known_series(root: Path) -> list[str]:
    folder = root / "webinars" / "series"
    return sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []


def check_series(root: Path, series: str) -> str:
    series = check_value(Webinar, "series", series)
    known = known_series(root)
    if series not in known:
        raise ScaffoldError(f"series: unknown series '{series}' (expected a file webinars/series/{series}.yml; "
                            f"known: {', '.join(known) or 'none yet'})")
    return series


def next_number(root: Path, series: str) -> int | None:
    """One more than the highest number used in ``series`` (files that do not parse are skipped);
    None when the series has webinars but numbers none of them (a number would be invented)."""
    highest, unnumbered = 0, 0
    for path in (root / "webinars").glob("*.yml"):
        try:
            raw = load_file(path)
        except YamlSyntaxError:
            continue
        if isinstance(raw, dict) and raw.get("series") == series:
            number = raw.get("number")
            if isinstance(number, int) and not isinstance(number, bool):
                highest = max(highest, number)
            elif number is None:
                unnumbered += 1
    return None if unnumbered and not highest else highest + 1


# ---------------------------------------------------------------- commented-out optional sections


def _skeleton(hint: Any, indent: str, lang: str = "en") -> list[str]:
    """Lines that show the shape of an empty value of ``hint`` (after ``key:``), all commented."""
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        return _skeleton(typing.get_args(hint)[0], indent, lang)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _skeleton(options[0], indent, lang)
    if origin is dict:
        return [f"{indent}{lang}:"]
    if origin is list:
        item = typing.get_args(hint)[0]
        while typing.get_origin(item) is typing.Annotated:
            item = typing.get_args(item)[0]
        if dataclasses.is_dataclass(item):
            lines = _fields(item, indent + "  ", lang)
            return [f"{indent}- {lines[0].lstrip()}", *lines[1:]]
        return [f"{indent}-"]
    if dataclasses.is_dataclass(hint):
        return _fields(hint, indent, lang)
    return []


def _fields(cls: type, indent: str, lang: str = "en") -> list[str]:
    hints = typing.get_type_hints(cls, include_extras=True)
    lines = []
    for spec in dataclasses.fields(cls):
        inner = _skeleton(hints[spec.name], indent + "  ", lang)
        doc = spec.metadata.get("doc", "")
        head = f"{indent}{spec.name}:"
        lines.append(f"{head:<32} # {doc}" if doc and not inner else head)
        lines.extend(inner)
    return lines


def optional_sections(cls: type, skip: set[str], lang: str = "en") -> list[str]:
    """Every optional field of ``cls`` not in ``skip``, commented out with its description."""
    hints = typing.get_type_hints(cls, include_extras=True)
    lines = []
    for spec in dataclasses.fields(cls):
        required = spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
        if required or spec.name in skip:
            continue
        head = f"#{spec.name}:"
        lines.append("")
        lines.append(f"{head:<33} # {spec.metadata.get('doc', '')}")
        lines.extend(f"#{line}" for line in _skeleton(hints[spec.name], "  ", lang))
    return lines


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


# ---------------------------------------------------------------- the two kinds of new file


def webinar_text(*, series: str, number: int | None, title: str, language: str, day: Date) -> str:
    which = f"Webinar {number}" if number is not None else "A webinar (the series numbers none of its webinars)"
    lines = [
        WEBINAR_MODELINE,
        f"# {which} of the series '{series}', created with ./hub new.",
        "# Fill in what you know, then run ./hub check. Lines starting with # are comments: to use an",
        "# optional section, remove the '#' in front of its lines (keep the indentation) and fill it in.",
        "# The staff guide (docs/staff-guide.en.md) explains every field.",
        f"series: {series}",
        *([f"number: {number}"] if number is not None else []),
        "title:",
        f"  {language}: {quoted(title)}",
        f"  # Add the title in other languages on lines like the one above ({listed()}).",
        f"language: {language}",
        f"date: {day.isoformat()}",
        "",
        "# start and timezone go together: the start time (HH:MM, in quotes) in that IANA time zone.",
        '#start: "14:00"',
        "#timezone: Europe/Zurich",
        *optional_sections(Webinar, {"start", "timezone", "number", "language"}, language),
    ]
    return "\n".join(lines) + "\n"


def expert_text(*, name: str) -> str:
    lines = [
        EXPERT_MODELINE,
        "# An expert, created with ./hub new expert. The file name is the id that webinars list under",
        "# experts:. Lines starting with # are comments: remove the '#' to use an optional section.",
        f"name: {quoted(name)}",
        *optional_sections(Expert, set()),
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- asking


Ask = Callable[[str, str | None], str]


def asker(stdin: TextIO, stdout: TextIO) -> Ask:
    def ask(question: str, default: str | None) -> str:
        prompt = f"{question} [{default}]: " if default else f"{question}: "
        stdout.write(prompt)
        stdout.flush()
        line = stdin.readline()
        if not line:
            raise ScaffoldError(f"no answer to '{question}' (end of input); give it as an option instead")
        return line.strip() or (default or "")
    return ask


def obtain(given: str | None, question: str, check: Callable[[str], Any], ask: Ask | None,
           stderr: TextIO, default: str | None = None) -> Any:
    """A checked answer: from the option when given, else asked until it passes the check."""
    if given is not None:
        return check(given)
    if ask is None:
        raise ScaffoldError(f"missing answer: {question}")
    while True:
        try:
            return check(ask(question, default))
        except ScaffoldError as error:
            if "end of input" in str(error):
                raise
            print(f"  {error}", file=stderr)


def _write_new(path: Path, text: str) -> None:
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists: choose another slug (--slug) or edit that file") from None


def _revalidate(root: Path, path: Path, stdout: TextIO, stderr: TextIO) -> None:
    """Read the whole catalog back; undo the new file if it is the one with problems."""
    source = path.relative_to(root).as_posix()
    try:
        load_catalog(root)
    except DataError as error:
        own = [p for p in error.problems if p.file == source]
        if own:
            path.unlink()
            raise ScaffoldError("the new file did not validate (it was removed; please report this):\n"
                                + "\n".join(f"  {p}" for p in own)) from None
        print(f"note: {source} is valid, but other files have problems (./hub check lists them):", file=stderr)
        for problem in error.problems:
            print(f"  {problem}", file=stderr)


def new_webinar(root: Path, *, date: str | None = None, language: str | None = None, series: str | None = None,
                title: str | None = None, slug: str | None = None, interactive: bool = True,
                stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> Path:
    ask = asker(stdin, stdout) if interactive else None
    known = known_series(root)
    the_series = obtain(series, f"Series ({', '.join(known) or 'no series yet'})", lambda v: check_series(root, v),
                        ask, stderr, known[0] if len(known) == 1 else None)
    day = obtain(date, "Date of the webinar (YYYY-MM-DD)", lambda v: check_value(Webinar, "date", v), ask, stderr)
    the_language = obtain(language, f"Language the webinar is delivered in ({', '.join(active().codes)})",
                          lambda v: check_value(Webinar, "language", v), ask, stderr)
    native = active().by_code[the_language].native_name
    the_title = obtain(title, f"Title in {native} ({the_language})",
                       lambda v: check_value(Webinar, "title", {the_language: v})[the_language], ask, stderr)
    number = next_number(root, the_series)
    suggested = f"{day.isoformat()}-{slugify(the_title)}".rstrip("-")
    if suggested == day.isoformat():  # a title in a non-Latin script
        suggested = f"{day.isoformat()}-{the_series}" + (f"-{number}" if number is not None else "")
    if slug is None and ask is None:
        slug = suggested
    the_slug = obtain(slug, "File name (slug) of the webinar", check_slug, ask, stderr, suggested)
    path = root / "webinars" / f"{the_slug}.yml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists: choose another slug (--slug) or edit that file")
    text = webinar_text(series=the_series, number=number, title=the_title, language=the_language, day=day)
    _write_new(path, text)
    _revalidate(root, path, stdout, stderr)
    print(f"created {path.relative_to(root)}: webinar {number if number is not None else '(unnumbered)'} of '{the_series}'. "
          "Fill it in, then run ./hub check and ./hub serve to preview.", file=stdout)
    return path


def new_expert(root: Path, *, expert_id: str | None = None, name: str | None = None, interactive: bool = True,
               stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> Path:
    ask = asker(stdin, stdout) if interactive else None
    the_name = obtain(name, "Full name of the expert", lambda v: check_value(Expert, "name", v), ask, stderr)
    suggested = slugify(the_name) or None
    if expert_id is None and ask is None:
        expert_id = suggested
    the_id = obtain(expert_id, "Id of the expert (file name, e.g. ada-example)",
                    lambda v: check_slug(v, "id"), ask, stderr, suggested)
    path = root / "webinars" / "experts" / f"{the_id}.yml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists: choose another id (--id) or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_new(path, expert_text(name=the_name))
    _revalidate(root, path, stdout, stderr)
    print(f"created {path.relative_to(root)}: list '{the_id}' under experts: in a webinar file.", file=stdout)
    return path
