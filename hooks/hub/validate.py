"""Turn parsed YAML into schema dataclasses, collecting every problem with its place in the file.

The walk is driven by the type hints of ``schema.py``, so adding a field there is enough for it to be
validated here and described in the generated JSON Schema.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import types
import typing
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, time
from typing import Any, Union

from .languages import active, listed
from .rules import FIRST_DATE, LAST_DATE
from .yamlload import LocatedDict, LocatedList, Mark


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, printed as ``file:line:col: field: message``."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class Collector:
    """Gathers the problems of one file so a run can report all of them at once (the first MAX_PROBLEMS:
    a file with thousands of mistakes gets a readable list, and costs no more to check)."""

    MAX_PROBLEMS = 200

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.more = 0

    @property
    def full(self) -> bool:
        return len(self.problems) >= self.MAX_PROBLEMS

    def add(self, mark: Mark, path: str, message: str) -> None:
        if self.full:
            self.more += 1
            return
        self.problems.append(Problem(self.file, mark.line, mark.column, path, message))

    def close(self) -> None:
        """Say how many problems were left out, on the line after the last one listed."""
        if self.more:
            last = max(self.problems)
            self.problems.append(Problem(self.file, last.line + 1, 1, "", f"and {self.more} more problems like the "
                                         "ones above: fix these first, then run ./hub check again"))
            self.more = 0


class _Invalid(Exception):
    """Raised inside the walk when a value cannot be converted; already recorded."""


_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(text: str, limit: int = 40) -> str:
    """A staff text as a message quotes it: shortened, line breaks and invisible characters made visible
    (never Python's repr, whose quotes and escapes mean nothing to staff)."""
    text = text if len(text) <= limit else text[:limit - 3] + "..."
    return _INVISIBLE.sub(lambda m: "⏎" if m[0] == "\n" else f"[U+{ord(m[0]):04X}]", text)


def describe(value: Any) -> str:
    """How a YAML value looks to staff, for 'got …' in messages."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int):
        return f"a whole number ({value})" if abs(value) < 10**15 else "a very large whole number"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return "not-a-number" if value != value else "infinity"
        return f"a number ({value:g})"
    if isinstance(value, str):
        return f"text ('{shown(value)}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "fields (name: value)"
    return "a value of another kind"


def expected(hint: Any) -> str:
    """How a type hint reads to staff, for 'expected …' in messages."""
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        return expected(typing.get_args(hint)[0])
    if origin in (Union, types.UnionType):
        return " or ".join(expected(arg) for arg in typing.get_args(hint) if arg is not type(None))
    if origin is list:
        return f"a list of {expected(typing.get_args(hint)[0])}"
    if origin is dict or hint is dict:
        return f"a text per language: fields named by language code ({listed()}), indented below"
    if dataclasses.is_dataclass(hint):
        return "fields indented below (" + ", ".join(f.name for f in dataclasses.fields(hint)) + ")"
    return {
        str: "text",
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        date: "a date YYYY-MM-DD",
        time: "a time HH:MM in quotes",
    }.get(hint, "a value of another kind")


# Examples of the fields whose type alone gives no good one (a whole number could be anything).
FIELD_EXAMPLES = {
    "number": "3", "duration": "90", "registrations": "120", "participants": "85", "survey_response_rate": "40",
    "planned": "12000", "spent": "9500", "period": "2019", "series": "pilot-2019", "decision": "CDIP/23/9, option B",
    "name": "Ada Example", "label": "Profile", "experts": "[ada-example, jean-exemple]", "captions": "[en, fr]",
    "closes": "2027-03-25", "published": "2027-04-02", "photo": "webinars/files/ada-example.jpg",
    "slides": "[{language: en, format: pdf, file: webinars/files/slides-2027.pdf}]",
}
_YAML_TYPES = {str: "Some text", int: "3", float: "12.5", bool: "true", date: "2027-03-28", time: '"14:00"'}


def example_value(hint: Any, name: str = "") -> str:
    """A right value for ``hint``, in YAML flow style (one line), for 'for example: …' in messages."""
    if name in FIELD_EXAMPLES and _dataclass_in(hint) is None and not _is_localized(hint):
        return FIELD_EXAMPLES[name]
    kind, args = _shape(hint)
    if kind == "annotated":
        for rule in args[1:]:
            value = getattr(rule, "example", lambda: None)()
            if value:
                return f'"{value}"' if ": " in value or value[:1] in "*[{&!|>'\"%@`#" else value
        return example_value(args[0])
    if kind == "union":
        return example_value(next(arg for arg in args if arg is not type(None)), name)
    if kind == "list":
        return f"[{example_value(args[0])}]"
    if kind == "dict":
        return "{en: " + example_value(args[1]) + "}"
    if kind == "dataclass":
        hints, fields = _schema_of(hint)
        required = [f for f in fields.values()
                    if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
        return "{" + ", ".join(f"{f.name}: {example_value(hints[f.name], f.name)}"
                               for f in required or list(fields.values())[:1]) + "}"
    return _YAML_TYPES.get(hint, "…")


def example(hint: Any, path: str) -> str:
    """'for example: field: value' for the field at ``path`` (the last part of the path names it)."""
    name = re.sub(r"\[\d+\]$", "", path.rsplit(".", 1)[-1]) if path else ""
    value = example_value(hint, name)
    if path.endswith("]"):
        return f"for example: - {value}"
    return f"for example: {name}: {value}" if name else f"for example: {value}"




_CLOCK = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")


def _convert_scalar(value: Any, base: type, path: str, mark: Mark, out: Collector, shown: Any = None) -> Any:
    """``shown``: the field's full type, whose rules give the example (a document symbol, not "Some text")."""
    if base is bool:
        if isinstance(value, bool):
            return value
    elif base is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif base is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if math.isfinite(value):
                return float(value)
            out.add(mark, path, f"expected a number, got {'infinity' if value == value else 'not-a-number'} "
                    f"(.inf or .nan); {example(base, path)}")
            raise _Invalid
    elif base is str:
        if isinstance(value, str):
            return value
    elif base is date:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                day = date.fromisoformat(value)
            except ValueError:
                out.add(mark, path, f"'{value}' is not a real calendar date (expected a date YYYY-MM-DD); "
                        f"{example(base, path)}")
                raise _Invalid from None
            if not FIRST_DATE <= day <= LAST_DATE:
                out.add(mark, path, f"'{value}' is outside the dates a webinar can have ({FIRST_DATE} to "
                        f"{LAST_DATE}); {example(base, path)}")
                raise _Invalid
            return day
    elif base is time:
        if isinstance(value, str):
            match = _CLOCK.fullmatch(value)
            if match:
                return time(int(match[1]), int(match[2]))
    out.add(mark, path, f"expected {expected(base)}, got {describe(value)}{_quote_hint(value, base)}; "
            f"{example(shown or base, path)}")
    raise _Invalid


def _quote_hint(value: Any, base: type) -> str:
    """Why YAML read a value as another kind than meant, when that is the likely cause."""
    if base is str and isinstance(value, (bool, int, float)):
        return " (YAML reads true, false and numbers as such: put the value in quotes to make it text)"
    if base is time and isinstance(value, str) and re.fullmatch(r"\d{1,2}[:.h]\d{2}", value):
        return " (hours 00 to 23, minutes 00 to 59, two digits each)"
    return ""


@lru_cache(maxsize=None)
def _shape(hint: Any) -> tuple[str, tuple]:
    """What kind of hint this is, and its arguments: asked for every value, answered once per hint."""
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        return "annotated", typing.get_args(hint)
    if origin in (Union, types.UnionType):
        return "union", typing.get_args(hint)
    if origin is list:
        return "list", typing.get_args(hint)
    if origin is dict:
        return "dict", typing.get_args(hint)
    if dataclasses.is_dataclass(hint):
        return "dataclass", ()
    return "scalar", ()


def _fits(value: Any, hint: Any) -> bool:
    """Whether a YAML value has the shape of ``hint`` (a mapping for a dataclass, a number for int...)."""
    kind, args = _shape(hint)
    if kind == "annotated":
        return _fits(value, args[0])
    if kind in ("dict", "dataclass"):
        return isinstance(value, dict)
    if kind == "list":
        return isinstance(value, list)
    if kind == "union":
        return any(_fits(value, arg) for arg in args)
    if hint is bool or isinstance(value, bool):
        return hint is bool and isinstance(value, bool)
    if hint is int:
        return isinstance(value, int)
    if hint is float:
        return isinstance(value, (int, float))
    return isinstance(value, str)  # text, dates and times are written as text


def convert(value: Any, hint: Any, path: str, mark: Mark, out: Collector, shown: Any = None) -> Any:
    """Convert ``value`` to ``hint`` or record why not (and raise _Invalid)."""
    kind, args = _shape(hint)
    if kind == "annotated":
        base, *rules = args
        result = convert(value, base, path, mark, out, shown=hint)
        for rule in rules:
            message = rule.check(result)
            if message:
                out.add(mark, path, f"{message}, got {describe(value)}; {example(hint, path)}")
                raise _Invalid
        return result
    if kind == "union":
        options = [arg for arg in args if arg is not type(None)]
        if value is None and len(options) < len(args):
            return None
        if len(options) == 1:
            return convert(value, options[0], path, mark, out)
        trials = []
        for option in options:  # e.g. a year (int) or a short text (str)
            trial = Collector(out.file)
            try:
                return convert(value, option, path, mark, trial)
            except _Invalid:
                trials.append((option, trial))
        fitting = [trial for option, trial in trials if _fits(value, option)]
        if len(fitting) == 1:  # e.g. -3 for a count or {more_than: N}: the count's own message
            out.problems.extend(fitting[0].problems)
            raise _Invalid
        out.add(mark, path, f"expected {expected(hint)}, got {describe(value)}; {example(hint, path)}")
        raise _Invalid
    if kind == "list":
        return _convert_list(value, args[0], path, mark, out)
    if kind == "dict":
        return _convert_localized(value, args, path, mark, out)
    if kind == "dataclass":
        return build(value, hint, path, mark, out)
    return _convert_scalar(value, hint, path, mark, out, shown)


def _convert_list(value: Any, item_hint: Any, path: str, mark: Mark, out: Collector) -> tuple:
    if not isinstance(value, list):
        out.add(mark, path, f"expected {expected(list[item_hint])}, got {describe(value)}; "
                f"{example(list[item_hint], path)}")
        raise _Invalid
    marks = value.marks if isinstance(value, LocatedList) else [mark] * len(value)
    items, failed = [], False
    for index, (item, item_mark) in enumerate(zip(value, marks)):
        try:
            items.append(convert(item, item_hint, f"{path}[{index}]", item_mark, out))
        except _Invalid:
            failed = True
    if failed:
        raise _Invalid
    return tuple(items)


def _convert_localized(value: Any, key_value: tuple, path: str, mark: Mark, out: Collector) -> dict:
    key_hint, value_hint = key_value
    if not isinstance(value, dict):
        out.add(mark, path, f"expected {expected(dict)}, got {describe(value)}; "
                f"{example(dict[key_hint, value_hint], path)}")
        raise _Invalid
    result, failed = {}, False
    for key, item in value.items():
        item_mark = value.marks.get(key, mark) if isinstance(value, LocatedDict) else mark
        key_mark = value.key_marks.get(key, mark) if isinstance(value, LocatedDict) else mark
        try:
            code = convert(key, key_hint, f"{path}.{key}", key_mark, out)
            result[code] = convert(item, value_hint, f"{path}.{key}", item_mark, out)
        except _Invalid:
            failed = True
    if failed:
        raise _Invalid
    return result


def _suggest(name: str, known: list[str], cls: type, mapping: dict | None = None) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6) if len(name) < 100 else []
    if name in close:
        close = []
    if close:
        return f"; did you mean '{close[0]}'?"
    if name in active().codes:
        return (f"; '{name}' is a language code: a text in {name} belongs under a field such as title:, indented "
                f"by two spaces (title: on its own line, then '  {name}: …' below it)")
    owners = [owner for owner, item in _nested(cls) if name in _schema_of(item)[1]]
    # the field left empty just above is the likely owner (its indented lines lost their indentation)
    owners.sort(key=lambda owner: not (mapping is not None and owner in mapping and mapping[owner] is None))
    if owners:
        return (f"; '{name}' is a field of {owners[0]}: did it lose its indentation? Indent it by two spaces "
                f"under {owners[0]}:")
    return f"; known fields: {', '.join(known)}"


