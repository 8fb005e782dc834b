"""One MkDocs build per language, in this process: the one build path of ``./hub build`` and ``./hub serve``.

    python -m hub_mkdocs_build --site-dir PARTS [--staged STAMP --extras DIR] en ar zh ...

builds each language given, one after the other, into ``PARTS/<lang>`` (``hooks/hub/build.py`` runs it
once for every language with ``--jobs 1``, or once per language in parallel processes, then moves the
parts together); ``./hub serve`` calls ``build_language`` directly (``hooks/hub_serve.py``). Each
language's configuration is ``mkdocs.yml`` as loaded by MkDocs, with ``HUB_LANGUAGE`` telling the hub's
adapter (``hooks/hub_mkdocs.py``) which language it is; mkdocs-static-i18n's own loop over languages is
not used (``hub_private.build_one_language``).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

PROTOCOL = ("HUB_LANGUAGE", "HUB_STAGED", "HUB_EXTRAS_DIR")  # read by hooks/hub_mkdocs.py


@contextmanager
def language_environment(code: str, staged: Path | None = None, extras: Path | None = None) -> Iterator[None]:
    """Tell ``hooks/hub_mkdocs.py`` which language it builds (and, in a full build, where the stamp of
    the staged pages and the files of no language go), as ``hub/build.py`` tells its processes."""
    saved = {key: os.environ.pop(key, None) for key in PROTOCOL}
    os.environ["HUB_LANGUAGE"] = code
    if staged is not None:
        os.environ["HUB_STAGED"] = str(staged)
    if extras is not None:
        os.environ["HUB_EXTRAS_DIR"] = str(extras)
    try:
        yield
    finally:
        for key in PROTOCOL:
            os.environ.pop(key, None)
        os.environ.update({key: value for key, value in saved.items() if value is not None})


def build_language(config_file: Path, code: str, site_dir: Path, *, staged: Path | None = None,
                   extras: Path | None = None, site_url: str | None = None, serve_url: str | None = None,
                   dirty: bool = False) -> None:
    """One language's ``mkdocs build --strict``; raises MkDocs' Abort, PluginError or ConfigurationError."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with language_environment(code, staged, extras):
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        if site_url is not None:
            config.site_url = site_url
        config.plugins.on_startup(command="serve" if serve_url else "build", dirty=dirty)
        try:
            build(config, serve_url=serve_url, dirty=dirty)
        finally:
            config.plugins.on_shutdown()


def main(argv: list[str] | None = None) -> int:
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    parser = argparse.ArgumentParser(prog="hub_mkdocs_build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, required=True, help="each language goes to SITE_DIR/<lang>")
    parser.add_argument("--staged", type=Path, help="stamp file of the staged pages (see hooks/hub_mkdocs.py)")
    parser.add_argument("--extras", type=Path, help="where the first build writes the files of no language")
    parser.add_argument("languages", nargs="+")
    args = parser.parse_args(argv)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    for name in ("mkdocs", "hub"):  # as MkDocs' command line: its loggers only (jieba logs on its own)
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).setLevel(logging.INFO)
    logging.getLogger("mkdocs.plugins.material.search").setLevel(logging.WARNING)
    for code in args.languages:
        try:
            build_language(args.config_file.resolve(), code, args.site_dir / code, staged=args.staged,
                           extras=args.extras)
        except (Abort, ConfigurationError, PluginError) as error:
            print(f"Error: {error}", file=sys.stderr)
            return 1
        gc.collect()  # one language's pages in memory at a time
    return 0


if __name__ == "__main__":
    sys.exit(main())
