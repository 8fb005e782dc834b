"""The one build: prepare once, build each language with an engine, assemble, swap in.

``build(settings, site, engine, jobs)`` is what ``./hub build``, the benchmark and the tests run
(``./hub serve`` runs the same steps one language at a time, ``hooks/hub_serve.py``):

1. prepare, once: load → validate → model → render → stage (``hub.site.prepare``), then the files that
   belong to no language (calendars, feeds, open data, embeds, sitemap);
2. each language built by the engine (``hooks/hub_mkdocs_build.py`` for MkDocs), which is told the
   language, the staged folder and where to write as arguments (a ``LanguageJob``): with ``jobs`` = 1
   one after the other in one process, else in worker processes, ``jobs`` at a time. Steps 1 and 2 run
   in a forked process where the system can fork (``in_child``), so that what they held is the system's
   again before step 3: Pagefind's memory then comes on top of a small process, not a spent one;
3. the parts moved together (the default language's build is the site root, each other language gives
   its ``<lang>/`` folder) into a fresh folder, the search index written over it (``hub.search``:
   Pagefind), swapped in for ``site`` only on success: a failed build (bad data, a warning under
   ``--strict``, a failed index) leaves the previous site as it was.

The result is the same, byte for byte, whatever ``jobs`` is (tested). The core knows no engine: an
engine is any object with ``name`` and ``build_language(job)`` that raises ``EngineError``.
"""

from __future__ import annotations

import gc
import io
import logging
import multiprocessing
import os
import shutil
import sys
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from . import pages, search
from .catalog import DataError
from .languages import Languages, use
from .settings import Settings


class EngineError(Exception):
    """A language could not be built (the engine's message: its warnings under --strict, its error)."""


@dataclass(frozen=True)
class LanguageJob:
    """What an engine is told to build one language: plain data, handed to a worker as an argument."""

    settings: Settings
    language: str
    staging: Path  # the docs folder the pipeline staged
    site_dir: Path  # where this language's build goes (the default language's: the site root)
    not_found: str  # the 404 page's body; "" for the other languages (the site has one 404 page)


class Engine(Protocol):
    name: str

    def build_language(self, job: LanguageJob) -> None:
        """Build ``job.language`` into ``job.site_dir``; raise EngineError when it fails."""


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_jobs(languages: Languages) -> int:
    """Processes for the parallel build: the cores, at most one per language."""
    return max(1, min(available_cores(), len(languages.codes)))


# Where one process per language starts to pay, in pages (the ones ``estimated_pages`` counts), measured
# on two cores: each extra process starts Python, MkDocs and the theme again (≈ 0.5 s of CPU each, ≈ 2.5 s
# for five), which the pages built side by side repay only past a few hundred pages. Medians of three
# builds of bench/run.py data sets (2026-12-01, machine partly loaded): 198 pages 5.6 s in one process
# against 6.8 s in two at a time; 318 pages 6.6 s against 7.1 s; 438 pages 8.7 s against 7.8 s. The real
# data (132 pages): 3.5 s against 4.8 s. More cores only lower the point where it pays.
PARALLEL_FROM_PAGES = 350


def estimated_pages(settings: Settings) -> int:
    """The pages a build will write, counted from file names only (nothing is read): the generated pages
    of each page type (``hub.pages``: a page per language for each list and each item), and each
    hand-written page (one file per language already). The real data: 132, as many as the pages staged."""
    written = sum(1 for _ in (settings.root / "docs").rglob("*.md"))
    return pages.estimated_pages(settings.root, len(settings.languages.codes)) + written


def chosen_jobs(settings: Settings, cores: int | None = None) -> int:
    """The fastest choice for the data at hand: one process below ``PARALLEL_FROM_PAGES``, else the cores."""
    codes = settings.languages.codes
    jobs = default_jobs(settings.languages) if cores is None else max(1, min(cores, len(codes)))
    return jobs if jobs > 1 and estimated_pages(settings) >= PARALLEL_FROM_PAGES else 1


def build(settings: Settings, site: Path, engine: Engine, jobs: int = 1) -> int:
    """Build into ``<site>.new``; on success replace ``site`` with it. Returns the exit status."""
    fresh = site.with_name(site.name + ".new")
    parts = fresh.with_name(fresh.name + ".parts")
    for leftover in (fresh, parts, site.with_name(site.name + ".old")):
        shutil.rmtree(leftover, ignore_errors=True)
    languages = settings.languages
    print(f"hub: building {len(languages.codes)} languages " +
          (f"in processes, {jobs} at a time" if jobs > 1 else "in one process"), flush=True)
    with use(languages):
        try:
            status = _build_parts(settings, engine, jobs, parts, fresh)
        except Exception:  # a bug (in a template, an engine): its traceback, and the site left as it was
            traceback.print_exc()
            status = 1
        finally:
            shutil.rmtree(parts, ignore_errors=True)
    if status != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"build failed: {site} was left as it was", file=sys.stderr)
        return status
    swap_in(fresh, site)
    return 0


