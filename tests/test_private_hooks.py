"""The private state of other packages that the hub still uses lives in hooks/hub_private.py only, and
an upgrade that changes what it relies on fails here, naming what changed."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

import hub_private

PRIVATE = (r"\.building\b", r"\.current_language\s*=", r"i18n_files_per_language", r"extend_search_entries",
           r"reconfigure_search_index", r"\.search_index\b", r"plugins\.events\b")


def test_what_the_private_hooks_rely_on_is_unchanged():
    changed = hub_private.changed()
    assert not changed, ("an upgrade changed what hooks/hub_private.py relies on; check each use again, "
                         "then record the new digests there:\n  " + "\n  ".join(changed))


def test_no_other_module_touches_private_state():
    offenders = []
    for path in sorted((ROOT / "hooks").rglob("*.py")):
        if path.name == "hub_private.py":
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(ROOT)}: {pattern}" for pattern in PRIVATE if re.search(pattern, text)]
    assert not offenders, offenders


def test_the_digest_check_names_a_change(monkeypatch):
    name = next(iter(hub_private.CHECKED))
    monkeypatch.setitem(hub_private.CHECKED, name, "0" * 64)
    assert hub_private.changed() == [f"{name} changed"]
    monkeypatch.setitem(hub_private.VERSIONS, "mkdocs-static-i18n", "0.0.1")
    assert hub_private.changed()[0].startswith("mkdocs-static-i18n is 1.3.1, checked with 0.0.1")


def test_no_template_or_stylesheet_names_a_theme_version():
    """Nothing hard-codes a theme's build: its asset file names carry a hash that changes with each release."""
    found = []
    for folder in (ROOT / "overrides", ROOT / "hooks" / "zensical"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".css", ".js"):
                text = path.read_text(encoding="utf-8")
                for match in re.finditer(r"(?:main|bundle|palette)\.[0-9a-f]{8}\.min\.(?:css|js)", text):
                    found.append(f"{path.relative_to(ROOT)}: {match[0]}")
    assert not found, found


def test_the_theme_fix_still_finds_materials_markup():
    """hooks/hub_mkdocs.py fixes Material's table of contents in the output (no copied partial): the markup it
    looks for must still be what Material's partial writes."""
    import material

    import hub_mkdocs

    partials = Path(material.__file__).parent / "templates" / "partials"
    assert hub_mkdocs.TOC_LABEL in (partials / "toc.html").read_text(encoding="utf-8"), \
        "Material's table of contents label changed"
    assert 'for="__toc"' not in hub_mkdocs.theme_fixes(hub_mkdocs.TOC_LABEL)
