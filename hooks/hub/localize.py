"""Everything a page needs to speak one language: UI strings, Babel formatting, text fallback.

UI strings live in ``locales/<code>.yml``, one file per language, with English as the reference
that every other file must match key for key (a test checks it).
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import babel.dates
import babel.lists
import babel.numbers
import babel.units
from babel import Locale

from .languages import active
from .yamlload import load_file

LOCALES_DIR = Path(__file__).parent / "locales"
IDEOGRAPHS = re.compile(r"[\u4e00-\u9fff]{1,2}")
CURRENCY_SPACING = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


@lru_cache(maxsize=None)
def ui_strings(code: str) -> Mapping[str, str]:
    """The UI strings of one language (plain mapping, loaded once per process)."""
    return dict(load_file(LOCALES_DIR / f"{code}.yml"))


@dataclass(frozen=True)
class Shown:
    """Text as shown on a page, with the language it is really in (for a ``lang`` attribute)."""

    text: str
    lang: str


def pick(texts: Mapping[str, str] | None, page_lang: str, delivery_lang: str | None = None) -> Shown | None:
    """The text in the page's language, else the delivery language, else English, else any."""
    if not texts:
        return None
    for code in (page_lang, delivery_lang, active().default):
        if code and code in texts:
            return Shown(typeset(texts[code], code), code)
    for code in sorted(texts):  # else any, the first in code order (sorted only when needed: rare)
        if code:
            return Shown(typeset(texts[code], code), code)
    return None


def webinar_title(webinar, lang: str) -> Shown:
    """A webinar's title in ``lang``, with the hub's fallback (delivery language, English, any)."""
    return pick(webinar.data.title, lang, webinar.data.language)


FRENCH_SPACE_BEFORE = re.compile(r" (?=[:;!?»])| (?<=« )")
FRENCH_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")  # l'assistance → l’assistance


@lru_cache(maxsize=4096)
def typeset(text: str, code: str) -> str:
    """French typography: a space typed before ``: ; ! ? »`` or after ``«`` never breaks the line there
    (a no-break space, as the organisation's French documents set it), and the typewriter apostrophe of
    "l'assistance" is the typographic one (l’assistance), as in the organisation's French documents."""
    if code != "fr":
        return text
    if "'" in text:
        text = FRENCH_APOSTROPHE.sub("\u2019", text)
    return FRENCH_SPACE_BEFORE.sub("\u00a0", text) if " " in text else text


def heading(numeral: str | None, title: str) -> str:
    """A webinar's title as pages and feeds head it: "VIII. Title" (``Formatter.numeral``), or the title alone
    when unnumbered."""
    return f"{numeral}. {title}" if numeral is not None else title


@lru_cache(maxsize=None)
def roman(number: int) -> str:
    """Roman numeral, as the series numbers its webinars (I–VIII in the pilot)."""
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    result = []
    for value, numeral in numerals:
        count, number = divmod(number, value)
        result.append(numeral * count)
    return "".join(result)


