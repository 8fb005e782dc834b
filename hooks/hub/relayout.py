"""An edited staff file written back in its original layout: only what changed is rewritten.

The browser editor (Sveltia CMS) saves a whole file in its own style: comments and the schema modeline
dropped, flow lists written as blocks, quotes changed, defaults written out. A reviewer then sees every line
changed, and the file loses its notes. ``relayout(original, edited)`` takes the edited file's data and writes
it into the original text (ruamel.yaml's round trip): untouched fields keep their text, comments, order and
quotes; a changed value keeps its quoting; a new field goes where the editor put it; a field the editor only
wrote out with its default value is left out, as the staff left it.

It is safe by construction: the result is used only when the hub reads it as exactly the data the editor
saved (``same_data``); otherwise the edited text is kept as it is.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from .schema import Expert, Series, Webinar
from .validate import Collector, _dataclass_in, _schema_of, _shape, build_document
from .yamlload import YamlSyntaxError, load_text

QUOTED = (DoubleQuotedScalarString, SingleQuotedScalarString)
MISSING = dataclasses.MISSING


def kind_of(path: str) -> type | None:
    """The contract of a data file by its place under webinars/ (None: not a staff data file)."""
    parts = PurePosixPath(path).parts
    if len(parts) < 2 or parts[0] != "webinars" or not parts[-1].endswith(".yml"):
        return None
    return {2: Webinar, 3: {"experts": Expert, "series": Series}.get(parts[1])}.get(len(parts))


def relayout(original: str, edited: str, kind: type) -> str:
    """``edited``'s data in ``original``'s layout, or ``edited`` unchanged when that cannot be done safely
    (a file ruamel.yaml would not write back as it was, or a result the hub would read differently)."""
    yaml = _round_trip()
    try:
        old, new = yaml.load(original), yaml.load(edited)
    except Exception:  # noqa: BLE001  (any reading problem: keep the editor's text; the check reports it)
        return edited
    if not isinstance(old, CommentedMap) or not isinstance(new, dict) or _dump(yaml, old) != original:
        return edited
    result = _dump(yaml, _merge(old, new, kind))
    return result if same_data(result, edited, kind) else edited


def relayout_changed(root: Path, base: str) -> list[str]:
    """Write every staff data file that differs from git revision ``base`` back in ``base``'s layout (the
    browser editor's pull requests); return the files rewritten. A new file has no layout to keep."""
    changed = subprocess.run(["git", "diff", "--name-only", "--diff-filter=M", base, "--", "webinars/"], cwd=root,
                             capture_output=True, text=True, check=True).stdout.split()
    rewritten = []
    for name in changed:
        kind = kind_of(name)
        if kind is None:
            continue
        original = subprocess.run(["git", "show", f"{base}:{name}"], cwd=root, capture_output=True, text=True,
                                  check=True).stdout
        path = root / name
        edited = path.read_text(encoding="utf-8")
        text = relayout(original, edited, kind)
        if text != edited:
            path.write_text(text, encoding="utf-8")
            rewritten.append(name)
    return rewritten


def same_data(first: str, second: str, kind: type) -> bool:
    """Whether the hub reads two texts as the same valid data (what the site is built from)."""
    models = []
    for text in (first, second):
        try:
            out = Collector("file")
            models.append(build_document(load_text(text), kind, out))
        except YamlSyntaxError:
            return False
        if out.problems or models[-1] is None:
            return False
    return models[0] == models[1]


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long title onto two lines
    yaml.indent(mapping=2, sequence=4, offset=2)  # the staff files' style: "  - item" under its key
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _plain(value: Any) -> Any:
    """A value without its layout, for comparing (a quoted "14:00" and a plain 14:00 are the same text)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()  # a date the editor writes as text reads the same
    return str(value) if isinstance(value, str) else value


def _merge(old: Any, new: Any, hint: Any) -> Any:
    """``new`` written into ``old`` (CommentedMap / CommentedSeq / scalar), keeping old's layout."""
    if _plain(old) == _plain(new):
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        return _merge_map(old, new, hint)
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        if len(old) == len(new):
            for index, item in enumerate(new):
                old[index] = _merge(old[index], item, _item_hint(hint))
            return old
        seq = CommentedSeq(new)
        if old.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    if isinstance(old, QUOTED) and isinstance(new, str):
        return type(old)(new)  # a changed text keeps the quotes the staff used
    return new


def _merge_map(old: CommentedMap, new: dict, hint: Any) -> CommentedMap:
    fields = _fields_of(hint)
    for key in [key for key in old if key not in new]:
        del old[key]
    previous = None
    for key, value in new.items():
        hint_of, field = fields.get(str(key), (None, None))
        if key in old:
            old[key] = _merge(old[key], value, hint_of)
        elif not (field and _is_default(field, value)):
            position = list(old).index(previous) + 1 if previous is not None else 0
            old.insert(position, key, value)
        if key in old:
            previous = key
    return old


def _is_default(field: dataclasses.Field, value: Any) -> bool:
    """A value the editor writes out that the contract gives anyway (status: scheduled, an empty list...)."""
    if field.default is not MISSING:
        return _plain(value) == _plain(field.default) or (value in ("", None) and field.default is None)
    if field.default_factory is not MISSING:
        return _plain(value) in (_plain(field.default_factory()), None)
    return False


def _fields_of(hint: Any) -> dict[str, tuple[Any, dataclasses.Field]]:
    """{name: (its type hint, its field)} of the contract's class at this place of the file (as ``validate``
    walks the contract)."""
    cls = _dataclass_in(hint)
    if cls is None:
        return {}
    hints, fields = _schema_of(cls)
    return {name: (hints[name], field) for name, field in fields.items()}


def _item_hint(hint: Any) -> Any:
    """The type of a list's items (``list[Source]``, inside Optional or Annotated), as ``validate._shape`` reads it."""
    kind, args = _shape(hint)
    if kind == "list":
        return args[0]
    for arg in args if kind in ("annotated", "union") else ():
        found = _item_hint(arg)
        if found is not None:
            return found
    return None
