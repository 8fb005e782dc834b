"""Constraints on single values, each able to check a value and to describe itself in JSON Schema.

A field's type in ``schema.py`` is ``Annotated[base type, rule, ...]``: the same rule object serves the
build's validation and the generated editor schema, so the two cannot drift apart.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from babel import Locale
from babel.numbers import get_territory_currencies

from .languages import active
from .zones import zone, zone_names

# The dates a webinar can have: wide enough for any real one, narrow enough that every date, time and
# calendar computed from it (time zones, durations, the years around it in calendars) stays in range. The years
# and currencies the data can name are bounded by the same span.
FIRST_DATE, LAST_DATE = date(1990, 1, 1), date(2199, 12, 31)

# Characters that can reorder or hide text (Trojan Source): never wanted in staff data.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Control characters (Cc: U+0000–U+001F and U+007F–U+009F, fixed by Unicode's stability policy) but
# line feed and tab.
_CONTROLS = frozenset(chr(code) for code in range(0xA0) if unicodedata.category(chr(code)) == "Cc") - {"\n", "\t"}
# Characters that show nothing, or nothing reliable: zero-width spaces and joiners that are not needed to write
# any of the six languages, the byte-order mark, invisible operators, tag characters, line and paragraph
# separators, Hangul fillers (blank "letters"), private-use code points (no font agrees on them), lone
# surrogates (no encoding can write them) and noncharacters. A title made of them would look empty, or hide a
# different text from the one shown. (The zero-width non-joiner and joiner, U+200C and U+200D, stay: some
# scripts and emoji need them.)
INVISIBLE = ("\u00ad\u180e\u200b\u2060-\u2064\u2028\u2029\u115f\u1160\u3164\uffa0\ufeff\ufff9-\ufffb"
             "\ue000-\uf8ff\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U000e0000-\U000e007f\U000f0000-\U0010ffff"
             + "".join(f"\\U{plane * 0x10000 + 0xfffe:08x}\\U{plane * 0x10000 + 0xffff:08x}" for plane in range(1, 15)))


def _runs(codes) -> list[tuple[int, int]]:
    """Consecutive code points as (first, last) runs: a character class of ranges."""
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return [(first, last) for first, last in runs]


# One regex search instead of a Python loop over every character of every staff text.
_UNWANTED = re.compile("[" + "".join(f"\\u{ord(c):04x}" for c in sorted(BIDI_CONTROLS | _CONTROLS)) + INVISIBLE + "]")
# The same characters for the editor's JSON Schema, as far as its regular expressions can say them: an editor
# reads a pattern as JavaScript does, without the "u" flag, where a character beyond U+FFFF is two surrogates
# (a class of lone surrogates would refuse every emoji). So the characters of the Basic Multilingual Plane but
# surrogates, written as \uXXXX; the build's check still refuses the others.
@lru_cache(maxsize=1)
def _unwanted_in_editor() -> str:
    """Worked out when a schema is written, not at every import (65 536 characters tried)."""
    return "".join(f"\\u{first:04x}" + (f"-\\u{last:04x}" if last > first else "")
                   for first, last in _runs(code for code in range(0x10000)
                                            if _UNWANTED.match(chr(code)) and not 0xD800 <= code <= 0xDFFF))


def _bad_character(text: str) -> str | None:
    found = _UNWANTED.search(text)
    if found is None:
        return None
    character = found[0]
    if character in BIDI_CONTROLS:
        return f"a hidden direction-control character (U+{ord(character):04X})"
    if character in _CONTROLS:
        return f"a control character (U+{ord(character):04X})"
    name = unicodedata.name(character, "")
    return (f"an invisible or unreliable character (U+{ord(character):04X}{' ' + name if name else ''}): remove it, "
            "or type the text again")


@dataclass(frozen=True)
class Text:
    """One line of plain text: a title or a name. Markup is refused, not silently escaped."""

    max_length: int = 300

    def check(self, value: str) -> str | None:
        if not value.strip():
            return "must not be empty"
        if "\n" in value.strip():
            return "must be a single line"
        if "<" in value or ">" in value:
            return "must be plain text without HTML ('<' or '>' found)"
        if len(value) > self.max_length:
            return f"is too long ({len(value)} characters, at most {self.max_length})"
        return _bad_character(value)

    def json(self) -> dict[str, Any]:
        return {"minLength": 1, "maxLength": self.max_length, "pattern": f"^[^<>\\n{_unwanted_in_editor()}]*$"}

    def example(self) -> str:
        return "Patent basics for small firms"


_MARKER_TEXT = r"(?:>|[*+-]|\d{1,9}[.)])"  # a quote or list marker
_MARKER = re.compile(_MARKER_TEXT + r"(?=[ \t]|$)")
_MARKERS = re.compile(r"[ \t]*(?:" + _MARKER_TEXT + r"(?:[ \t]+|$))+")


@dataclass(frozen=True)
class Markdown:
    """Formatted text. Raw HTML in it is shown as text at render time, never passed through."""

    max_length: int = 20_000
    # Python-Markdown's time grows with the square of the unclosed brackets a text holds (20 000 "[" took two
    # minutes) and with the depth of nested lists and quotes (2 000 levels: five minutes, then a crash): a
    # text stays within these, far above what a summary or a biography needs.
    max_brackets: int = 50
    max_indent: int = 16  # spaces before a line (a tab counts 4): lists nested four levels deep
    max_markers: int = 8  # list and quote markers opening one line ("> - > - …")

    def check(self, value: str) -> str | None:
        if not value.strip():
            return "must not be empty"
        if len(value) > self.max_length:
            return f"is too long ({len(value)} characters, at most {self.max_length})"
        if value.count("[") > self.max_brackets:
            return (f"has {value.count('[')} '[' (links, images or bracketed words), at most {self.max_brackets}: "
                    "more would make the site slow to build; keep the links that matter, or write (…) instead")
        for number, line in enumerate(value.split("\n"), 1):
            leading = line[:len(line) - len(line.lstrip(" \t"))]
            indent = len(leading) + 3 * leading.count("\t")
            if indent > self.max_indent:
                return (f"indents line {number} of the text by {indent} spaces, at most {self.max_indent}: lists "
                        "nest at most four levels deep")
            markers = _MARKERS.match(line)
            if markers and len(_MARKER.findall(markers[0])) > self.max_markers:
                return (f"opens line {number} of the text with more than {self.max_markers} list or quote markers: "
                        "lists and quotes nest at most four levels deep")
        return _bad_character(value)

    def json(self) -> dict[str, Any]:
        return {"minLength": 1, "maxLength": self.max_length, "pattern": f"^[^{_unwanted_in_editor()}]*$"}

    def example(self) -> str:
        return "A *short* text with [a link](https://www.example.org/)"


_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def _host_problem(host: str) -> str | None:
    """Why a link's host cannot be published: none, not a public name on the web, or letters that could pass
    for others (a Cyrillic "е" in "еxample.org", full-width "ｅｘａｍｐｌｅ" point elsewhere than they read)."""
    if not host:
        return "must name a host, e.g. https://www.example.org/page"
    if not host.isascii():
        return ("must write its host in plain ASCII letters: letters of other scripts or full-width forms can "
                "imitate another site's name; for an internationalized name, give its xn-- form")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        return None if address.is_global else ("must be an address on the public web, not a private, local or "
                                               "reserved one (a visitor's browser would reach their own network)")
    labels = host.rstrip(".").split(".")
    if host in ("localhost",) or host.endswith((".localhost", ".local", ".internal")) or len(labels) < 2:
        return "must name a host on the public web, e.g. https://www.example.org/page"
    if len(host) > 253 or not all(_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        return "must name a valid host: letters, digits and hyphens between dots, e.g. https://www.example.org/page"
    return None


@dataclass(frozen=True)
class HttpUrl:
    """An absolute web address. Anything but http(s) (javascript:, data:, relative) is refused."""

    def check(self, value: str) -> str | None:
        if any(character.isspace() or character in '<>"{}|\\^`' for character in value) or _bad_character(value):
            return "must be a web address without spaces, quotes, angle brackets or control characters"
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 - raises on a port that is not a number from 0 to 65535
        except ValueError:
            return "must be a web address such as https://www.example.org/page (this one cannot be read as one)"
        if parts.scheme.lower() not in ("http", "https"):
            return "must be an absolute http:// or https:// address"
        if "@" in parts.netloc:  # user:password@host: credentials must never be published
            return ("must not hold a user name or password (the part before '@'): give the plain address, "
                    "e.g. https://www.example.org/page")
        host_problem = _host_problem(parts.hostname or "")
        if host_problem:
            return host_problem
        if len(value) > 2000:
            return "is too long (at most 2000 characters)"
        return None

    def json(self) -> dict[str, Any]:
        return {"format": "uri", "pattern": r"^https?://[^\s@]+$", "maxLength": 2000}

    def example(self) -> str:
        return "https://www.example.org/page"


@dataclass(frozen=True)
class Pattern:
    regex: str
    expected: str

    def check(self, value: str) -> str | None:
        return None if re.fullmatch(self.regex, value) else f"must be {self.expected}"

    def json(self) -> dict[str, Any]:
        return {"pattern": f"^(?:{self.regex})$"}

    def example(self) -> str | None:
        return self.expected.rsplit("e.g. ", 1)[1] if "e.g. " in self.expected else None


@dataclass(frozen=True)
class OneOf:
    choices: tuple[str, ...]

    def check(self, value: str) -> str | None:
        return None if value in self.choices else "must be one of " + ", ".join(self.choices)

    def json(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}

    def example(self) -> str:
        return self.choices[0]


class LanguageCodes(OneOf):
    """One of the site's language codes (those of the build in progress), in code order."""

    def __init__(self) -> None:
        pass  # the choices are read when a value is checked, not when the schema is defined

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(sorted(active().codes))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LanguageCodes)

    def __hash__(self) -> int:
        return hash(LanguageCodes)

    def __repr__(self) -> str:
        return "LanguageCodes()"


