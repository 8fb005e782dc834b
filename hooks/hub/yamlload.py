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
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
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
else:  # pragma: no cover
    _LOADER = _Loader


def load_text(text: str):
    """Parse one YAML document; raise YamlSyntaxError with a 1-based line and column."""
    loader = _LOADER(text)
    try:
        return loader.get_single_data()
    except YamlSyntaxError:
        raise
    except yaml.MarkedYAMLError as error:
        place = error.problem_mark or error.context_mark
        mark = Mark(place.line + 1, place.column + 1) if place else Mark(1, 1)
        raise YamlSyntaxError(f"malformed YAML: {error.problem or error.context}", mark) from None
    except yaml.YAMLError as error:  # e.g. an unknown tag
        raise YamlSyntaxError(f"malformed YAML: {error}", Mark(1, 1)) from None
    finally:
        loader.dispose()


def load_file(path: Path):
    """Read a staff file as UTF-8 (a byte-order mark is tolerated)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise YamlSyntaxError(f"the file is not UTF-8 text ({error.reason})", Mark(1, 1)) from None
    return load_text(text)
