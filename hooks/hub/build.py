"""``./hub build``: an atomic build, one MkDocs build per language, in one process or several.

The site is built into a fresh folder and swapped in only on success: a failed build (bad data, a
warning under ``--strict``) leaves the previous site as it was.

Every language is its own MkDocs build (``hooks/hub_mkdocs_build.py``; the MkDocs adapter reads ``HUB_*``
variables, see ``hooks/hub_mkdocs.py``), the same path as ``./hub serve``'s: with ``jobs`` = 1 one
process builds them one after the other; with more, one process per language, ``jobs`` at a time. The
default language's build prepares the data first and writes the files that belong to no language; once
it has staged the pages, the other languages start. Each process holds one language's pages at a time.
The parts are then moved together: the default language's build is the site root, each other build
gives its ``<lang>/`` folder. The result is the same, byte for byte, whatever ``jobs`` is (tested).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .languages import CODES, DEFAULT_LANGUAGE

POLL_SECONDS = 0.05


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_jobs() -> int:
    """Processes for the parallel build: the cores, at most one per language."""
    return max(1, min(available_cores(), len(CODES)))


# Where one process per language starts to pay, in pages (the ones ``estimated_pages`` counts), measured
# on two cores: each extra process starts Python, MkDocs and the theme again (≈ 0.5 s of CPU each, ≈ 2.5 s
# for five), which the pages built side by side repay only past a few hundred pages. Medians of three
# builds of bench/run.py data sets (2026-12-01, machine partly loaded): 198 pages 5.6 s in one process
# against 6.8 s in two at a time; 318 pages 6.6 s against 7.1 s; 438 pages 8.7 s against 7.8 s. The real
# data (132 pages): 3.5 s against 4.8 s. More cores only lower the point where it pays.
PARALLEL_FROM_PAGES = 350


def estimated_pages(root: Path) -> int:
    """The pages a build will write, counted from file names only (nothing is read): a page per language
    for each webinar and expert and for the two lists (webinars, experts), and each hand-written page
    (one file per language already). The real data: 132, as many as the pages staged."""
    data = root / "webinars"
    people = sum(1 for _ in data.glob("*.yml")) + sum(1 for _ in (data / "experts").glob("*.yml"))
    written = sum(1 for _ in (root / "docs").rglob("*.md"))
    return len(CODES) * (people + 2) + written


def chosen_jobs(root: Path, cores: int | None = None) -> int:
    """The fastest choice for the data at hand: one process below ``PARALLEL_FROM_PAGES``, else the cores."""
    jobs = default_jobs() if cores is None else max(1, min(cores, len(CODES)))
    return jobs if jobs > 1 and estimated_pages(root) >= PARALLEL_FROM_PAGES else 1


def build(root: Path, site: Path, extra: list[str], jobs: int = 1) -> int:
    """Build into ``<site>.new``; on success replace ``site`` with it. Returns the exit status."""
    fresh = site.with_name(site.name + ".new")
    old = site.with_name(site.name + ".old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    print(f"hub: building {len(CODES)} languages " + (f"in processes, {jobs} at a time" if jobs > 1 else
                                                        "in one process"), flush=True)
    if extra:
        print(f"hub build: unrecognized arguments: {' '.join(extra)}", file=sys.stderr)
        return 2
    status = build_in_parts(root, fresh, jobs)
    if status != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"build failed: {site} was left as it was", file=sys.stderr)
        return status
    swap_in(fresh, site)
    return 0


def swap_in(fresh: Path, site: Path) -> None:
    """Put a finished build in the place of ``site`` (the previous site stays whole until then)."""
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    print(f"built: {site}")


PROTOCOL = ("HUB_LANGUAGE", "HUB_STAGED", "HUB_EXTRAS_DIR")  # read by hooks/hub_mkdocs.py


def child_env(root: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in PROTOCOL}
    path = os.pathsep.join(part for part in (str(root / "hooks"), env.get("PYTHONPATH", "")) if part)
    return {**env, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path}


def language_command(parts: Path, stamp: Path, extras: Path, languages: list[str]) -> list[str]:
    """One process building ``languages`` one after the other, one MkDocs build each (hooks/hub_mkdocs_build.py)."""
    return [sys.executable, "-m", "hub_mkdocs_build", "--site-dir", str(parts), "--staged", str(stamp),
            "--extras", str(extras), *languages]


def build_in_parts(root: Path, fresh: Path, jobs: int) -> int:
    """Each language into ``<fresh>.parts/<lang>``, then the parts moved together into ``fresh``."""
    parts = fresh.with_name(fresh.name + ".parts")
    shutil.rmtree(parts, ignore_errors=True)
    parts.mkdir(parents=True)
    stamp, extras = parts / "staged", parts / "extras"
    try:
        if jobs > 1:
            status = run_language_builds(root, parts, jobs, stamp, extras)
        else:  # one process: no start-up paid per language
            build = LanguageBuild("all", [DEFAULT_LANGUAGE, *start_order()], root, parts, stamp, extras)
            status = build.process.wait()
            build.report()
        if status == 0:
            assemble(parts, extras, fresh)
        return status
    finally:
        shutil.rmtree(parts, ignore_errors=True)


def run_language_builds(root: Path, parts: Path, jobs: int, stamp: Path, extras: Path) -> int:
    """Run the default language first; start the others once it has staged the pages."""
    waiting = start_order()
    running: dict[str, LanguageBuild] = {}

    def start(code: str) -> None:
        running[code] = LanguageBuild(code, [code], root, parts, stamp, extras)

    start(DEFAULT_LANGUAGE)
    try:
        while running or waiting:
            while waiting and len(running) < jobs and stamp.is_file():
                start(waiting.pop(0))
            for code, language in list(running.items()):
                status = language.process.poll()
                if status is None:
                    continue
                language.report()
                del running[code]
                if status != 0:
                    return status
                if code == DEFAULT_LANGUAGE and not stamp.is_file():
                    print("hub: the default language's build staged no pages", file=sys.stderr)
                    return 1
            time.sleep(POLL_SECONDS)
        return 0
    finally:
        for language in running.values():
            language.process.kill()
            language.process.wait()


def start_order() -> list[str]:
    """The languages after the default one, Chinese second to last.

    Chinese is the longest and largest language build (jieba segments its search index): not first,
    beside the default language's process, which holds the data while it prepares (the two together
    would double the peak memory), nor last, alone on one core while the others are done.
    """
    others = [code for code in CODES if code not in (DEFAULT_LANGUAGE, "zh")]
    return [*others[:-1], *(["zh"] if "zh" in CODES[1:] else []), *others[-1:]]


class LanguageBuild:
    """A process building some languages, its output kept in a log shown when it ends (no interleaving)."""

    def __init__(self, name: str, languages: list[str], root: Path, parts: Path, stamp: Path, extras: Path):
        self.log = (parts / f"{name}.log").open("w+b")
        self.process = subprocess.Popen(language_command(parts, stamp, extras, languages), cwd=root,
                                        env=child_env(root), stdout=self.log, stderr=subprocess.STDOUT)

    def report(self) -> None:
        self.log.seek(0)
        output = self.log.read().decode("utf-8", "replace")
        self.log.close()
        if output:
            sys.stderr.write(output)
            sys.stderr.flush()


def assemble(parts: Path, extras: Path, fresh: Path) -> None:
    """The default language's build is the root; each other language brings its own folder."""
    (parts / DEFAULT_LANGUAGE).rename(fresh)
    for code in CODES:
        if code != DEFAULT_LANGUAGE:
            move_tree(parts / code / code, fresh / code)
    move_tree(extras, fresh)


def move_tree(source: Path, target: Path) -> None:
    """Move every file of ``source`` into ``target``; a file both would hold is a bug, not a merge."""
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        source.rename(target)
        return
    for path in sorted(source.rglob("*")):
        if path.is_dir():
            continue
        destination = target / path.relative_to(source)
        if destination.exists():
            raise FileExistsError(f"two parts of the build wrote {destination.relative_to(target)}")
        destination.parent.mkdir(parents=True, exist_ok=True)
        path.rename(destination)
