"""``./hub check``: exit codes and located messages on good and bad data; the pre-commit hooks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT, make_project

# Every problem line: two spaces, then file:line:col: field: message (or file:line:col: message).
PROBLEM = re.compile(r"^  (?P<file>webinars/[\w ./-]+\.yml):(?P<line>\d+):(?P<col>\d+): (?P<rest>.+)$")


def hub_check(project: Path) -> subprocess.CompletedProcess:
    """``python -m hub check`` with the project's own copy of the hooks: its ROOT is the project."""
    environment = {**os.environ, "PYTHONPATH": str(project / "hooks")}
    return subprocess.run([sys.executable, "-m", "hub", "check"], cwd=project, env=environment,
                          capture_output=True, text=True, timeout=120)


def problems(result: subprocess.CompletedProcess) -> list[str]:
    lines = result.stderr.splitlines()
    assert re.fullmatch(r"\d+ problems? in the webinar data:", lines[0]), result.stderr
    for line in lines[1:]:
        assert PROBLEM.match(line), f"not in the file:line:col: field: message format: {line!r}"
    return [line.strip() for line in lines[1:]]


@pytest.mark.parametrize("data", [ROOT / "webinars", FIXTURES / "hub"], ids=["real", "fixture"])
def test_good_data_exits_zero(tmp_path, data):
    count = {folder: len(list((data / folder).glob("*.yml"))) for folder in ("", "experts", "series")}
    summary = f"ok: {count['']} webinars, {count['experts']} experts, {count['series']} series"
    result = hub_check(make_project(tmp_path / "p", data))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == summary
    assert result.stderr == ""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bad_data_exits_one_with_every_problem_located(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "hub")
    data = project / "webinars"
    edit(data / "2027-03-28-upcoming-across-dst.yml", "date: 2027-03-28", "date: 2027-02-30")
    edit(data / "2027-06-10-upcoming-bogota.yml", "date:", "dat:")  # date is required (language is not)
    edit(data / "experts" / "ada-example.yml", "country: KE", "country: Kenya")
    (data / "Bad Name.yml").write_text("series: demo-series\n", encoding="utf-8")
    result = hub_check(project)
    assert result.returncode == 1
    assert result.stdout == ""
    found = problems(result)
    assert len(found) == 5, found
    assert found[0].startswith("webinars/2027-03-28-upcoming-across-dst.yml:7:7: date: '2027-02-30' is not a real calendar date")
    assert any(re.match(r"webinars/2027-06-10-upcoming-bogota\.yml:\d+:1: dat: unknown field; did you mean 'date'\?", f)
               for f in found), found
    assert any(re.match(r"webinars/2027-06-10-upcoming-bogota\.yml:\d+:1: date: is missing", f) for f in found), found
    assert any(re.match(r"webinars/experts/ada-example\.yml:\d+:10: country: must be a two-letter ISO country code", f)
               for f in found), found
    assert any(f.startswith("webinars/Bad Name.yml:1:1: file name 'Bad Name'") for f in found), found
    assert result.stderr.splitlines()[0] == "5 problems in the webinar data:"


@pytest.mark.parametrize("breakage,expected", [
    ("title:\n  en: [unclosed\n", r"webinars/2019-12-17-ip-strategy\.yml:\d+:\d+: malformed YAML"),
    ("number: 1\n", r"webinars/2019-12-17-ip-strategy\.yml:\d+:1: (number: )?duplicate key 'number'|number 1 is already used"),
    ("experts: [nobody-known]\n", r"webinars/2019-12-17-ip-strategy\.yml:\d+:\d+: experts\[0\]: unknown expert 'nobody-known'"),
    ('start: "14:00"\n', r"start: start and timezone go together"),
])
def test_each_kind_of_problem_is_reported(tmp_path, breakage, expected):
    project = make_project(tmp_path / "p")
    path = project / "webinars" / "2019-12-17-ip-strategy.yml"
    path.write_text(path.read_text(encoding="utf-8") + breakage, encoding="utf-8")
    result = hub_check(project)
    assert result.returncode == 1
    assert any(re.search(expected, line) for line in problems(result)), result.stderr


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],  # cut off: not JSON any more
    lambda text: text.replace('"required"', '"requird"', 1),  # valid JSON, but no longer the contract
    lambda text: "",
])
def test_an_editor_schema_file_edited_by_hand_fails_the_check(tmp_path, damage):
    project = make_project(tmp_path / "p", FIXTURES / "hub")
    shutil.copytree(ROOT / "webinars" / "schema", project / "webinars" / "schema", dirs_exist_ok=True)
    assert hub_check(project).returncode == 0
    schema = project / "webinars" / "schema" / "webinar.schema.json"
    schema.write_text(damage(schema.read_text(encoding="utf-8")), encoding="utf-8")
    result = hub_check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "1 editor schema file not as ./hub schema writes it:",
        "  webinars/schema/webinar.schema.json: run ./hub schema and commit the result (these files are generated "
        "from hooks/hub/schema.py; edit that instead)"]


def test_unknown_hub_command_prints_usage():
    result = subprocess.run(["bash", str(ROOT / "hub"), "no-such-command"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    for command in ("build", "serve", "test", "check", "new", "schema"):
        assert f"./hub {command}" in result.stderr


# ------------------------------------------------------------------------------------ pre-commit


def precommit_hooks() -> dict[str, dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_precommit_runs_hub_check_on_data_changes():
    hook = precommit_hooks()["hub-check"]
    assert hook["entry"] == "./hub check" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "webinars/2019-12-17-ip-strategy.yml")
    assert re.search(hook["files"], "webinars/experts/ada-example.yml")
    assert not re.search(hook["files"], "docs/about.en.md")


@pytest.mark.parametrize("hook_id,kind,sample", [
    ("schema-webinars", "webinar", "webinars/2019-12-17-ip-strategy.yml"),
    ("schema-series", "series", "webinars/series/pilot-2019.yml"),
    ("schema-experts", "expert", "webinars/experts/ada-example.yml"),
])
def test_precommit_schema_hooks_validate_their_files(tmp_path, hook_id, kind, sample):
    """Run each check-jsonschema hook's entry as pre-commit would, on good and on broken files."""
    hook = precommit_hooks()[hook_id]
    assert hook["additional_dependencies"] == ["check-jsonschema==0.39.0"]
    assert re.search(hook["files"], sample)
    assert f"webinars/schema/{kind}.schema.json" in hook["entry"]
    others = {"schema-webinars": "webinars/series/pilot-2019.yml", "schema-series": "webinars/2019-12-17-ip-strategy.yml",
              "schema-experts": "webinars/series/pilot-2019.yml"}
    assert not re.search(hook["files"], others[hook_id])
    project = make_project(tmp_path / "p", FIXTURES / "hub")
    shutil.copytree(ROOT / "webinars" / "schema", project / "webinars" / "schema", dirs_exist_ok=True)
    files = [str(p.relative_to(project)) for p in sorted((project / "webinars").rglob("*.yml"))
             if re.search(hook["files"], str(p.relative_to(project)))]
    assert files
    executable, *arguments = hook["entry"].split()
    command = [str(Path(sys.executable).parent / executable), *arguments]
    good = subprocess.run([*command, *files], cwd=project, capture_output=True, text=True, timeout=120)
    assert good.returncode == 0, good.stdout + good.stderr
    broken = project / files[0]
    broken.write_text(broken.read_text(encoding="utf-8") + "unexpected_field: 1\n", encoding="utf-8")
    bad = subprocess.run([*command, *files], cwd=project, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert "unexpected_field" in bad.stdout + bad.stderr
