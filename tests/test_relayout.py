"""An edited staff file written back in its original layout (``hub.relayout``): what the browser editor saves
becomes a diff of the lines that changed, with the file's comments, modeline, order and quotes kept.

``editor_style`` writes a file the way Sveltia CMS does (measured in tests/test_editor_browser.py: comments
dropped, flow lists as blocks, "14:00" unquoted, the defaults written out, keys in the contract's order)."""

from __future__ import annotations

import difflib
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT
from hub.relayout import kind_of, relayout, same_data
from hub.schema import Webinar
from hub.yamlload import load_text

DST = FIXTURES / "hub" / "2027-03-28-upcoming-across-dst.yml"
PILOT = ROOT / "webinars" / "2019-09-18-new-tools-arab-countries.yml"


def editor_style(data: dict, defaults: dict | None = None) -> str:
    """The data as the editor writes it: no comments, block lists, no quotes it does not need, defaults added."""
    data = {**data, **(defaults or {})}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=4096)


def plain(value):
    """The hub's reading of a file as plain values (dicts, lists, text, numbers, dates)."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return str(value) if isinstance(value, str) else value


def plain_data(path: Path) -> dict:
    return plain(load_text(path.read_text(encoding="utf-8")))


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


@pytest.mark.parametrize("path", [DST, PILOT], ids=["fixture", "pilot"])
def test_an_edited_title_is_the_only_changed_line(path):
    original = path.read_text(encoding="utf-8")
    data = plain_data(path)
    data["title"]["fr"] += " (modifié)"
    edited = editor_style(data, {"status": "scheduled"})  # a default the original leaves out
    assert len(changed_lines(original, edited)) > 4  # what a reviewer would see without relayout

    restored = relayout(original, edited, Webinar)

    diff = changed_lines(original, restored)
    assert len(diff) == 2 and diff[0].startswith("-  fr: ") and diff[1].startswith("+  fr: "), diff
    assert diff[1].endswith(' (modifié)"') or diff[1].endswith(" (modifié)")
    assert original.splitlines()[0] in restored.splitlines()  # the first comment (the modeline in real files)
    assert same_data(restored, edited, Webinar)


def test_the_schema_modeline_and_every_comment_survive_an_edit():
    original = PILOT.read_text(encoding="utf-8")
    assert original.startswith("# yaml-language-server: $schema=")
    data = plain_data(PILOT)
    data["stats"]["participants"] = 78
    restored = relayout(original, editor_style(data), Webinar)
    comments = [line for line in original.splitlines() if "#" in line and "participants" not in line]
    assert all(line in restored.splitlines() for line in comments)
    assert changed_lines(original, restored) == ["-  participants: 77", "+  participants: 78"]


def test_a_new_field_goes_where_the_editor_put_it_and_a_removed_one_goes():
    original = DST.read_text(encoding="utf-8")
    data = plain_data(DST)
    del data["report"]
    data = {**{key: value for key, value in data.items() if key != "format"}}
    items = list(data.items())
    at = [key for key, _ in items].index("duration") + 1
    data = dict(items[:at] + [("format", "hybrid")] + items[at:])
    restored = relayout(original, editor_style(data), Webinar)
    lines = restored.splitlines()
    assert "format: hybrid" in lines and lines.index("format: hybrid") == lines.index("duration: 60") + 1
    assert "report:" not in lines and "interpretation: [en, es]" in lines  # an untouched flow list stays
    assert same_data(restored, editor_style(data), Webinar)


def test_a_changed_list_keeps_its_flow_style_and_a_changed_item_its_comments():
    original = DST.read_text(encoding="utf-8")
    data = plain_data(DST)
    data["interpretation"] = ["en", "es", "ar"]
    data["registration"]["closes"] = date(2027, 3, 26)
    restored = relayout(original, editor_style(data), Webinar)
    assert changed_lines(original, restored) == ["-interpretation: [en, es]", "+interpretation: [en, es, ar]",
                                                 "-  closes: 2027-03-25", "+  closes: 2027-03-26"]


def test_defaults_written_out_by_the_editor_are_left_out_but_a_real_change_is_kept():
    original = DST.read_text(encoding="utf-8")
    data = plain_data(DST)
    same = relayout(original, editor_style(data, {"status": "scheduled"}), Webinar)
    assert same == original
    cancelled = relayout(original, editor_style(data, {"status": "cancelled"}), Webinar)
    assert changed_lines(original, cancelled) == ["+status: cancelled"]


@pytest.mark.parametrize("edited", [
    "title: [not, a, map]\n",            # data the hub refuses: the editor's text is kept (the check reports it)
    "series: demo-series\n  bad: indent\n",  # not YAML
    "",                                   # empty
], ids=["invalid-data", "broken-yaml", "empty"])
def test_whatever_cannot_be_relaid_is_kept_as_the_editor_wrote_it(edited):
    original = DST.read_text(encoding="utf-8")
    assert relayout(original, edited, Webinar) == edited


def test_an_original_ruamel_would_rewrite_is_not_touched():
    """A layout the round trip would not reproduce (here: a list indented without an offset) is left to the
    editor's text rather than half-restyled."""
    original = "series: demo-series\nnumber: 2\ntitle:\n  fr: Titre\nlanguage: fr\ndate: 2027-03-28\n" \
               "experts:\n- jean-exemple\n"
    edited = editor_style({**plain(load_text(original)), "number": 3})
    assert relayout(original, edited, Webinar) == edited


@pytest.mark.parametrize("path, kind", [("webinars/a.yml", "Webinar"), ("webinars/experts/a.yml", "Expert"),
                                        ("webinars/series/a.yml", "Series"), ("webinars/files/a.yml", None),
                                        ("docs/a.yml", None), ("webinars/a.md", None)])
def test_the_kind_of_a_file_follows_its_folder(path, kind):
    found = kind_of(path)
    assert (found.__name__ if found else None) == kind


def test_the_command_relays_the_files_an_edit_changed(tmp_path):
    """``./hub relayout --base REF``: every data file changed since REF is written back in REF's layout."""
    repo = tmp_path / "repo"
    (repo / "webinars").mkdir(parents=True)
    original = DST.read_text(encoding="utf-8")
    (repo / "webinars" / DST.name).write_text(original, encoding="utf-8")
    git = lambda *args: subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)  # noqa: E731
    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "x", "--allow-empty")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "original")
    data = plain_data(DST)
    data["duration"] = 90
    (repo / "webinars" / DST.name).write_text(editor_style(data, {"status": "scheduled"}), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "hub", "relayout", "--base", "main"], cwd=repo,
                            capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert f"webinars/{DST.name}" in result.stdout
    assert changed_lines(original, (repo / "webinars" / DST.name).read_text(encoding="utf-8")) == \
        ["-duration: 60", "+duration: 90"]
