"""The build in worker processes (hooks/hub/build.py): its guards.

That its output equals the one-process build is tested in test_reproducible.py; that a failure in one
language fails the whole build, in test_validation.py.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import BUILD_DATE, FIXTURES, ROOT, make_project


def test_a_language_the_i18n_plugin_does_not_build_is_refused(tmp_path, caplog):
    """The engine is told its language as an argument; one mkdocs.yml does not build is a plain error."""
    from hub.build import EngineError, LanguageJob
    from hub.languages import use
    from hub.settings import load_settings
    from hub_mkdocs_build import MkDocsEngine

    settings = load_settings(make_project(tmp_path / "project", FIXTURES / "hub"))
    with use(settings.languages), pytest.raises(EngineError):
        MkDocsEngine().build_language(LanguageJob(settings, "de", settings.staging, tmp_path / "site", ""))
    assert "'de' is not one of the languages built by the i18n plugin" in caplog.text


def test_jobs_must_be_positive(tmp_path):
    result = subprocess.run([sys.executable, "-m", "hub", "build", "--jobs", "0"], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")}, cwd=tmp_path)
    assert result.returncode == 2
    assert "--jobs must be 1 or more" in result.stderr


def test_the_default_job_count_follows_the_data_size(tmp_path):
    """One process for a site below the measured break-even point, one per core (at most six) above."""
    from hub.build import PARALLEL_FROM_PAGES, chosen_jobs, estimated_pages
    from hub.settings import load_settings

    real = load_settings(make_project(tmp_path / "real"))
    assert estimated_pages(real) < PARALLEL_FROM_PAGES  # 10 webinars, 5 experts: one process is faster
    assert chosen_jobs(real, cores=2) == 1
    assert chosen_jobs(real, cores=8) == 1

    large = load_settings(make_project(tmp_path / "large"))
    template = next((large.root / "webinars").glob("*.yml")).read_text(encoding="utf-8")
    for number in range(PARALLEL_FROM_PAGES // 6):  # file names only are counted: nothing is read
        (large.root / "webinars" / f"2030-01-01-copy-{number}.yml").write_text(template, encoding="utf-8")
    assert estimated_pages(large) >= PARALLEL_FROM_PAGES
    assert chosen_jobs(large, cores=1) == 1
    assert chosen_jobs(large, cores=2) == 2
    assert chosen_jobs(large, cores=16) == 6  # one process per language at most


@pytest.mark.slow  # whole extra builds: not in ./hub test --fast
def test_jobs_overrides_the_choice(tmp_path):
    """``--jobs`` still decides: a small project is built in parallel processes when asked."""
    project = make_project(tmp_path / "project", FIXTURES / "hub")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUB_TODAY": BUILD_DATE,
                   "PYTHONPATH": str(project / "hooks")}
    result = subprocess.run([sys.executable, "-m", "hub", "build", "--jobs", "2", "--site-dir", str(tmp_path / "site")],
                            cwd=project, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "in processes, 2 at a time" in result.stdout
    assert (tmp_path / "site" / "fr" / "index.html").is_file()

