"""A plain ``mkdocs build --strict``, as a MkDocs user runs it (no ``./hub``, no PYTHONPATH): the hooks
prepare the data themselves and mkdocs-static-i18n's own loop builds every language; the site is the
one ``./hub build`` makes, file for file."""

from __future__ import annotations

import pytest

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from conftest import BUILD_DATE, FIXTURES, LANGS, make_project

pytestmark = pytest.mark.slow  # plain mkdocs build, a whole extra build: not in ./hub test --fast


def digests(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_plain_mkdocs_build_makes_the_hub_site(tmp_path, fixture_site):
    project = make_project(tmp_path / "project", FIXTURES / "hub")
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    environment.update(NO_MKDOCS_2_WARNING="1", HUB_TODAY=BUILD_DATE, SITE_URL="https://example.github.io/webinar-hub/")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=project, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr
    site = tmp_path / "site"
    for lang in LANGS:
        prefix = "" if lang == LANGS[0] else f"{lang}/"
        html = (site / prefix / "webinars" / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
    plain, hub = digests(site), digests(fixture_site)
    assert plain.keys() == hub.keys()
    assert [path for path in plain if plain[path] != hub[path]] == []
