"""``./hub serve`` with MkDocs: the preview's builder (``hub/preview.py`` serves and watches).

The preview builds as ``./hub build`` does (``hub.build``): the data prepared once, then one MkDocs build
per language told its language as an argument (``hub_mkdocs_build.build_language``), here in this one
process and one after the other, each into its own folder:

* the data is loaded, validated and staged once per change (``hub.site.prepare``, cached on the
  sources' fingerprint); a bad file stops there, and the browser shows the located problems;
* only the staged pages whose content changed are rewritten (``hub.stage.sync_folder``), and after the
  first build each language is built with MkDocs' own ``dirty`` option: only the pages whose staged
  file is newer than their HTML are rendered again. A change to the theme's templates, to mkdocs.yml or
  to the hooks (UI strings included) rebuilds every page; changed Python code needs a restart. The
  pages of the menu are always rendered again (a dirty build would otherwise give them no titles);
* the language being viewed is built first and shown at once; the others follow; then Pagefind indexes
  every language's pages (``hub.search``, ≈ 1 s for the real data) into ``extras/pagefind``, from a
  folder of hard links laid out as the assembled site.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from hub import languages, search
from hub.build import LanguageJob
from hub.catalog import DataError
from hub.preview import BuildFailed, serve
from hub.settings import Settings, SettingsError, load_settings
from hub.site import prepare, write_site_files
from hub_mkdocs_build import build_language

log = logging.getLogger("mkdocs.hub.serve")

# Changes under these rebuild every page of every language (templates, configuration, code).
FULL_REBUILD = ("mkdocs.yml", "overrides", "hooks")
# ... except these, which only change staged pages or copied assets (a dirty build handles them).
PARTIAL = ("overrides/hub", "overrides/assets")
DIRTY_BUILD_NOTICE = "A 'dirty' build is being performed"


class Problems(logging.Handler):
    """Collects a build's warnings and errors: under --strict they are why it stopped."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if DIRTY_BUILD_NOTICE not in record.getMessage():
            self.lines.append(f"{record.levelname}: {record.getMessage()}")


