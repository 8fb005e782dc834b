"""Two builds of the same project, with the same SOURCE_DATE_EPOCH and HUB_TODAY, are byte-identical,
whether one process builds every language or one process per language does."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest

from conftest import BUILD_DATE, FIXTURES, build, make_project

pytestmark = pytest.mark.slow  # whole extra builds: not in ./hub test --fast

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
    check_pages(tmp_path / "sequential")  # the one-process build, read directly too
    first, second = trees
    assert len(first) > 50
    assert first.keys() == second.keys(), sorted(first.keys() ^ second.keys())[:20]
    differing = sorted(path for path in first if first[path] != second[path])
    assert not differing, f"{len(differing)} files differ between two builds: {differing[:20]}"


def check_pages(site: Path) -> None:
    """What a build must hold, read directly (not only by comparison with another build): every language's
    pages in its language and direction, each with its own search index (Pagefind's), the English 404 page at the root,
    and the files that belong to no language."""
    import json

    from bs4 import BeautifulSoup

    from conftest import LANGS, lang_url
    from conftest import LANGUAGES

    slugs = sorted(p.stem for p in (FIXTURES / "hub").glob("*.yml"))
    for lang in LANGS:
        for path in ["", "webinars/", "experts/ada-example/", *(f"webinars/{slug}/" for slug in slugs)]:
            file = site / lang_url(lang, path) / "index.html"
            assert file.is_file(), file
            soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
            assert soup.html["lang"] == lang and soup.body["dir"] == ("rtl" if LANGUAGES.by_code[lang].rtl else "ltr"), \
                (lang, path)
        entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"][lang]["page_count"] > 0  # Pagefind's index of the language
        assert (site / "embed" / f"upcoming.{lang}.html").is_file()
    assert not (site / "en").exists()  # the default language is the root
    root_404 = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "lxml")
    assert root_404.html["lang"] == "en" and len(root_404.select(".hub-not-found section")) == len(LANGS)
    for name in ("sitemap.xml", "webinars.ics", "feed.xml", "embed/upcoming.json"):
        assert (site / name).is_file(), name


def test_two_zensical_builds_are_byte_identical(tmp_path):
    """The second engine too: a build from nothing and one from Zensical's cache give the same files."""
    import os
    import subprocess
    import sys

    import zensical  # noqa: F401  (pinned in requirements.txt: a missing engine fails, never skips)

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


def test_jobs_1_builds_every_language_in_turn_in_one_process_that_frees_its_memory(tmp_path):
    """``--jobs 1`` prepares once, then tells the engine each language in turn, in one process, the
    default language first (no process started per language, no environment, no stamp file). Where the
    system can fork, that process is a forked child, so that its memory is freed before the search index
    runs: not this process. That it writes the right site is checked above (check_pages)."""
    import json
    import multiprocessing
    import os

    from conftest import LANGS, SETTINGS
    from hub import build as hub_build

    log = tmp_path / "told.jsonl"  # written by the engine: the child's memory is gone when it ends

    class Recorder:
        name = "recorder"

        def build_language(self, job):
            told = [job.language, os.getpid(), bool(job.not_found), any(job.staging.glob("webinars/*.md"))]
            with log.open("a", encoding="utf-8") as out:
                out.write(json.dumps(told) + "\n")
            target = job.site_dir if job.language == SETTINGS.languages.default else job.site_dir / job.language
            target.mkdir(parents=True)
            (target / "index.html").write_text(job.language, encoding="utf-8")

    project = make_project(tmp_path / "project")
    settings = dataclasses.replace(SETTINGS, root=project, config_file=project / "mkdocs.yml")
    assert hub_build.build(settings, tmp_path / "site", Recorder(), jobs=1) == 0
    told = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [language for language, *_ in told][0] == "en" and sorted(language for language, *_ in told) == sorted(LANGS)
    pids = {pid for _, pid, _, _ in told}
    assert len(pids) == 1  # one process for every language
    assert (os.getpid() not in pids) == ("fork" in multiprocessing.get_all_start_methods())
    assert [has_404 for _, _, has_404, _ in told] == [True] + [False] * (len(LANGS) - 1)  # one 404 page
    assert all(staged for *_, staged in told)  # prepared before any language is built
    assert (tmp_path / "site" / "fr" / "index.html").read_text(encoding="utf-8") == "fr"
    assert (tmp_path / "site" / "sitemap.xml").is_file()  # the files of no language, written by the core