"""MkDocs adapter of the webinar hub: wires MkDocs events to the MkDocs-free pipeline in ``hub/``.

Moving to another generator (e.g. Zensical) means replacing this file only. mkdocs-static-i18n runs
every event once per language (English first, into the site root; then each other language).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Link

from hub.catalog import DataError
from hub.extras import write_extras
from hub.languages import DEFAULT_LANGUAGE
from hub.localize import Formatter
from hub.model import build_date
from hub.site import prepare

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate the data and point MkDocs at the staged docs (cached: done once unless files change)."""
    root = _root(config)
    try:
        _state["prepared"] = prepare(root, root / ".cache" / "staged-docs", build_date(), config.site_url or "/")
    except DataError as error:
        raise PluginError(str(error)) from None
    config.docs_dir = str(_state["prepared"].staging)
    for watched in (root / "docs", root / "webinars", root / "overrides"):
        if str(watched) not in config.watch:
            config.watch.append(str(watched))
    return config


def on_nav(nav, /, *, config: MkDocsConfig, files):
    """The Development Agenda link closes the hub menu (a header tab), titled in the page's language."""
    nav.items.append(Link(_text(config, "development_agenda"), _development_agenda_url(config)))
    return nav


def on_env(env, /, *, config: MkDocsConfig, files):
    """Values the theme overrides print: the footer link and the 404 page body."""
    env.globals["hub"] = {
        "development_agenda": _text(config, "development_agenda"),
        "development_agenda_url": _development_agenda_url(config),
        "not_found": _state["prepared"].not_found,
    }
    return env


def on_page_content(html: str, /, *, page, config: MkDocsConfig, files) -> str:
    """Drop a page's Markdown once converted: MkDocs holds every page at once, so this lowers the peak."""
    page.markdown = ""
    return html


def on_post_page(output: str, /, *, page, config: MkDocsConfig) -> str:
    """Drop a page's HTML and head data once its file is written.

    mkdocs-static-i18n keeps every language's pages until the end (for the sitemap), so without this
    the pages of all six language builds pile up in memory.
    """
    page.content = ""
    for key in [key for key in page.meta if key.startswith("hub_")]:
        del page.meta[key]
    return output


def on_pre_build(config: MkDocsConfig) -> None:
    """The site's name in the language being built; remember where the root (English) site goes."""
    config.site_name = _text(config, "site_name")
    if _language(config) == DEFAULT_LANGUAGE:
        _state["root_site_dir"] = Path(config.site_dir)


def on_post_build(config: MkDocsConfig) -> None:
    """Write language-independent files once; keep the English 404 page as the site's only one."""
    root_404 = _state["root_site_dir"] / "404.html"
    if _language(config) == DEFAULT_LANGUAGE:
        write_extras(_state["prepared"].hub, Path(config.site_dir), config.site_url or "/")
        _state["root_404"] = root_404.read_bytes()
    elif root_404.exists():
        # Each language build rewrites the root 404.html; the last one would otherwise win.
        root_404.write_bytes(_state["root_404"])


def on_serve(server, /, *, config: MkDocsConfig, builder):
    """Watch the sources, not the staged copy the build itself rewrites."""
    server.unwatch(config.docs_dir)
    return server


# Helper functions

_state: dict = {}


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _language(config: MkDocsConfig) -> str:
    return config.theme["language"]


def _text(config: MkDocsConfig, key: str) -> str:
    return Formatter(_language(config)).t(key)


def _development_agenda_url(config: MkDocsConfig) -> str:
    url = config.extra.get("hub", {}).get("development_agenda_url")
    if not url or not url.startswith(("https://", "http://")):
        raise PluginError("extra.hub.development_agenda_url must be set to an http(s) address in mkdocs.yml")
    return url