def _plain(number: float) -> str:
    """A bound as staff read it: "1,000,000", "1440", "99.5" (not "1e+06")."""
    return f"{int(number):,}" if number == int(number) and abs(number) >= 10_000 else f"{number:g}"


@dataclass(frozen=True)
class Range:
    minimum: float | None = None
    maximum: float | None = None

    def check(self, value: float) -> str | None:
        if self.minimum is not None and value < self.minimum:
            return f"must be at least {_plain(self.minimum)}"
        if self.maximum is not None and value > self.maximum:
            return f"must be at most {_plain(self.maximum)}"
        return None

    def json(self) -> dict[str, Any]:
        bounds: dict[str, Any] = {}
        if self.minimum is not None:
            bounds["minimum"] = self.minimum
        if self.maximum is not None:
            bounds["maximum"] = self.maximum
        return bounds


@dataclass(frozen=True)
class TimeZone:
    """An IANA time zone name such as Europe/Zurich."""

    # A place (Area/Location) or UTC: the zone database also holds names that are not places, and mean the
    # build machine's own zone ("localtime") or nothing at all ("Factory", "posixrules"). The editor's schema
    # uses the same pattern.
    NAME = r"^(UTC|[A-Za-z_]+(/[A-Za-z0-9_+-]+)+)$"

    def check(self, value: str) -> str | None:
        if value not in zone_names() or not re.fullmatch(self.NAME, value):
            return "must be an IANA time zone name such as Europe/Zurich or America/Bogota"
        zone(value)
        return None

    def json(self) -> dict[str, Any]:
        return {"pattern": self.NAME}

    def example(self) -> str:
        return "Europe/Zurich"


