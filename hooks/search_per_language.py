"""One search index per language, which only that language's pages load.

mkdocs-static-i18n builds the site once per language and, after the last one, merges every language's
search entries into a single ``search/search_index.json`` at the site root (with a quadratic
de-duplication when ``reconfigure_search`` is on); every page, in any language, fetches that one index.
This hook replaces that with:

* ``search/search_index.json`` for the default language and ``<lang>/search/search_index.json`` for the
  others, each written at the end of its own language build (linear: no merge, no de-duplication);
* per language search settings: lunr ``lang`` is the page language, the ``separator`` always includes
  U+200B (Material's search plugin segments Chinese with jieba and joins the words with U+200B), and the
  ``pipeline`` is Material's own choice for that language;
* pages of a language other than the default get ``__config.base`` pointing at their language root
  (e.g. ``../../../fr/``): Material's JavaScript fetches ``new URL("search/search_index.json", base)`` and
  resolves result locations against the same base, so the entries' locations are made relative to it.

Register it in ``mkdocs.yml`` after ``hooks/hub_mkdocs.py``. It does not depend on the hub pipeline.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2.utils import htmlsafe_json_dumps
from mkdocs import utils
from mkdocs.plugins import event_priority

from hub_private import (clear_search_entries, search_entries, search_index_config, stop_merging_search,
                         stop_writing_search_index)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.search_per_language")

SEARCH_PLUGINS = ("material/search", "search")
ZERO_WIDTH_SPACE = "\\u200b"  # as written inside a JavaScript RegExp character class
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


# Hooks


@event_priority(-110)  # after mkdocs-static-i18n's on_config (-100), which sets the build language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    search = _search_plugin(config)
    if search is None or not search.config.enabled:
        return config
    _take_over_index_writing(config, search)
    lang = _language(config)
    settings = search_settings(config, lang)
    for key, value in settings.items():
        search.config[key] = value
    # Material's plugin made its index from its config in its own on_config (priority 0): update it too.
    search_index_config(search).update(settings)
    log.debug("search %s: %s", lang, settings)
    return config


_dirty = {"build": False}


def on_startup(command: str, dirty: bool) -> None:
    """``./hub serve`` rebuilds with MkDocs' ``dirty`` option: only the pages it renders are indexed."""
    _dirty["build"] = dirty


def on_post_build(config: MkDocsConfig) -> None:
    """Write this language's index (runs before i18n's on_post_build, which starts the next language)."""
    search = _search_plugin(config)
    if search is None or not search.config.enabled:
        return
    lang, prefix = _language(config), _prefix(config)
    entries = search_entries(search)
    for entry in entries:
        if prefix and entry["location"].startswith(prefix):
            entry["location"] = entry["location"][len(prefix):]
    # As Material's SearchIndex.generate_search_index, but UTF-8 rather than \uXXXX escapes: the Arabic,
    # Chinese and Russian indexes are about half the size.
    index_config = search_index_config(search)
    settings = {key: index_config[key] for key in ("lang", "separator", "pipeline", "fields")}
    path = Path(config.site_dir, prefix, "search", "search_index.json")
    entries = _merged(path, entries) if _dirty["build"] else entries
    data = json.dumps({"config": settings, "docs": entries}, separators=(",", ":"), ensure_ascii=False,
                      default=str)
    utils.write_file(data.encode("utf-8"), str(path))
    log.info("search %s: %d entries in %s", lang, len(entries),
             path.relative_to(config.site_dir).as_posix())
    clear_search_entries(search)  # free the memory before the next language build


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    return _point_base_at_language(output, config)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # 404.html is rendered from a template with the absolute base of site_url.
    return _point_base_at_language(output_content, config)


# Helper functions


def _merged(path: Path, entries: list[dict]) -> list[dict]:
    """A dirty build's entries in place of the same pages' entries of the index already written."""
    try:
        previous = json.loads(path.read_text(encoding="utf-8"))["docs"]
    except (OSError, ValueError, KeyError):
        return entries
    rebuilt = {entry["location"].split("#", 1)[0] for entry in entries}
    return [entry for entry in previous if entry["location"].split("#", 1)[0] not in rebuilt] + entries


def search_settings(config: MkDocsConfig, lang: str) -> dict[str, Any]:
    """lunr ``lang``, ``separator`` and ``pipeline`` for one language, from Material's translations."""
    lunr = Path(_material_dir(), "templates", "assets", "javascripts", "lunr", "min", f"lunr.{lang}.min.js")
    separator = _translate(config, "search.config.separator")
    if ZERO_WIDTH_SPACE not in separator and "\u200b" not in separator:
        separator = separator.replace("[", "[" + ZERO_WIDTH_SPACE, 1) if separator.startswith("[") \
            else f"(?:{separator})|{ZERO_WIDTH_SPACE}"
    pipeline = [step for step in re.split(r"\s*,\s*", _translate(config, "search.config.pipeline").strip()) if step]
    return {
        "lang": [lang] if lang == "en" or lunr.is_file() else ["en"],
        "separator": separator,
        "pipeline": pipeline,
    }


def _point_base_at_language(output: str, config: MkDocsConfig) -> str:
    prefix = _prefix(config)
    if not prefix:
        return output
    match = CONFIG_SCRIPT.search(output)
    if match is None:
        return output
    app = json.loads(match.group(2))
    base = app.get("base", ".")
    app["base"] = f"{base.rstrip('/')}/{prefix}" if base not in ("", ".") else prefix
    return output[: match.start(2)] + str(htmlsafe_json_dumps(app)) + output[match.end(2):]


def _take_over_index_writing(config: MkDocsConfig, search) -> None:
    """Once per plugin set: Material no longer writes the root index, i18n no longer merges them
    (private hooks, both in hooks/hub_private.py)."""
    stop_writing_search_index(config, search)
    stop_merging_search(config)


def _search_plugin(config: MkDocsConfig):
    for name in SEARCH_PLUGINS:
        if name in config.plugins:
            return config.plugins[name]
    return None


def _language(config: MkDocsConfig) -> str:
    return config.theme["language"]


def _default_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.default_language if i18n is not None else _language(config)


def _prefix(config: MkDocsConfig) -> str:
    """``fr/`` in the French build, ``""`` in the default language's."""
    lang = _language(config)
    return "" if lang == _default_language(config) else f"{lang}/"


def _translate(config: MkDocsConfig, key: str) -> str:
    """A value of Material's translations for the build language (as Material's search plugin reads them)."""
    template = config.theme.get_env().get_template("partials/language.html", None, {"config": config})
    return template.module.t(key)


def _material_dir() -> str:
    import material

    return os.path.dirname(material.__file__)