class NoDirtyNotice(logging.Filter):
    """MkDocs warns on every dirty build; under --strict that warning alone would stop it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return DIRTY_BUILD_NOTICE not in record.getMessage()


class MkDocsPreview:
    def __init__(self, settings: Settings, out: Path, nav: list):
        """``settings``: the project's, with the preview's own address as ``site_url``."""
        self.settings, self.out, self.nav = settings, out, nav
        self.root, self.site_url, self.languages = settings.root, settings.site_url, settings.languages
        self.built: set[str] = set()  # languages built once: the next builds can be dirty
        self.fingerprint = ""
        self.not_found = ""

    def locate(self, path: str) -> Path | None:
        code = path.split("/", 1)[0]
        default = self.languages.default
        candidates = [self.out / code / path] if code in self.languages.codes and code != default else \
            [self.out / "extras" / path, self.out / default / path]
        for candidate in candidates:
            if candidate.is_file():
                return candidate
        return None

    def build(self, changed: set[Path], first: str) -> Iterator[str]:
        if self._needs_full_build(changed):
            self.built.clear()
        log.debug("preview: changed %s; built before: %s", sorted(map(str, changed)), sorted(self.built))
        started = time.perf_counter()
        try:
            prepared = prepare(self.settings)
        except DataError as error:
            heading = str(error).splitlines()[0]
            raise BuildFailed([str(problem) for problem in error.problems], heading.rstrip(":")) from None
        except ValueError as error:  # e.g. a symbolic link under docs/
            raise BuildFailed([str(error)]) from None
        if prepared.fingerprint != self.fingerprint:
            extras = self.out / "extras"
            shutil.rmtree(extras, ignore_errors=True)
            write_site_files(prepared, extras)
            self.fingerprint = prepared.fingerprint
        self.not_found = prepared.not_found
        log.info("preview: data validated and pages staged in %.2f s", time.perf_counter() - started)
        for code in [first, *(code for code in self.languages.codes if code != first)]:
            started, cpu = time.time(), time.process_time()
            dirty = code in self.built
            self._build_language(code, dirty=dirty)
            self.built.add(code)
            written = sum(1 for path in (self.out / code).rglob("*.html") if path.stat().st_mtime >= started - 0.01)
            log.info("preview: %s built (%s): %d HTML pages written in %.2f s (%.2f s CPU)", code,
                     "changed pages" if dirty else "every page", written, time.time() - started,
                     time.process_time() - cpu)
            yield code
        self._index_for_search()

    def _index_for_search(self) -> None:
        """Pagefind over every language's pages, laid out (hard links) as in the assembled site."""
        view = self.out / "search-view"
        shutil.rmtree(view, ignore_errors=True)
        default = self.languages.default
        sources = [(self.out / default, view)] + [(self.out / code / code, view / code)
                                                   for code in self.languages.codes if code != default]
        for source, target in sources:
            for page in source.rglob("*.html"):
                if source == self.out / default and page.relative_to(source).parts[0] in self.languages.codes:
                    continue
                link = target / page.relative_to(source)
                link.parent.mkdir(parents=True, exist_ok=True)
                os.link(page, link)
        try:
            log.info("preview: %s", search.index(view, self.out / "extras" / search.BUNDLE))
        except search.SearchIndexError as error:
            raise BuildFailed([str(error)]) from None
        finally:
            shutil.rmtree(view, ignore_errors=True)

    def _needs_full_build(self, changed: set[Path]) -> bool:
        for path in changed:
            try:
                relative = path.resolve().relative_to(self.root).as_posix()
            except ValueError:
                continue
            if relative.startswith("hooks/") and relative.endswith(".py"):
                log.warning("preview: %s changed: stop and start ./hub serve again to run the new code", relative)
            if relative.startswith(FULL_REBUILD) and not relative.startswith(PARTIAL):
                return True
        return False

    def _build_language(self, code: str, dirty: bool) -> None:
        from mkdocs.exceptions import Abort, ConfigurationError, PluginError

        problems, quiet = Problems(), NoDirtyNotice()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(problems)
        logging.getLogger("mkdocs.commands.build").addFilter(quiet)
        try:
            if dirty:
                self._touch_menu_pages(code)
            job = LanguageJob(self.settings, code, self.settings.staging, self.out / code, self.not_found)
            build_language(job, serve_url=self.site_url, dirty=dirty)
        except (Abort, ConfigurationError, PluginError) as error:
            self.built.discard(code)
            raise BuildFailed(problems.lines or [str(error)], f"The {code} pages could not be built") from None
        finally:
            logger.removeHandler(problems)
            logging.getLogger("mkdocs.commands.build").removeFilter(quiet)

    def _touch_menu_pages(self, code: str) -> None:
        """The menu's pages are always rendered again: a dirty build reads only the pages it renders,
        and the menu of every page it renders needs their titles."""
        staging = self.settings.staging
        for item in self.nav or []:
            for page in (item.values() if isinstance(item, dict) else [item]):
                if not isinstance(page, str) or not page.endswith(".md"):
                    continue
                stem = page[:-3]
                for candidate in (f"{stem}.{code}.md", f"{stem}.{self.languages.default}.md"):
                    path = staging / candidate
                    if path.is_file():
                        os.utime(path)
                        break


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hub serve", description="preview the site with live reload")
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="host:port (default 127.0.0.1:8000)")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    host, _, port = args.dev_addr.rpartition(":")
    config_file = args.config_file.resolve()
    root = config_file.parent
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    for name in ("mkdocs", "hub"):  # as MkDocs' command line: its loggers only
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).setLevel(logging.INFO)
    for noisy in ("mkdocs.commands.build", "mkdocs.plugins", "mkdocs.structure", "mkdocs.config",
                  "mkdocs_static_i18n"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        settings = load_settings(root, config_file=config_file)
    except SettingsError as error:
        print(f"hub: {error}", file=sys.stderr)
        return 1
    languages.activate(settings.languages)  # the command owns the process
    mount_path = urlsplit(settings.site_url).path or "/"
    preview = settings.with_site_url(f"http://{host or '127.0.0.1'}:{port}{mount_path}")
    out = Path(tempfile.mkdtemp(prefix="hub-preview-"))
    watched = [root / "docs", root / "webinars", root / "overrides", root / "hooks", config_file]
    try:
        serve(MkDocsPreview(preview, out, _nav_of(config_file)), watched, host or "127.0.0.1", int(port),
              mount_path)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return 0


def _nav_of(config_file: Path) -> list:
    """mkdocs.yml's nav, as MkDocs reads it."""
    from mkdocs.config import load_config

    return list(load_config(str(config_file)).nav or [])


if __name__ == "__main__":
    sys.exit(main())
