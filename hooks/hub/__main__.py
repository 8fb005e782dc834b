"""Command line of the webinar hub: ``python -m hub build|check|new|schema|relayout`` (see ``./hub`` at the repository root)."""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
from pathlib import Path

from . import languages
from .build import LOGGERS, build, chosen_jobs
from .catalog import DataError, load_catalog
from .jsonschema_export import SCHEMA_FOLDER, stale
from .settings import Settings, SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[2]


def check(root: Path, settings: Settings | None = None) -> int:
    """Validate all data without building; exit 1 with every located problem. The languages are the
    settings' (by default, those of this project's mkdocs.yml)."""
    try:
        settings = settings or load_settings(ROOT)
        with languages.use(settings.languages):
            catalog = load_catalog(root, settings.today)
    except (DataError, SettingsError) as error:
        print(error, file=sys.stderr)
        return 1
    if (root / SCHEMA_FOLDER).is_dir():  # the editors' schema files, generated: one edited by hand is refused too
        outdated = stale(root)
        if outdated:
            print(f"{len(outdated)} editor schema file{'s' * (len(outdated) > 1)} not as ./hub schema writes it:",
                  file=sys.stderr)
            for path in outdated:
                print(f"  {path.relative_to(root).as_posix()}: run ./hub schema and commit the result (these files "
                      "are generated from hooks/hub/schema.py; edit that instead)", file=sys.stderr)
            return 1
    print(f"ok: {len(catalog.webinars)} webinars, {len(catalog.experts)} experts, {len(catalog.series)} series")
    return 0


def new(args: argparse.Namespace) -> int:
    """Scaffold a new webinar (or expert) file; exit 1 with a message when an answer is refused."""
    from .scaffold import ScaffoldError, new_expert, new_webinar

    interactive = not args.no_input
    try:
        if args.kind == "expert":
            new_expert(args.root.resolve(), expert_id=args.id, name=args.name, interactive=interactive)
        else:
            new_webinar(args.root.resolve(), date=args.date, language=args.language, series=args.series,
                        title=args.title, slug=args.slug, interactive=interactive)
    except ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ncancelled: nothing was written", file=sys.stderr)
        return 130
    return 0


def relayout(root: Path, base: str) -> int:
    """Write the data files changed since ``base`` back in their layout there (the editor's pull requests)."""
    from .relayout import relayout_changed

    try:
        rewritten = relayout_changed(root, base)
    except subprocess.CalledProcessError as error:
        print(f"hub relayout: git {' '.join(error.cmd[1:])} failed: {error.stderr.strip()}", file=sys.stderr)
        return 1
    for name in rewritten:
        print(f"relaid {name}")
    if not rewritten:
        print("no file to relay: every changed data file keeps its layout already")
    return 0


def schema(root: Path, check_only: bool) -> int:
    """Regenerate webinars/schema/*.schema.json from schema.py (or, with --check, report stale files)."""
    from .jsonschema_export import stale, write

    if check_only:
        outdated = stale(root)
        for path in outdated:
            print(f"{path.relative_to(root)}: out of date: run ./hub schema and commit the result", file=sys.stderr)
        return 1 if outdated else 0
    changed = write(root)
    for path in changed:
        print(f"wrote {path.relative_to(root)}")
    if not changed:
        print("schema files already up to date")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Every command reads the settings once (mkdocs.yml, the environment) and stops plainly on a problem."""
    first = argparse.ArgumentParser(add_help=False)  # the project, before the help texts that name its languages
    first.add_argument("--root", type=Path, default=ROOT)
    root = first.parse_known_args(argv)[0].root  # --root (tests): a data folder, with its own mkdocs.yml or not
    try:
        settings = load_settings(root if (root / "mkdocs.yml").is_file() else ROOT)
    except SettingsError as error:
        print(f"hub: {error}", file=sys.stderr)
        return 1
    languages.activate(settings.languages)  # the command owns the process
    return run(settings, argv)


def run(settings: Settings, argv: list[str] | None = None) -> int:
    listed = languages.listed
    parser = argparse.ArgumentParser(prog="hub", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate the webinar data")
    build_parser = commands.add_parser("build", help="build the site atomically")
    build_parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    build_parser.add_argument("--jobs", type=int, default=None,
                              help="languages built at once, in separate processes (default: chosen from the "
                                   "data's size: one process for a small site, the cores, at most six, from "
                                   "about 350 pages; 1: one process)")
    build_parser.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs",
                              help="the site generator: MkDocs with Material (default) or Zensical, its successor")
    build_parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    new_parser = commands.add_parser("new", help="create a new webinar file (or: new expert)",
                                     description="Create webinars/<slug>.yml (or webinars/experts/<id>.yml), asking "
                                                 "for each answer not given as an option.")
    new_parser.add_argument("kind", nargs="?", choices=("webinar", "expert"), default="webinar")
    new_parser.add_argument("--series", help="id of the series, e.g. pilot-2019")
    new_parser.add_argument("--date", help="date of the webinar, YYYY-MM-DD")
    new_parser.add_argument("--language", help=f"language the webinar is delivered in: {listed()}")
    new_parser.add_argument("--title", help="title in that language")
    new_parser.add_argument("--slug", help="file name without .yml (default: the date and the title)")
    new_parser.add_argument("--id", help="expert: file name without .yml, e.g. ada-example")
    new_parser.add_argument("--name", help="expert: full name")
    new_parser.add_argument("--no-input", action="store_true", help="never ask: refuse when an answer is missing")
    new_parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    schema_parser = commands.add_parser("schema", help="regenerate webinars/schema/*.schema.json")
    schema_parser.add_argument("--check", action="store_true", help="only report schema files that are out of date")
    schema_parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    relayout_parser = commands.add_parser(
        "relayout", help="write data files changed since a git revision back in their layout there",
        description="For a file saved by the browser editor: keep the comments, order and quotes of every field the "
                    "edit did not change (the pull request's diff shows only what changed).")
    relayout_parser.add_argument("--base", required=True, help="git revision of the original files, e.g. origin/main")
    relayout_parser.add_argument("--root", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)
    args, extra = parser.parse_known_args(argv)
    if args.command == "check":
        return check(settings.root, settings)
    if args.command == "relayout":
        return relayout(args.root.resolve(), args.base)
    if args.command in ("new", "schema"):
        if extra:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        return new(args) if args.command == "new" else schema(args.root.resolve(), args.check)
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be 1 or more")
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.engine == "zensical":
        from hub_zensical import build as build_with_zensical  # hooks/hub_zensical.py, beside the MkDocs adapter

        return build_with_zensical(settings, args.site_dir.resolve(), jobs=args.jobs)
    from hub_mkdocs_build import MkDocsEngine  # hooks/hub_mkdocs_build.py: the MkDocs side, outside the core

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    for name in LOGGERS:  # as MkDocs' command line: its loggers only
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).setLevel(logging.INFO)
    jobs = args.jobs if args.jobs is not None else chosen_jobs(settings)
    return build(settings, args.site_dir.resolve(), MkDocsEngine(), jobs)


if __name__ == "__main__":
    sys.exit(main())
