"""Read staff YAML safely, as YAML 1.2 reads it, keeping the line of every value.

PyYAML's safe loader speaks YAML 1.1: a bare ``no`` becomes False, ``12:30`` becomes 750 and
``2019-02-30`` crashes the loader. Editors (yaml-language-server) read YAML 1.2. This loader uses
the YAML 1.2 core schema's implicit types so the build agrees with the editor, leaves dates as text
for the validator to parse (so an impossible date gets a located message), refuses duplicate keys,
and records where each value stands so that every error can name its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


class LocatedDict(dict):
    """A mapping that knows where it and each of its values stand in the file."""

    mark: Mark
    marks: dict[str, Mark]
    key_marks: dict[str, Mark]


class LocatedList(list):
    """A sequence that knows where it and each of its items stand in the file."""

    mark: Mark
    marks: list[Mark]


class YamlSyntaxError(Exception):
    """Malformed YAML, with the place the parser stopped."""

    def __init__(self, message: str, mark: Mark):
        super().__init__(message)
        self.message = message
        self.mark = mark


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Yaml12Resolver(yaml.resolver.BaseResolver):
    """Implicit types of the YAML 1.2 core schema (booleans are only true/false)."""


_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class _Constructor(yaml.constructor.SafeConstructor):
    def construct_yaml_int(self, node):
        text = self.construct_scalar(node)
        if len(text.lstrip("+-")) > 18:  # Python refuses to read more than 4300 digits: say so first
            raise YamlSyntaxError(f"a number of {len(text.lstrip('+-'))} digits: no figure of a webinar needs more "
                                  "than 18; check it, or put it in quotes if it is text", _mark(node))
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)

    def construct_located_mapping(self, node: yaml.MappingNode) -> LocatedDict:
        result = LocatedDict()
        result.mark = _mark(node)
        result.marks = {}
        result.key_marks = {}
        yield result
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # '? [a, b]: c' or '? {a: b}: c'
                raise YamlSyntaxError("a field name must be a plain word, not a list or fields: write 'name: value', "
                                      "e.g. title:", _mark(key_node))
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, bool):
                key = "true" if key else "false"
            elif key is None:
                key = "null"
            elif not isinstance(key, str):
                key = str(key)
            if key in result:
                first = result.key_marks[key]
                raise YamlSyntaxError(
                    f"duplicate key '{key}' (first defined on line {first.line})", _mark(key_node)
                )
            result[key] = self.construct_object(value_node, deep=True)
            result.marks[key] = _mark(value_node)
            result.key_marks[key] = _mark(key_node)

    def construct_located_sequence(self, node: yaml.SequenceNode) -> LocatedList:
        result = LocatedList()
        result.mark = _mark(node)
        result.marks = [_mark(child) for child in node.value]
        yield result
        result.extend(self.construct_object(child, deep=True) for child in node.value)


_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)
_Constructor.add_constructor("tag:yaml.org,2002:map", _Constructor.construct_located_mapping)
_Constructor.add_constructor("tag:yaml.org,2002:seq", _Constructor.construct_located_sequence)


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _Constructor,
    _Yaml12Resolver,
):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Constructor.__init__(self)
        _Yaml12Resolver.__init__(self)


try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    CParser = None

if CParser is not None:

    class _FastLoader(CParser, _Constructor, _Yaml12Resolver):
        """The same loader on libyaml's C parser (several times faster, same nodes and marks)."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            _Constructor.__init__(self)
            _Yaml12Resolver.__init__(self)

    _LOADER = _FastLoader
    _EVENTS = CParser
else:  # pragma: no cover
    _LOADER = _Loader

    class _EVENTS(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
        def __init__(self, stream):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)

        def dispose(self):
            pass


