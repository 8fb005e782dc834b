"""``./hub new``: the scaffold writes valid, commented files, refuses to overwrite, and refuses bad answers."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, FormatChecker

from conftest import FIXTURES, ROOT, build_in_process, small_project
from hub.catalog import load_catalog
from hub.schema import Webinar
from hub.yamlload import load_file


def data_copy(tmp_path: Path) -> Path:
    """A project root holding a copy of the fixture data (series demo-series, numbers 1 to 4)."""
    root = tmp_path / "project"
    (root).mkdir()
    import shutil

    shutil.copytree(FIXTURES / "hub", root / "webinars")
    return root


def hub_new(root: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    return subprocess.run([sys.executable, "-m", "hub", "new", "--root", str(root), *args],
                          input=stdin, capture_output=True, text=True, env=environment, timeout=120)


def schema_validator(kind: str) -> Draft7Validator:
    schema = json.loads((ROOT / "webinars" / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema, format_checker=FormatChecker())


FLAGS = ("--series", "demo-series", "--date", "2027-09-15", "--language", "es",
         "--title", "Cómo proteger una marca: guía práctica", "--no-input")


def test_new_webinar_is_valid_commented_and_numbered(tmp_path):
    root = data_copy(tmp_path)
    numbers = [load_file(p)["number"] for p in (root / "webinars").glob("*.yml") if load_file(p)["series"] == "demo-series"]
    result = hub_new(root, *FLAGS)
    assert result.returncode == 0, result.stderr
    path = root / "webinars" / "2027-09-15-como-proteger-una-marca-guia-practica.yml"
    assert path.is_file(), result.stdout
    assert "created webinars/2027-09-15-como-proteger-una-marca-guia-practica.yml" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=schema/webinar.schema.json"
    # Every field of the contract is there: the essentials set, the optional ones commented out.
    for spec in dataclasses.fields(Webinar):
        assert f"\n{spec.name}:" in text or f"\n#{spec.name}:" in text, spec.name
    data = load_file(path)
    assert data == {"series": "demo-series", "number": max(numbers) + 1,
                    "title": {"es": "Cómo proteger una marca: guía práctica"}, "language": "es", "date": "2027-09-15"}
    assert list(schema_validator("webinar").iter_errors(data)) == []
    entry = load_catalog(root).webinars[path.stem]
    assert entry.data.number == max(numbers) + 1


def test_the_site_builds_with_a_scaffolded_webinar(tmp_path):
    project = small_project(tmp_path / "site-project", ("en", "es"))
    result = hub_new(project, *FLAGS[:-1], "--slug", "2027-09-15-marcas", "--no-input")
    assert result.returncode == 0, result.stderr
    page = build_in_process(project) / "es" / "webinars" / "2027-09-15-marcas" / "index.html"
    assert page.is_file()
    assert "Cómo proteger una marca" in page.read_text(encoding="utf-8")


def test_uncommenting_sections_keeps_the_structure(tmp_path):
    """The commented sections are real YAML once un-commented: the structure follows the contract."""
    root = data_copy(tmp_path)
    assert hub_new(root, *FLAGS).returncode == 0
    path = next((root / "webinars").glob("2027-09-15-*.yml"))
    field_line = re.compile(r"#( *)(- )?[a-z_]+:( |$)|#( *)-$")  # '#region:', '#  url:   # ...', '#  -'
    uncommented = "\n".join(line[1:] if field_line.match(line) else line
                            for line in path.read_text(encoding="utf-8").splitlines())
    data = load_file_text(uncommented)
    assert set(data) == {f.name for f in dataclasses.fields(Webinar)}
    assert set(data["recording"]) == {"url", "duration", "captions", "transcripts", "published"}
    assert isinstance(data["organizers"], list) and set(data["organizers"][0]) == {"role", "name"}
    assert set(data["region"]) == {"es"}  # the sections are offered in the webinar's language


def load_file_text(text: str):
    from hub.yamlload import load_text

    return load_text(text)


def test_interactive_answers_are_asked_again_until_valid(tmp_path):
    root = data_copy(tmp_path)
    answers = "\n".join([
        "no-such-series", "demo-series",          # unknown series, then a known one
        "2027-02-30", "2027-10-01",               # an impossible date, then a real one
        "de", "zh",                               # not one of the six languages
        "<b>bold</b>", "知识产权审计",             # HTML refused; a title in Chinese
        "",                                       # accept the suggested file name
    ]) + "\n"
    result = hub_new(root, stdin=answers)
    assert result.returncode == 0, result.stderr
    assert "unknown series 'no-such-series'" in result.stderr
    assert "'2027-02-30' is not a real calendar date" in result.stderr
    assert "language: must be one of" in result.stderr
    assert "must be plain text without HTML" in result.stderr
    path = root / "webinars" / "2027-10-01-demo-series-5.yml"  # non-Latin title: date, series and number
    assert path.is_file(), result.stdout
    assert load_file(path)["title"] == {"zh": "知识产权审计"}
    load_catalog(root)


def test_refuses_to_overwrite(tmp_path):
    root = data_copy(tmp_path)
    existing = root / "webinars" / "2027-06-10-upcoming-bogota.yml"
    before = existing.read_bytes()
    result = hub_new(root, *FLAGS[:-1], "--slug", existing.stem, "--no-input")
    assert result.returncode == 1
    assert "webinars/2027-06-10-upcoming-bogota.yml already exists" in result.stderr
    assert existing.read_bytes() == before
    # And a second scaffold of the same webinar is refused too.
    assert hub_new(root, *FLAGS).returncode == 0
    again = hub_new(root, *FLAGS)
    assert again.returncode == 1 and "already exists" in again.stderr


@pytest.mark.parametrize("option,value,message", [
    ("--date", "2027-13-01", "not a real calendar date"),
    ("--date", "15/09/2027", "expected a date YYYY-MM-DD"),
    ("--language", "english", "must be one of"),
    ("--series", "Demo Series", "lower-case letters, digits and hyphens"),
    ("--series", "other-series", "unknown series 'other-series'"),
    ("--title", "   ", "must not be empty"),
    ("--title", "A <script> title", "without HTML"),
    ("--title", "x" * 301, "is too long"),
    ("--slug", "My Webinar", "lower-case letters, digits and hyphens"),
    ("--slug", "../escape", "lower-case letters, digits and hyphens"),
])
def test_bad_answers_are_refused(tmp_path, option, value, message):
    root = data_copy(tmp_path)
    before = sorted(p.name for p in (root / "webinars").iterdir())
    flags = dict(zip(FLAGS[:-1:2], FLAGS[1:-1:2]))
    flags[option] = value
    result = hub_new(root, *[item for pair in flags.items() for item in pair], "--no-input")
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith("error: ") and message in result.stderr, result.stderr
    assert sorted(p.name for p in (root / "webinars").iterdir()) == before


def test_missing_answer_without_input_is_refused(tmp_path):
    root = data_copy(tmp_path)
    result = hub_new(root, "--series", "demo-series", "--no-input")
    assert result.returncode == 1 and "missing answer" in result.stderr
    closed = hub_new(root, "--series", "demo-series", stdin="")  # end of input while asking
    assert closed.returncode == 1 and "end of input" in closed.stderr


def test_new_expert_is_valid_with_its_modeline(tmp_path):
    root = data_copy(tmp_path)
    result = hub_new(root, "expert", "--name", "Grace Exemplo", "--no-input")
    assert result.returncode == 0, result.stderr
    path = root / "webinars" / "experts" / "grace-exemplo.yml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/expert.schema.json"
    assert list(schema_validator("expert").iter_errors(load_file(path))) == []
    assert load_catalog(root).experts["grace-exemplo"].data.name == "Grace Exemplo"
    again = hub_new(root, "expert", "--name", "Grace Exemplo", "--no-input")
    assert again.returncode == 1 and "already exists" in again.stderr


def test_a_series_that_numbers_none_of_its_webinars_gets_no_invented_number(tmp_path):
    """The later series (2024, 2025) has no numbers in its sources: a new webinar of it gets none either."""
    from conftest import make_project
    from hub.catalog import load_catalog
    from hub.scaffold import new_webinar

    project = make_project(tmp_path / "p")
    path = new_webinar(project, date="2026-10-01", language="en", series="technical-assistance-webinars",
                       title="A new session", interactive=False, stdout=io.StringIO(), stderr=io.StringIO())
    assert "\nnumber:" not in path.read_text()
    assert load_catalog(project).webinars[path.stem].data.number is None