def _build_parts(settings: Settings, engine: Engine, jobs: int, parts: Path, fresh: Path) -> int:
    """Prepare and build each language (in a child process), assemble into ``fresh``, index it."""
    status = in_child(_prepare_and_build, settings, engine, jobs, parts)
    if status != 0:
        return status
    assemble(parts, parts / "extras", fresh, settings.languages)
    try:  # the whole site, every language, before it is swapped in (a failure leaves the old site)
        print(f"hub: {search.index(fresh)}", flush=True)
    except search.SearchIndexError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


def _prepare_and_build(settings: Settings, engine: Engine, jobs: int, parts: Path) -> int:
    """Prepare, write the files of no language into ``parts/extras``, build each language into
    ``parts/<lang>``. Returns the exit status."""
    from .site import prepare, write_site_files  # the whole pipeline: imported when a build runs

    languages = settings.languages
    try:
        prepared = prepare(settings, cache=False)
    except (DataError, ValueError) as error:  # ValueError: e.g. a symbolic link under docs/
        print(error, file=sys.stderr)
        return 1
    write_site_files(prepared, parts / "extras")
    jobs_list = [LanguageJob(settings, code, prepared.staging, parts / code,
                             prepared.not_found if code == languages.default else "")
                 for code in [languages.default, *start_order(languages)]]
    del prepared  # the data is no longer needed: the languages are built from the staged folder
    gc.collect()
    try:
        run_jobs(engine, jobs_list, jobs)
    except EngineError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


def in_child(function: Callable[..., int], *args) -> int:
    """``function(*args)``'s exit status, run in a forked copy of this process where the system can fork.

    Why: CPython keeps the memory a build used for the process (the one-process build of 1 000 webinars
    held 166 MiB after its languages, ``malloc_trim`` gave none back), and the search index runs after
    it: 166 MiB + Pagefind's 177 MiB made a 343 MiB peak. When the child ends, all of it is freed. A fork
    copies nothing up front (no new start of Python, the imports shared); where there is no fork, the
    function runs here."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return function(*args)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # nothing buffered twice
    child = multiprocessing.get_context("fork").Process(target=_exit_with, args=(function, *args))
    child.start()
    child.join()
    if child.exitcode is not None and child.exitcode < 0:
        print(f"Error: the build's process was stopped by signal {-child.exitcode} (out of memory?)",
              file=sys.stderr)
        return 1
    return child.exitcode or 0


def _exit_with(function: Callable[..., int], *args) -> None:
    """The child's body: the function's status as the process's exit status; a bug's traceback printed."""
    try:
        status = function(*args)
    except Exception:  # a bug (in a template, an engine): its traceback, then a failed status
        traceback.print_exc()
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    sys.exit(status)


def run_jobs(engine: Engine, jobs_list: list[LanguageJob], jobs: int) -> None:
    """Each language's build, in this process or in ``jobs`` worker processes (forked where the system
    can: no new start of Python per worker); a worker's log is printed whole when its build ends (no
    interleaving). Raises EngineError on the first failure."""
    if jobs <= 1:  # one process: no start-up paid per language
        for job in jobs_list:
            engine.build_language(job)
            gc.collect()  # one language's pages in memory at a time
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = [pool.submit(_build_in_worker, engine, job) for job in jobs_list]
        try:
            for future in futures:
                log, error = future.result()
                report(log)
                if error is not None:
                    raise EngineError(error)
        finally:
            for future in futures:
                future.cancel()


LOGGERS = ("mkdocs", "hub")  # as MkDocs' command line: its loggers only


def _build_in_worker(engine: Engine, job: LanguageJob) -> tuple[str, str | None]:
    """A worker process: the settings' languages active, the engine told its language, the log kept
    for the parent to print. Returns (log, error message or None)."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    saved = {name: logging.getLogger(name).handlers[:] for name in LOGGERS}
    for name in LOGGERS:
        logging.getLogger(name).handlers[:] = [handler]
    try:
        with use(job.settings.languages):
            engine.build_language(job)
        return buffer.getvalue(), None
    except EngineError as error:
        return buffer.getvalue(), str(error)
    finally:
        for name in LOGGERS:
            logging.getLogger(name).handlers[:] = saved[name]
        gc.collect()  # the worker builds its next language with this one's pages freed


def report(log: str) -> None:
    if log:
        sys.stderr.write(log)
        sys.stderr.flush()


def start_order(languages: Languages) -> list[str]:
    """The languages after the default one, Chinese second to last.

    Chinese was the longest and largest language build while Material's search segmented it with jieba:
    not first, beside the default language's, nor last, alone on one core while the others are done.
    """
    others = [code for code in languages.codes if code not in (languages.default, "zh")]
    return [*others[:-1], *(["zh"] if "zh" in languages.codes[1:] else []), *others[-1:]]


def swap_in(fresh: Path, site: Path) -> None:
    """Put a finished build in the place of ``site`` (the previous site stays whole until then)."""
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    print(f"built: {site}")


def assemble(parts: Path, extras: Path, fresh: Path, languages: Languages) -> None:
    """The default language's build is the root; each other language brings its own folder."""
    (parts / languages.default).rename(fresh)
    for code in languages.codes:
        if code != languages.default:
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
