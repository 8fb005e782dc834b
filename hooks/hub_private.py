"""Every use of another package's private state, in one place (mkdocs-static-i18n, Material's search).

The hub uses these packages through their public options everywhere else. What is left here has no
public way yet, each with why:

mkdocs-static-i18n 1.3.1
  ``build_one_language``: one MkDocs build per language. The plugin's public ``build_only_locale`` makes
  the language it builds the *default* one: its pages move to the site root, and pages written in the
  default language only are no longer used as fallbacks (``fallback_to_default``), so the switcher and
  the fallbacks would be wrong. Setting ``current_language`` and ``building`` makes the plugin build the
  given language as it would in its own loop over languages, and stop there.
  ``stop_merging_search``: when the plugin's own loop builds the languages (a plain ``mkdocs build``),
  it gathers every language's search entries and writes one merged index at the root; the hub writes
  one index per language instead (``hooks/search_per_language.py``).

mkdocs-material 9.8.2, search plugin
  ``stop_writing_search_index``: its ``on_post_build`` writes ``search/search_index.json`` at the build's
  root with ``\\uXXXX`` escapes; the hub writes each language's index itself, where that language's
  pages are, from the plugin's ``search_index.entries`` and ``search_index.config``.

``CHECKED`` lists the functions whose behaviour these rely on, with a digest of their source as
installed when this was written; ``tests/test_private_hooks.py`` fails on an upgrade that changes any of
them and names which, so that each use is checked again (and dropped where a public way appeared).
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
from importlib.metadata import version
from typing import Any

VERSIONS = {"mkdocs-static-i18n": "1.3.1", "mkdocs-material": "9.8.2", "mkdocs": "1.6.1"}

# "module:qualified name" -> sha256 of its source (inspect.getsource), as installed at VERSIONS.
CHECKED = {
    "mkdocs_static_i18n.plugin:I18n.on_config":
        "62242a25c3aa688f19917c852ea900ffd655d50c0d76471015e20cecc2befa8e",
    "mkdocs_static_i18n.plugin:I18n.on_post_build":
        "e70db1f72973bb706c219b3f442b8b7b2df2cb7d110c882f9a59559779372e0d",
    "mkdocs_static_i18n.reconfigure:ExtendedPlugin.__init__":
        "85a1f663216d5ead2c152c7982bfa09b7103670ab4c0054629de517f731c26b5",
    "mkdocs_static_i18n.reconfigure:ExtendedPlugin.build_languages":
        "1f1e57477ac37e124113d287875e09ddeaefd8f001651e007633b9af5b4ddf84",
    "mkdocs_static_i18n.reconfigure:ExtendedPlugin.extend_search_entries":
        "d4e037f26cbcb62f16969eaa852c731d4f9607f08f85b03f9ad7bba23b4fb221",
    "mkdocs_static_i18n.reconfigure:ExtendedPlugin.reconfigure_search_index":
        "099e6f4a0ff3367b5033190e9b9ef552156f7a2da3328aa574e3de804efb5a6c",
    "material.plugins.search.plugin:SearchPlugin.on_config":
        "ca198aee63840c7b9d535f1f74728e8aa91fffa06811e53ed21e66ce8de12095",
    "material.plugins.search.plugin:SearchPlugin.on_post_build":
        "fa24b7a906c9eccff96e0ae581fd058bdec085e56772f5b6d8a1ca1e3f433c31",
    "material.plugins.search.plugin:SearchIndex.generate_search_index":
        "59ba9853f37a2b42be727cb61044b3fb08817c3d022b21e32389725b290176b4",
    "mkdocs.plugins:PluginCollection._register_event":
        "6730d24b5fddbf3a4cd20fed48cb3d69888535466b6beecdf96df25d5b3e1392",
}


def build_one_language(config: Any, language: str) -> None:
    """Make mkdocs-static-i18n build ``language`` only, still listing every language in its switcher.

    Raises ``ValueError`` when the plugin is missing or does not build that language."""
    i18n = config.plugins.get("i18n")
    if i18n is None or language not in i18n.build_languages:
        raise ValueError(f"{language!r} is not one of the languages built by the i18n plugin")
    i18n.current_language = language
    i18n.building = True  # its on_post_build then returns at once instead of building the other languages


def stop_merging_search(config: Any) -> None:
    """mkdocs-static-i18n's own loop no longer gathers the languages' entries into one root index."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and not getattr(i18n, "_hub_search_per_language", False):
        i18n.extend_search_entries = lambda config: None
        i18n.reconfigure_search_index = lambda config: None
        i18n._hub_search_per_language = True


def stop_writing_search_index(config: Any, search: Any) -> None:
    """Material's search plugin no longer writes its index (the hub writes one per language)."""
    events = config.plugins.events["post_build"]
    events[:] = [method for method in events if getattr(method, "__self__", None) is not search]


def search_entries(search: Any) -> list[dict]:
    return search.search_index.entries


def clear_search_entries(search: Any) -> None:
    search.search_index.entries = []


def search_index_config(search: Any) -> dict:
    """The settings Material's index was made with (its ``on_config`` copies the plugin's)."""
    return search.search_index.config


# The upgrade check (tests/test_private_hooks.py)


def source_digest(name: str) -> str:
    module_name, _, qualified = name.partition(":")
    target: Any = importlib.import_module(module_name)
    for part in qualified.split("."):
        target = getattr(target, part)
    if isinstance(target, property):
        target = target.fget
    return hashlib.sha256(inspect.getsource(target).encode("utf-8")).hexdigest()


def changed() -> list[str]:
    """What differs from what this module was checked against: package versions, then functions."""
    found = [f"{package} is {version(package)}, checked with {expected}"
             for package, expected in VERSIONS.items() if version(package) != expected]
    for name, digest in CHECKED.items():
        try:
            now = source_digest(name)
        except (ImportError, AttributeError) as error:
            found.append(f"{name} is gone ({error})")
            continue
        if now != digest:
            found.append(f"{name} changed")
    return found
