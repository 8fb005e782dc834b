"""Shared fixtures: build whole sites (the real data, and fictional fixture data) and parse their pages."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser_support import browser, served  # noqa: F401  (the browser tests' fixtures, for every module)
from hub.languages import activate
from hub.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
# The test session is an entry point: the repository's settings, read once. Its languages are active
# for the tests that call the pipeline's parts directly; a build passes its own (hub.build.build).
SETTINGS = load_settings(ROOT)
LANGUAGES = SETTINGS.languages
activate(LANGUAGES)
LANGS = LANGUAGES.codes  # the languages of mkdocs.yml, the default one first
# A fixed build date: every pilot webinar (2019) is past, the fixture's 2027 webinars are upcoming.
BUILD_DATE = "2026-06-01"
SITE_URL = "https://example.github.io/webinar-hub/"  # where the test sites say they are served


def sample_pages_of(data: Path | None = None) -> dict[str, str]:
    """``hub.pages.sample_pages`` of the site built from the repository's docs and ``data`` (default: its
    own webinars/), as the session's sites are: one page of each type, by kind ("webinars", "expert",
    "upcoming", …), site-relative, in the default language."""
    import tempfile
    from datetime import date

    from hub.pages import sample_pages

    today = date.fromisoformat(BUILD_DATE)
    if data is None:
        return sample_pages(ROOT, today)
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "docs").symlink_to(ROOT / "docs")
        shutil.copytree(data, Path(folder) / "webinars")
        return sample_pages(Path(folder), today)


# One page of each type of the sites the browser tests visit (real_site, fixture_site), by kind.
SAMPLES = {"real_site": sample_pages_of(), "fixture_site": sample_pages_of(FIXTURES / "hub")}


def make_project(target: Path, data: Path | None = None) -> Path:
    """A copy of the repository's site sources, with ``data`` as its webinars/ folder when given."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target)
    for folder in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data or ROOT / "webinars", target / "webinars")
    return target


def only_languages(project: Path, codes: tuple[str, ...]) -> Path:
    """Keep only ``codes`` of a project's languages (mkdocs.yml and docs/, the default one first): a smaller
    site for a test whose claim needs no more languages. The data may keep texts in the others."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    entry = r"(?m)^        - locale: (\w+)\n(?:          .*\n)+"
    assert set(re.findall(entry, text)) == set(LANGS) and codes[0] == LANGS[0], codes
    kept = "|".join(codes)
    text = re.sub(rf"(?m)^        - locale: (?!(?:{kept})\n)\w+\n(?:          .*\n)+", "", text)
    config.write_text(text, encoding="utf-8")
    for path in (project / "docs").glob("*.md"):
        if path.stem.rsplit(".", 1)[-1] not in codes:
            path.unlink()
    return project


def small_project(target: Path, codes: tuple[str, ...], files: dict[str, str] | None = None) -> Path:
    """A project in ``codes`` only (``only_languages``) whose data is ``files`` (path under webinars/ → YAML),
    by default one fictional series and one fictional webinar titled in those languages: what a test of the
    site's frame (footer, sitemap, a scaffolded file, a configured option) needs, built in seconds."""
    project = only_languages(make_project(target), codes)
    data = project / "webinars"
    for path in [*data.glob("*.yml"), *(data / "experts").glob("*.yml"), *(data / "series").glob("*.yml")]:
        path.unlink()
    texts = lambda text: "".join(f"  {code}: {text} ({code})\n" for code in codes)  # noqa: E731
    files = files or {
        "series/demo-series.yml": f"# Fictional.\ntitle:\n{texts('A fictional series')}period: 2027\n",
        "2027-03-04-a-fictional-webinar.yml": f"# Fictional.\nseries: demo-series\nnumber: 1\ntitle:\n"
                                              f"{texts('A fictional webinar')}language: {codes[-1]}\ndate: 2027-03-04\n",
    }
    for name, text in files.items():
        (data / name).write_text(text, encoding="utf-8")
    return project


def build_in_process(project: Path, site: Path | None = None) -> Path:
    """Build a (small) project inside the test process, as ``./hub build`` does but one language after the
    other: ``hub.build.build`` with the MkDocs engine and the project's own settings."""
    from hub.build import build as build_site
    from hub.settings import load_settings
    from hub_mkdocs_build import MkDocsEngine

    site = site or project / "site"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (("HUB_TODAY", BUILD_DATE), ("SITE_URL", SITE_URL), ("NO_MKDOCS_2_WARNING", "1")):
            patch.setenv(name, value)
        assert build_site(load_settings(project), site, MkDocsEngine(), jobs=1) == 0
    return site