@lru_cache(maxsize=1)
def _territories() -> frozenset[str]:
    return frozenset(code for code in Locale("en").territories if re.fullmatch(r"[A-Z]{2}", code))


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    """The codes that were legal tender of some territory on some day from FIRST_DATE on (CLDR, through Babel):
    CHF, EUR, and HRK for a budget of 2019, but not XXX ("no currency"), XTS (kept for testing), gold (XAU)
    or a unit of account (XDR), which ISO 4217 lists too, nor one that ended before 1990."""
    return frozenset(code for territory in _territories()
                     for code in get_territory_currencies(territory, start_date=FIRST_DATE, end_date=LAST_DATE,
                                                          tender=True))


@dataclass(frozen=True)
class Country:
    """An ISO 3166 two-letter country code: its name is then localized by Babel."""

    def check(self, value: str) -> str | None:
        return None if value in _territories() else "must be a two-letter ISO country code such as CH or KE"

    def json(self) -> dict[str, Any]:
        return {"pattern": "^[A-Z]{2}$"}

    def example(self) -> str:
        return "KE"


@dataclass(frozen=True)
class Currency:
    """An ISO 4217 currency code: amounts are then formatted by Babel."""

    def check(self, value: str) -> str | None:
        return None if value in _currencies() else "must be the ISO 4217 code of a currency in use, such as CHF or USD"

    def json(self) -> dict[str, Any]:
        return {"enum": sorted(_currencies())}

    def example(self) -> str:
        return "CHF"


@dataclass(frozen=True)
class Localized:
    """A mapping from language code to text in that language; at least one language."""

    def check(self, value: dict) -> str | None:
        return None if value else "must give the text in at least one language"

    def json(self) -> dict[str, Any]:
        return {"minProperties": 1, "propertyNames": {"enum": list(active().codes)}}


@dataclass(frozen=True)
class RepoFile:
    """A path from the repository root to a file that staff committed under ``prefix``."""

    prefix: str = "webinars/files/"
    suffixes: tuple[str, ...] = ()  # the file types it may name (hub/published_files.py), any when empty

    def check(self, value: str) -> str | None:
        if not value.startswith(self.prefix) or ".." in value.split("/") or "\\" in value:
            return f"must be a path under {self.prefix} (from the repository root)"
        if not re.fullmatch(r"[A-Za-z0-9._/-]+", value):
            return "must use only letters, digits, '.', '_', '-' and '/' in the file path"
        if any(part.startswith(".") for part in value[len(self.prefix):].split("/")):
            return ("must not name a file or folder that starts with a dot: such files are not published, so the "
                    "link would lead nowhere; rename the file without the dot")
        if self.suffixes and not value.endswith(self.suffixes):
            return f"must name a file ending in {', '.join(self.suffixes)}"
        return None

    def json(self) -> dict[str, Any]:
        ending = "(?:" + "|".join(re.escape(suffix) for suffix in self.suffixes) + ")" if self.suffixes else ""
        return {"pattern": "^" + re.escape(self.prefix) + r"(?!\.)(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*(?!\.)[A-Za-z0-9._-]+"
                + ending + "$"}

    def example(self) -> str:
        return self.prefix + "slides-2027.pdf"