# Bounds on one staff file, whatever it holds: a webinar file is a few kilobytes and a few hundred values.
MAX_BYTES = 512 * 1024  # summaries and reports in six languages fit many times over
MAX_VALUES = 20_000  # scalars, lists and mappings
MAX_DEPTH = 32  # lists and mappings inside one another
# Explicit tags staff may write: '!' and '!!str' (force text). Any other (!!timestamp, !!binary, !!set,
# !!merge, !!python/…) would give values of kinds the data contract has no words for.
_ALLOWED_TAGS = frozenset({None, "!", "tag:yaml.org,2002:str"})


def _event_mark(event) -> Mark:
    return Mark(event.start_mark.line + 1, event.start_mark.column + 1) if event.start_mark else Mark(1, 1)


def _screen(text: str) -> None:
    """Read the file's events once, before building anything, and refuse what could make loading
    unbounded or the values strange: anchors and aliases (``&name``/``*name``: one alias can stand
    for a whole tree, and aliases of aliases for billions of values, the "billion laughs"), tags,
    more than MAX_VALUES values, nesting deeper than MAX_DEPTH. Time and memory are then bounded by
    the size of the file: the events are looked at one at a time and none is kept.
    """
    parser = _EVENTS(text)
    values = depth = 0
    scalar, alias, ends = yaml.ScalarEvent, yaml.AliasEvent, (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind in ends:
                depth -= 1
                continue
            if kind is scalar or kind in starts:
                if event.anchor is not None or event.tag not in _ALLOWED_TAGS:
                    _refuse(event)
                values += 1
                if values > MAX_VALUES:
                    raise YamlSyntaxError(
                        f"the file holds more than {MAX_VALUES} values: a webinar file needs a few hundred at most; "
                        "split or shorten it", _event_mark(event))
                if kind is not scalar:
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise YamlSyntaxError(
                            f"lists and fields are nested more than {MAX_DEPTH} levels deep: check the brackets and "
                            "the indentation", _event_mark(event))
            elif kind is alias:
                raise YamlSyntaxError(
                    f"'*{event.anchor}' repeats a value marked elsewhere with '&{event.anchor}': webinar files do "
                    "not use anchors and aliases; write the value out in full where it is needed", _event_mark(event))
            elif event is None or kind is yaml.StreamEndEvent:
                return
    finally:
        parser.dispose()


def _refuse(event) -> None:
    if event.anchor is not None:
        raise YamlSyntaxError(
            f"'&{event.anchor}' marks a value to repeat elsewhere: webinar files do not use anchors and "
            f"aliases; remove '&{event.anchor}' and write each value out in full", _event_mark(event))
    shown = event.tag.replace("tag:yaml.org,2002:", "!!")
    raise YamlSyntaxError(
        f"'{shown}' is a YAML tag, which webinar files do not use: remove it (put the value in "
        "quotes if it is text, e.g. title: \"2019: a review\")", _event_mark(event))


# What the YAML reader's messages mean for someone editing a webinar file, and what to do.
_HINTS = (
    ("mapping values are not allowed",
     "a text that contains ': ' (colon and space) must be in quotes, e.g. title: \"Patents: a primer\"; "
     "or a line lost its indentation"),
    ("could not find expected ':'",
     "a line is neither 'field: value' nor '- item'; a text running over several lines needs quotes, "
     "or a line lost its indentation"),
    ("did not find expected key",
     "a line is indented differently from the fields around it: fields of the same level start in the same "
     "column (use spaces, two per level); or a quote is not closed"),
    ("did not find expected '-' indicator",
     "an item of a list is indented differently from the others: start each item with '- ' in the same column"),
    ("expected <block end>",
     "a line is indented differently from the fields around it: fields of the same level start in the same "
     "column (use spaces, two per level)"),
    ("that cannot start any token",
     "a value starts with a character YAML reserves (such as @, ` or %): put the value in quotes, "
     "e.g. name: \"@example\""),
    ("unexpected end of stream",
     "the file ends inside a quoted text or a bracket: close the quote (\") or the bracket (] or })"),
    ("while scanning a quoted scalar",
     "a quote is not closed: end the text with the same quote it starts with"),
    ("expected ',' or ']'",
     "a list in brackets is not closed or lacks a comma, e.g. experts: [ada-example, jean-exemple]"),
    ("expected ',' or '}'",
     "a mapping in braces is not closed or lacks a comma, e.g. title: {en: Title, fr: Titre}"),
    ("expected a single document",
     "the file holds more than one document (a line '---' in the middle): keep one"),
    ("control characters are not allowed", "the file contains a control character: remove it"),
    ("special characters are not allowed", "the file contains a control character: remove it"),
    ("found unknown escape character",
     "a backslash in double quotes starts an escape: use single quotes, or write \\\\ for one backslash"),
)


_TAB_HINT = "a tab character: indent with spaces only (two per level)"


def _hint(problem: str) -> str:
    for needle, hint in _HINTS:
        if needle in problem:
            return hint
    return "check the quotes, brackets and indentation of this line and the line before"


def load_text(text: str):
    """Parse one YAML document; raise YamlSyntaxError with a 1-based line and column."""
    if len(text) > MAX_BYTES:
        raise YamlSyntaxError(f"the file is too large ({len(text) // 1024} KB of text, at most {MAX_BYTES // 1024} KB): "
                              "a webinar file needs a few KB; put long documents under webinars/files/", Mark(1, 1))
    loader = None
    try:
        _screen(text)
        loader = _LOADER(text)
        return loader.get_single_data()
    except YamlSyntaxError:
        raise
    except yaml.MarkedYAMLError as error:
        place = error.problem_mark or error.context_mark
        mark = Mark(place.line + 1, place.column + 1) if place else Mark(1, 1)
        problem = " ".join(part for part in (error.context, error.problem) if part)
        lines = text.splitlines()
        line = lines[mark.line - 1] if 0 < mark.line <= len(lines) else ""
        hint = _TAB_HINT if "\t" in line[:mark.column] else _hint(problem)
        raise YamlSyntaxError(f"malformed YAML: {hint} (the YAML reader says: {error.problem or error.context})",
                              mark) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow: located here, not at 1:1
        mark = _mark_at(text, error.position)
        code = error.character if isinstance(error.character, int) else ord(error.character[:1] or b"\0")
        raise YamlSyntaxError(f"malformed YAML: the file contains a control character (U+{code:04X}), invisible "
                              f"in most editors{_field_on(text, mark)}: remove it", mark) from None
    except yaml.YAMLError as error:  # e.g. an unknown tag
        raise YamlSyntaxError(f"malformed YAML: {_hint(str(error))}", Mark(1, 1)) from None
    finally:
        if loader is not None:
            loader.dispose()


def _mark_at(text: str | bytes, position: int) -> Mark:
    """The 1-based line and column of a character's (or a byte's) index in the text."""
    before, newline = text[:position], "\n" if isinstance(text, str) else b"\n"
    return Mark(before.count(newline) + 1, position - before.rfind(newline))


_KEY = re.compile(r"\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:")


def _field_on(text: str, mark: Mark) -> str:
    """", in the value of 'summary'" when the line starts with a key, else nothing."""
    lines = text.split("\n")
    key = _KEY.match(lines[mark.line - 1]) if 0 < mark.line <= len(lines) else None
    return f", in the value of '{key[1]}'" if key else ""


def load_file(path: Path):
    """Read a staff file as UTF-8 (a byte-order mark is tolerated), at most MAX_BYTES of it."""
    size = path.lstat().st_size
    if size > MAX_BYTES:
        raise YamlSyntaxError(f"the file is too large ({size // 1024} KB, at most {MAX_BYTES // 1024} KB): a webinar "
                              "file needs a few KB; put long documents under webinars/files/", Mark(1, 1))
    with path.open("rb") as stream:
        data = stream.read(MAX_BYTES + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise YamlSyntaxError(f"the file is not UTF-8 text ({error.reason} at byte {error.start}): save it as UTF-8 "
                              "in your editor", _mark_at(data, error.start)) from None
    return load_text(text)