def build(project: Path, site: Path | None = None, jobs: int = 2, **env: str) -> subprocess.CompletedProcess:
    """Build a project as ``./hub build`` does; return the finished process (never raises).

    ``jobs=2``: one ``mkdocs build --strict`` per language, two at a time (what ``./hub build`` runs on
    the deployment's two-core machines); ``jobs=1``: one ``mkdocs build --strict`` for all languages.
    """
    site = site or project / "site"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUB_TODAY": BUILD_DATE,
                   "SITE_URL": SITE_URL, "PYTHONPATH": str(project / "hooks"), **env}
    return subprocess.run(
        [sys.executable, "-m", "hub", "build", "--jobs", str(jobs), "--site-dir", str(site)],
        cwd=project, env=environment, capture_output=True, text=True,
    )


def built_site(project: Path) -> Path:
    result = build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"


def shared_site(tmp_path_factory, name: str, data: Path | None = None) -> Path:
    """A site built once per test run, however many workers or sessions run it (``./hub test`` runs several):
    the first worker to ask builds it under a lock in the folder all workers share; the others wait for the
    lock and read the same site. Read-only for the tests: a test that changes a site builds its own."""
    base = tmp_path_factory.getbasetemp()
    # HUB_TEST_SITES: a folder that outlives the session, for ``./hub test``'s two sessions (the tests without a
    # browser in worker processes, then the browser tier in one) to read the same sites.
    shared = Path(os.environ.get("HUB_TEST_SITES") or (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base))
    project, done = shared / f"site-{name}", shared / f"site-{name}.built"
    with open(shared / f"site-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if the build fails
        if not done.exists():
            shutil.rmtree(project, ignore_errors=True)  # what a failed attempt left
            built_site(make_project(project, data))
            done.touch()
    return project / "site"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The site built from the repository's own data (the 2019 pilot series)."""
    return shared_site(tmp_path_factory, "real")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The site built from fictional fixture data: experts, recordings, slides, upcoming webinars."""
    return shared_site(tmp_path_factory, "fixture", FIXTURES / "hub")


@pytest.fixture(scope="session")
def figures_site(tmp_path_factory) -> Path:
    """The site built from fictional figures: exact, approximate ("more than"), none; unnumbered webinars."""
    return shared_site(tmp_path_factory, "figures", FIXTURES / "figures")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The site built from fictional hostile data that passes validation (must come out inert)."""
    return shared_site(tmp_path_factory, "hostile", FIXTURES / "hostile")


def page(site: Path, url: str) -> BeautifulSoup:
    """Parse the built page at a site-relative directory URL such as ``fr/webinars/slug/``."""
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def heading_text(tag) -> str:
    """A heading's text as read: spaces collapsed, without its "¶" permalink (get_text(strip=True) would
    glue the words around the element that keeps the permalink with the last word)."""
    return re.sub(r"[ \t\r\n\f]+", " ", tag.get_text()).strip().removesuffix("¶").strip(" ")  # (no-break spaces kept)


def lang_url(lang: str, path: str) -> str:
    return path if lang == "en" else f"{lang}/{path}"


# The last line of a run: how many tests did not run for want of a tool, and the one command that runs them.

_not_run: dict[str, list[str]] = {}


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    from browser_support import NOT_RUN

    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if NOT_RUN in reason:
            what = reason.split(NOT_RUN, 1)[1].split(" is missing", 1)[0]
            _not_run.setdefault(what, []).append(report.nodeid)


def missing_packages() -> list[str]:
    """The Debian packages of tests/system-packages whose command (or file) this machine lacks (as ``./hub test``
    reads it)."""
    from browser_support import CHROMIUM

    found = []
    for line in (Path(__file__).parent / "system-packages").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        command, package = line.split()[:2]
        if command == "chromium":
            present = Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)
        else:
            present = Path(command).exists() if command.startswith("/") else shutil.which(command) is not None
        if not present:
            found.append(package)
    return found


def run_them_command() -> str:
    """The one command that makes the tests that did not run, run."""
    packages = missing_packages()
    if os.geteuid() == 0 or not packages:
        return "./hub test" + (f" (as root it installs {' '.join(packages)})" if packages else "")
    return f"sudo apt-get install -y {' '.join(packages)} && ./hub test"


def pytest_unconfigure(config) -> None:
    """Printed after pytest's own summary line, so that it is the last line of the run."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if not _not_run or reporter is None:
        return
    count = sum(len(ids) for ids in _not_run.values())
    reporter.write_line(f"NOT RUN: {count} test{'s' * (count != 1)} did not run ({'; '.join(sorted(_not_run))} "
                        f"missing); to run them: {run_them_command()}", red=True, bold=True)
