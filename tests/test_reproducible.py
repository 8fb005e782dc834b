"""Two builds of the same project, with the same SOURCE_DATE_EPOCH and HUB_TODAY, are byte-identical,
whether one process builds every language or one process per language does."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import BUILD_DATE, FIXTURES, build, make_project

SOURCE_DATE_EPOCH = "1780272000"  # 2026-06-01T00:00:00Z, the tests' build date


def digests(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    project = make_project(tmp_path / "project", FIXTURES / "hub")  # the fixture data uses every feature
    trees = []
    for name, jobs in (("sequential", 1), ("parallel", 3)):
        result = build(project, tmp_path / name, jobs=jobs, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, HUB_TODAY=BUILD_DATE)
        assert result.returncode == 0, result.stderr[-4000:]
        trees.append(digests(tmp_path / name))
    first, second = trees
    assert len(first) > 50
    assert first.keys() == second.keys(), sorted(first.keys() ^ second.keys())[:20]
    differing = sorted(path for path in first if first[path] != second[path])
    assert not differing, f"{len(differing)} files differ between two builds: {differing[:20]}"


def test_two_zensical_builds_are_byte_identical(tmp_path):
    """The second engine too: a build from nothing and one from Zensical's cache give the same files."""
    import os
    import subprocess
    import sys

    import pytest

    pytest.importorskip("zensical")
    project = make_project(tmp_path / "project", FIXTURES / "hub")
    environment = {**os.environ, "HUB_TODAY": BUILD_DATE, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
                   "SITE_URL": "https://example.github.io/webinar-hub/", "PYTHONPATH": str(project / "hooks")}
    trees = []
    for name in ("first", "second"):
        result = subprocess.run([sys.executable, "-m", "hub", "build", "--engine", "zensical", "--site-dir",
                                 str(tmp_path / name)], cwd=project, env=environment, capture_output=True, text=True)
        assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
        trees.append(digests(tmp_path / name))
    first, second = trees
    assert len(first) > 50 and first.keys() == second.keys()
    assert not [path for path in first if first[path] != second[path]]
