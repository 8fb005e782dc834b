"""Every use of another package's private state, in one place (mkdocs-static-i18n).

The hub uses these packages through their public options everywhere else. What is left here has no
public way yet, each with why:

mkdocs-static-i18n 1.3.1
  ``build_one_language``: one MkDocs build per language. The plugin's public ``build_only_locale`` makes
  the language it builds the *default* one: its pages move to the site root, and pages written in the
  default language only are no longer used as fallbacks (``fallback_to_default``), so the switcher and
  the fallbacks would be wrong. Setting ``current_language`` and ``building`` makes the plugin build the
  given language as it would in its own loop over languages, and stop there.

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

VERSIONS = {"mkdocs-static-i18n": "1.3.1", "mkdocs": "1.6.1"}

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
}


def build_one_language(config: Any, language: str) -> None:
    """Make mkdocs-static-i18n build ``language`` only, still listing every language in its switcher.

    Raises ``ValueError`` when the plugin is missing or does not build that language."""
    i18n = config.plugins.get("i18n")
    if i18n is None or language not in i18n.build_languages:
        raise ValueError(f"{language!r} is not one of the languages built by the i18n plugin")
    i18n.current_language = language
    i18n.building = True  # its on_post_build then returns at once instead of building the other languages


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