def _nested(cls: type) -> list[tuple[str, type]]:
    """(field, dataclass) of the fields of ``cls`` that hold fields of their own (one level down)."""
    hints, _ = _schema_of(cls)
    return [(name, nested) for name, hint in hints.items() if (nested := _dataclass_in(hint)) is not None]


def _is_localized(hint: Any) -> bool:
    kind, args = _shape(hint)
    if kind == "dict":
        return True
    return kind in ("annotated", "union") and any(_is_localized(arg) for arg in args
                                                   if arg is not type(None) and not hasattr(arg, "check"))


def _dataclass_in(hint: Any) -> type | None:
    kind, args = _shape(hint)
    if kind == "dataclass":
        return hint
    for arg in args:
        if arg is not type(None) and not hasattr(arg, "check"):
            found = _dataclass_in(arg)
            if found is not None:
                return found
    return None


@lru_cache(maxsize=None)
def _schema_of(cls: type) -> tuple[dict[str, Any], dict[str, dataclasses.Field]]:
    """Type hints and fields of a schema dataclass (resolving hints is slow: once per class)."""
    return typing.get_type_hints(cls, include_extras=True), {f.name: f for f in dataclasses.fields(cls)}


def build(value: Any, cls: type, path: str, mark: Mark, out: Collector) -> Any:
    """Build dataclass ``cls`` from a YAML mapping, checking every field and refusing unknown ones."""
    if not isinstance(value, dict):
        if path:
            out.add(mark, path, f"expected {expected(cls)}, got {describe(value)}; {example(cls, path)}")
        else:
            hints, fields = _schema_of(cls)
            first, second = list(fields)[:2]
            out.add(mark, "(file)", f"expected fields, one per line ({', '.join(fields)}), got {describe(value)}; "
                    f"for example: a line {first}: {example_value(hints[first], first)}, then "
                    f"{second}: {example_value(hints[second], second)}, …")
        raise _Invalid
    hints, fields = _schema_of(cls)
    located = isinstance(value, LocatedDict)
    prefix = f"{path}." if path else ""
    failed = False
    for key in value:
        if key not in fields:
            key_mark = value.key_marks[key] if located else mark
            hint = "" if out.full else _suggest(key, list(fields), cls, value)
            out.add(key_mark, f"{prefix}{shown(key, 60)}", "unknown field" + hint)
            failed = True
    arguments = {}
    for name, spec in fields.items():
        has_default = spec.default is not dataclasses.MISSING or spec.default_factory is not dataclasses.MISSING
        if name not in value or (value[name] is None and has_default):
            if not has_default:
                out.add(mark, f"{prefix}{name}",
                        f"is missing (expected {expected(hints[name])}); add it, {example(hints[name], prefix + name)}")
                failed = True
            continue
        field_mark = value.marks[name] if located else mark
        try:
            arguments[name] = convert(value[name], hints[name], f"{prefix}{name}", field_mark, out)
        except _Invalid:
            failed = True
    if failed:
        raise _Invalid
    return cls(**arguments)


def build_document(data: Any, cls: type, out: Collector) -> Any | None:
    """Build one staff file's dataclass; None when it has problems (recorded in ``out``)."""
    top = getattr(data, "mark", Mark(1, 1))
    try:
        return build(data, cls, "", top, out)
    except _Invalid:
        return None
    finally:
        out.close()
