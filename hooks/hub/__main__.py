"""Command line of the webinar hub: ``python -m hub build|check`` (see ``./hub`` at the repository root)."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .catalog import DataError, load_catalog

ROOT = Path(__file__).resolve().parents[2]


def check(root: Path) -> int:
    """Validate all data without building; exit 1 with every located problem."""
    try:
        catalog = load_catalog(root)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"ok: {len(catalog.webinars)} webinars, {len(catalog.experts)} experts, {len(catalog.series)} series")
    return 0


def build(root: Path, site: Path, extra: list[str]) -> int:
    """Build into a fresh folder and swap it in only on success: a failed build keeps the old site."""
    fresh = site.with_name(site.name + ".new")
    old = site.with_name(site.name + ".old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(fresh), *extra]
    result = subprocess.run(command, cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"build failed: {site} was left as it was", file=sys.stderr)
        return result.returncode
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    print(f"built: {site}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hub", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate the webinar data")
    build_parser = commands.add_parser("build", help="build the site atomically")
    build_parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args, extra = parser.parse_known_args(argv)
    if args.command == "check":
        return check(ROOT)
    return build(ROOT, args.site_dir.resolve(), extra)


if __name__ == "__main__":
    sys.exit(main())
