"""The editor's bundle made to fetch nothing from other hosts: its fonts and its update check, from the site.

Sveltia CMS's bundle loads three fonts from a CDN (jsDelivr's copy of Fontsource), its interface in
languages other than English from unpkg.com, and asks unpkg.com for its latest version every hour. The site serves the editor itself, so both are pointed at files beside
``index.html``: each font comes from its Fontsource npm package, pinned in ``package-lock.json`` at the
version the bundle names (a different pin stops the build), the translations come from the pinned
package's own ``locales/`` folder, and the update check reads the pinned
package's own ``package.json`` (so it never announces a version the lockfile does not pin: updating is a
change to the lockfile, reviewed as any other). Each rewrite must match exactly once, so a new Sveltia
release that loads things differently stops the build rather than slipping a CDN request through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .bundle import BundleError

FONT_URL = re.compile(
    r"https://cdn\.jsdelivr\.net/fontsource/fonts/(?P<name>[a-z0-9-]+)(?P<variable>:vf)?@(?P<version>[0-9.]+)/"
    r"(?P<file>[a-z0-9-]+\.woff2)")
PACKAGE_BASE = re.compile(r"(\w+)=`https://unpkg\.com/@sveltia/cms`")
UPDATE_FILE = "sveltia-cms-package.json"  # the pinned package's package.json, served beside the bundle
FONT_FOLDER = "fonts"
LOCALE_FOLDER = "locales"  # the interface's translations (locales/<code>.json of the pinned package)


@dataclass(frozen=True)
class Font:
    url: str  # as the bundle names it
    package: str  # the npm package holding it
    version: str
    member: str  # its path in the package's tarball

    @property
    def file_name(self) -> str:
        return self.member.rpartition("/")[2]


def fonts(script: str) -> list[Font]:
    """The fonts the bundle loads from the CDN, each with the Fontsource package that holds it."""
    found = []
    for match in sorted(set(FONT_URL.finditer(script)), key=lambda m: m.start()):
        name = match["name"]
        package = f"@fontsource-variable/{name}" if match["variable"] else f"@fontsource/{name}"
        found.append(Font(match[0], package, match["version"], f"files/{name}-{match['file']}"))
    return list({font.url: font for font in found}.values())


def _replace_once(script: str, old: str, new: str, what: str) -> str:
    count = script.count(old)
    if count != 1:
        raise BundleError(f"the pinned Sveltia CMS names {what} {count} times, not once: review hub/editor/offline.py "
                          "before pinning this version")
    return script.replace(old, new)


def localized(script: str) -> str:
    """The bundle with its fonts under ``fonts/`` and its update check on ``UPDATE_FILE`` (both relative to
    the page). Raises BundleError when a rewrite does not match exactly once."""
    for font in fonts(script):
        script = script.replace(font.url, f"{FONT_FOLDER}/{font.file_name}")
    if "cdn.jsdelivr.net" in script:
        raise BundleError("the pinned Sveltia CMS still loads something from cdn.jsdelivr.net: review hub/editor/offline.py")
    base = PACKAGE_BASE.search(script)
    if not base:
        raise BundleError("the pinned Sveltia CMS no longer names unpkg.com/@sveltia/cms: review hub/editor/offline.py")
    script = _replace_once(script, f"`${{{base[1]}}}/package.json`", f"`{UPDATE_FILE}`", "its update check")
    locales = re.search(r"`\$\{" + base[1] + r"\}@\$\{\w+\}/locales`", script)
    if not locales:
        raise BundleError("the pinned Sveltia CMS no longer loads its interface languages from unpkg.com/@sveltia/cms@VERSION"
                          "/locales: review hub/editor/offline.py")
    return _replace_once(script, locales[0], f"`{LOCALE_FOLDER}`", "its interface languages' folder")
