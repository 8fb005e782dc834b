"""The suite's own promises: a missing tool fails the run in CI and is counted in the last line elsewhere;
``./hub test`` run as root installs the Debian packages the tests need; no test skips on its own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from browser_support import require_chromium
from conftest import ROOT

PROBE = "tests/test_suite.py::test_chromium_is_there"


@pytest.mark.browser
def test_chromium_is_there():
    """The smallest browser test: the probe that the tests below run in a pytest of their own."""
    assert Path(require_chromium()).is_file()


def run_probe(**env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "CI"}
    environment.update({"HUB_CHROMIUM": "/nonexistent", "PYTHONPATH": str(ROOT / "hooks"), **env})
    return subprocess.run([sys.executable, "-m", "pytest", PROBE, "-q", "-p", "no:cacheprovider"], cwd=ROOT,
                          env=environment, capture_output=True, text=True, timeout=120)


def test_the_last_line_counts_what_did_not_run_and_gives_the_command():
    result = run_probe()
    assert result.returncode == 0, result.stdout[-2000:]
    last = result.stdout.strip().splitlines()[-1]
    command = "./hub test (as root it installs chromium)" if os.geteuid() == 0 else \
        "sudo apt-get install -y chromium && ./hub test"
    assert last == (f"NOT RUN: 1 test did not run (Debian's chromium (/nonexistent) missing); to run them: "
                    f"{command}"), result.stdout[-2000:]


def test_in_ci_a_missing_tool_fails_the_run():
    result = run_probe(CI="true")
    assert result.returncode == 1, result.stdout[-2000:]
    assert "Debian's chromium (/nonexistent) is missing" in result.stdout
    assert "NOT RUN" not in result.stdout.strip().splitlines()[-1]


def system_packages(tmp_path: Path, uid: int, **env: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run the ``system_packages`` function of ./hub with a fake ``id`` and ``apt-get`` and nothing else on PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt-get.log"
    (bin_dir / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$DEBIAN_FRONTEND $*" >> {log}\n')
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    hub = (ROOT / "hub").read_text(encoding="utf-8")
    function = re.search(r"^system_packages\(\) \{.*?^\}$", hub, re.M | re.S).group(0)
    result = subprocess.run(["/bin/bash", "-c", f"{function}\nsystem_packages"], cwd=ROOT, capture_output=True,
                            text=True, env={"PATH": str(bin_dir), "HUB_CHROMIUM": "/nonexistent", **env})
    return result, (log.read_text().splitlines() if log.exists() else [])


def test_hub_test_as_root_installs_the_missing_packages_without_asking(tmp_path):
    result, calls = system_packages(tmp_path, 0)
    assert result.returncode == 0, result.stderr
    assert calls == ["noninteractive update -q", "noninteractive install -y -q chromium default-jre-headless npm"]
    assert "installing chromium default-jre-headless npm" in result.stderr


def test_hub_test_installs_only_as_root_and_only_what_is_missing(tmp_path):
    (tmp_path / "user").mkdir()
    result, calls = system_packages(tmp_path / "user", 1000)
    assert result.returncode == 0 and calls == []  # not root: the tests say what is missing instead
    (tmp_path / "root").mkdir()
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    result, calls = system_packages(tmp_path / "root", 0, HUB_CHROMIUM=str(chromium))
    assert calls[-1] == "noninteractive install -y -q default-jre-headless npm"  # chromium is there


def test_no_test_skips_on_its_own():
    """Tests that need a tool call browser_support's require_* or missing(): failing in CI, counted elsewhere."""
    found = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        if path.name == "browser_support.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"pytest\.(skip|importorskip)\(|mark\.skip(if)?\b", line):
                found.append(f"{path.name}:{number}: {line.strip()}")
    assert found == []


def test_what_starts_a_browser_or_java_is_outside_the_fast_tier():
    """`./hub test --fast` is `-m "not browser and not slow"`: a module that starts Chromium (the ``browser``
    fixture, require_chromium, Lighthouse) is marked browser, one that starts Java is marked slow."""
    hub = (ROOT / "hub").read_text(encoding="utf-8")
    assert '-m "not browser and not slow"' in hub
    found = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        source = path.read_text(encoding="utf-8")
        if re.search(r"def test_\w+\([^)]*\bbrowser\b|require_chromium\(|lighthouse\.mjs", source) \
                and "mark.browser" not in source:
            found.append(f"{path.name} starts Chromium but is not marked browser")
        if re.search(r"require_java\(|vnu_jar\(", source) and "mark.slow" not in source:
            found.append(f"{path.name} starts Java but is not marked slow")
    assert found == []