class Formatter:
    """Babel formatting for one page language."""

    def __init__(self, code: str):
        self.code = code
        self.locale = Locale.parse(active().by_code[code].babel_locale)
        self.strings = ui_strings(code)
        # Every UI string, English where this language has none: templates print plain strings as
        # ui["key"], a lookup, where a call t("key") costs a Jinja function call on every page.
        # A missing string falls back to the default language's; an empty one ("gap" in Chinese) is a value.
        self.ui = {**ui_strings(active().default),
                   **{key: text for key, text in self.strings.items() if text is not None}}
        # Formatting is pure and every page repeats the same dates, numbers and names: memoize them.
        for name in ("date", "number", "percent", "minutes", "language_name", "country_name"):
            setattr(self, name, lru_cache(maxsize=None)(getattr(self, name)))

    def t(self, key: str, **values) -> str:
        """A UI string, with ``{name}`` placeholders filled in."""
        text = self.ui[key]
        return text.format(**values) if values else text

    def date(self, value: date, form: str = "long") -> str:
        return babel.dates.format_date(value, form, locale=self.locale)

    def time(self, value: time | datetime) -> str:
        return babel.dates.format_time(value, "short", locale=self.locale)

    def timezone(self, value: datetime) -> str:
        return babel.dates.get_timezone_name(value, "long", locale=self.locale)

    def number(self, value: float) -> str:
        return babel.numbers.format_decimal(value, locale=self.locale)

    def percent(self, value: float) -> str:
        """``value`` in percent (56 → "56 %" in French)."""
        return babel.numbers.format_percent(value / 100, locale=self.locale)

    def money(self, value: float, currency: str) -> str:
        """An amount in whole units of ``currency`` (budgets are not given in cents)."""
        pattern = re.sub(r"\.0+", "", self.locale.currency_formats["standard"].pattern)
        text = babel.numbers.format_currency(value, currency, format=pattern, locale=self.locale,
                                             currency_digits=False)
        # CLDR's currency spacing, which Babel does not apply: a letter symbol never touches a digit
        # ("CHF 75,745", not "CHF75,745").
        return CURRENCY_SPACING.sub("\u00a0", text)

    def file_size(self, size: int) -> str:
        """A file's size in kB or MB, in the language's units."""
        if size < 1_000_000:
            return babel.units.format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short",
                                           locale=self.locale)
        return babel.units.format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short",
                                       locale=self.locale)

    def minutes(self, value: int) -> str:
        # The long form where CLDR has one; Babel 2.18 has none in Chinese and prints its name instead.
        text = babel.units.format_unit(value, "duration-minute", length="long", locale=self.locale)
        if "duration-minute" in text:
            text = babel.units.format_unit(value, "duration-minute", length="short", locale=self.locale)
        return text

    def and_list(self, items: list[str]) -> str:
        """Items joined as the language joins a list ("a, b and c"; "a、b和c")."""
        return babel.lists.format_list(items, locale=self.locale)

    def numbers_list(self, text: str) -> str:
        """Numbers and ranges as the contract writes them ("6, 7, 14-16") joined as the language joins a list
        ("6، 7 و14–16" in Arabic, read from the right; "6、7和14–16"): a Latin comma between digits would take
        the direction of an Arabic sentence and read as punctuation out of place."""
        def item(part: str) -> str:  # paragraph numbers are labels, not amounts: no grouping separator
            return "\u2013".join(str(int(bound)) for bound in part.split("-"))

        return self.and_list([item(part) for part in text.split(", ")])

    def numeral(self, number: int | None) -> str | None:
        """A webinar's number as the series writes it: Roman ("Webinar VIII"), except in a right-to-left
        script, where it is written in digits: a lone Latin capital I beside Arabic letters reads as an alef."""
        if number is None:
            return None
        return str(number) if active().by_code[self.code].rtl else roman(number)

    def figure(self, value) -> str:
        """A count as the source gives it: exact (1 234), or approximate ("more than 250")."""
        bound = getattr(value, "more_than", None)
        if bound is not None:
            return self.t("more_than", number=self.number(bound))
        return self.number(value)

    def delivery_language(self, code: str | None) -> str:
        """The name of the language a webinar is delivered in, or "Language not stated"."""
        return self.language_name(code) if code else self.t("language_unknown")

    def webinar_line(self, number: int | None, day: date, language: str | None) -> str:
        """One line about a webinar (number, date, language), saying only what the data gives."""
        values = {"date": self.date(day)}
        if number is not None:
            values["number"] = self.numeral(number)
        if language:
            values["language"] = self.language_name(language)
        key = {(True, True): "webinar_description", (False, True): "webinar_description_unnumbered",
               (True, False): "webinar_description_no_language",
               (False, False): "webinar_description_plain"}[(number is not None, bool(language))]
        return self.t(key, **values)

    def language_name(self, code: str) -> str:
        """A language's name as written inside a sentence ("en arabe", "in Arabic"): CLDR's own case, in one
        style. CLDR's Chinese writes its own language 中文 but the others 英语, 法语 …: where a locale names its
        own language with two ideographs, the other names take the same last one (英文, 法文: the UN's style,
        and the language menu's 中文)."""
        name = self.locale.languages.get(code, code)
        own = self.locale.languages.get(self.locale.language, "")
        if IDEOGRAPHS.fullmatch(own) and IDEOGRAPHS.fullmatch(name[-1:]) and name[-1] != own[-1]:
            return name[:-1] + own[-1]
        return name

    def language_label(self, code: str) -> str:
        """A language's name standing alone, e.g. an option of a list: capitalised as a label is."""
        name = self.language_name(code)
        return name[:1].upper() + name[1:]

    def country_name(self, code: str) -> str:
        return self.locale.territories.get(code, code)

    # The design's formats --------------------------------------------------------------------------

    # Memoized on the class (self in the key): six formatters live for a build, and every card repeats these.
    @lru_cache(maxsize=None)
    def date_badge(self, value: date) -> dict[str, str]:
        """Day, abbreviated month and year of a card's date badge. "MMM", not the stand-alone "LLL": Babel 2.18
        gives "6月" for "LLL" in French or Spanish once the Chinese locale has been loaded."""
        return {
            "day": babel.dates.format_date(value, "d", locale=self.locale),
            "month": babel.dates.format_date(value, "MMM", locale=self.locale).rstrip("."),
            "year": babel.dates.format_date(value, "y", locale=self.locale),
        }

    @lru_cache(maxsize=None)
    def start_line(self, start: datetime) -> str:
        """A card's start time with the name of its zone: "14:30 Central European Summer Time"."""
        return f"{self.time(start)} {self.timezone(start)}"

    def time_range(self, start: datetime, end: datetime) -> str:
        """Start and end time in the language's short time form: "14:30–16:00", "2:30 – 4:00 PM"."""
        skeleton = "hm" if "h" in self.locale.time_formats["short"].pattern else "Hm"
        return babel.dates.format_interval(start, end, skeleton, tzinfo=start.tzinfo, locale=self.locale)

    @property
    def intl_locale(self) -> str:
        """The BCP 47 tag for the browser's Intl, with Babel's digits (Latin in Arabic, as Babel writes them)."""
        return f"{self.locale}".replace("_", "-") + f"-u-nu-{self.locale.default_numbering_system}"
