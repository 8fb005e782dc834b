"""The pinned dependencies install on every Python the README promises: 3.11.0 and newer.

A fresh Debian 12 machine has Python 3.11.2 as python3. Releases of pymdown-extensions (13) and soupsieve (3.0.2
and later) ask for 3.11.5 or newer (re's possessive quantifiers are broken before it), so pinning them made
`./hub build` fail there before anything was built. Each pin's own metadata says which Pythons it installs on.
"""

from __future__ import annotations

import re
from importlib import metadata

from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import ROOT

OLDEST_PYTHON = "3.11.0"  # the hub script's own check: sys.version_info < (3, 11)
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#]+)")


def pins() -> dict[str, str]:
    """{distribution name: pinned version} of requirements.txt and requirements-test.txt."""
    found = {}
    for name in ("requirements.txt", "requirements-test.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            match = PIN.match(line.strip())
            if match:
                found[canonicalize_name(match[1])] = match[2]
    return found


def test_the_hub_script_asks_for_the_oldest_python_the_pins_allow():
    assert "sys.version_info < (3, 11)" in (ROOT / "hub").read_text(encoding="utf-8")
    assert len(pins()) > 30, pins()


def test_every_pinned_release_installs_on_the_oldest_python_promised():
    problems = []
    for name, version in sorted(pins().items()):
        try:
            installed = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name}=={version} is pinned but not installed in the test environment")
            continue
        if Version(installed["Version"]) != Version(version):
            problems.append(f"{name}: {installed['Version']} is installed, {version} is pinned")
        requires = installed.get("Requires-Python")
        if requires and OLDEST_PYTHON not in SpecifierSet(requires):
            problems.append(f"{name}=={version} requires Python {requires}: it does not install on {OLDEST_PYTHON}")
    assert not problems, "\n  ".join(["pins that break `./hub` on an older Python 3.11:", *problems])
