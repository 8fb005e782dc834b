"""MkDocs adapter of the webinar hub: wires MkDocs events to the MkDocs-free pipeline in ``hub/``.

Moving to another generator (e.g. Zensical) means replacing this file only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from hub.catalog import DataError
from hub.model import build_date
from hub.extras import write_extras
from hub.languages import DEFAULT_LANGUAGE
from hub.site import Prepared, prepare

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate the data and point MkDocs at the staged docs (runs once per language build)."""
    root = _root(config)
    staging = root / ".cache" / "staged-docs"
    try:
        _state["prepared"] = prepare(root, staging, build_date(), config.site_url or "/")
    except DataError as error:
        raise PluginError(str(error)) from None
    config.docs_dir = str(staging)
    for watched in (root / "docs", root / "webinars", root / "overrides"):
        if str(watched) not in config.watch:
            config.watch.append(str(watched))
    return config


def on_post_build(config: MkDocsConfig) -> None:
    """Write the language-independent files (calendars, feeds, open data) once, beside the pages."""
    if config.theme["language"] == DEFAULT_LANGUAGE:
        write_extras(_prepared(config).hub, Path(config.site_dir), config.site_url or "/")


def on_serve(server, /, *, config: MkDocsConfig, builder):
    """Watch the sources, not the staged copy the build itself rewrites."""
    server.unwatch(config.docs_dir)
    return server


# Helper functions

_state: dict[str, Prepared] = {}


def _prepared(config: MkDocsConfig) -> Prepared:
    return _state["prepared"]



def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent
