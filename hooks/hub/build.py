"""``./hub build``: an atomic build, one process per language when there is more than one core.

The site is built into a fresh folder and swapped in only on success: a failed build (bad data, a
warning under ``--strict``) leaves the previous site as it was.

mkdocs-static-i18n builds the six languages one after the other in one process. With ``jobs`` > 1
this module starts one ``mkdocs build`` per language instead (the MkDocs adapter reads ``HUB_*``
variables, see ``hooks/hub_mkdocs.py``): the default language's process prepares the data first and
writes the files that belong to no language; once it has staged the pages, the other languages start,
``jobs`` at a time. Each process holds one language's pages only. The parts are then moved together:
the default language's build is the site root, each other build gives its ``<lang>/`` folder. The
result is the same, byte for byte, as the sequential build (tested).
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
    return max(1, min(available_cores(), len(CODES)))


def build(root: Path, site: Path, extra: list[str], jobs: int = 1) -> int:
    """Build into ``<site>.new``; on success replace ``site`` with it. Returns the exit status."""
    fresh = site.with_name(site.name + ".new")
    old = site.with_name(site.name + ".old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    status = build_in_parallel(root, fresh, extra, jobs) if jobs > 1 else build_sequentially(root, fresh, extra)
    if status != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"build failed: {site} was left as it was", file=sys.stderr)
        return status
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    print(f"built: {site}")
    return 0


def mkdocs_command(site_dir: Path, extra: list[str]) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *extra]


PROTOCOL = ("HUB_LANGUAGE", "HUB_STAGED", "HUB_EXTRAS_DIR")  # read by hooks/hub_mkdocs.py


def child_env(**values: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in PROTOCOL}
    return {**env, "NO_MKDOCS_2_WARNING": "1", **values}


def build_sequentially(root: Path, fresh: Path, extra: list[str]) -> int:
    return subprocess.run(mkdocs_command(fresh, extra), cwd=root, env=child_env()).returncode


def build_in_parallel(root: Path, fresh: Path, extra: list[str], jobs: int) -> int:
    parts = fresh.with_name(fresh.name + ".parts")
    shutil.rmtree(parts, ignore_errors=True)
    parts.mkdir(parents=True)
    stamp, extras = parts / "staged", parts / "extras"
    try:
        status = run_language_builds(root, parts, extra, jobs, stamp, extras)
        if status == 0:
            assemble(parts, extras, fresh)
        return status
    finally:
        shutil.rmtree(parts, ignore_errors=True)


def run_language_builds(root: Path, parts: Path, extra: list[str], jobs: int, stamp: Path, extras: Path) -> int:
    """Run the default language first; start the others once it has staged the pages."""
    shared = {"HUB_STAGED": str(stamp), "HUB_EXTRAS_DIR": str(extras)}
    waiting = start_order()
    running: dict[str, LanguageBuild] = {}

    def start(code: str) -> None:
        running[code] = LanguageBuild(code, root, parts, extra, child_env(HUB_LANGUAGE=code, **shared))

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
    """One language's ``mkdocs build``, its output kept in a log shown when it ends (no interleaving)."""

    def __init__(self, code: str, root: Path, parts: Path, extra: list[str], env: dict[str, str]):
        self.log = (parts / f"{code}.log").open("w+b")
        self.process = subprocess.Popen(mkdocs_command(parts / code, extra), cwd=root, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)

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
