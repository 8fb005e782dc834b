"""The page-type registry (hooks/hub/pages.py) is what the menu, the UI strings, the renderer and the
browser tests' page lists follow: a page type added there and nowhere else fails here, by name."""

from __future__ import annotations

import ast
from datetime import date

import pytest
import yaml

from conftest import FIXTURES, LANGS, ROOT, SAMPLES
from hub.localize import LOCALES_DIR
from hub.pages import BY_NAME, PAGE_TYPES, sample_pages
from hub.yamlload import load_file

WEBINAR_STATES = ("upcoming", "recording", "past")  # the webinar page's samples, by state


class _Tags(yaml.SafeLoader):
    """mkdocs.yml's tags read as plain values (only its nav is read here)."""


_Tags.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_every_page_type_with_a_tab_is_in_the_menu():
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tags)["nav"]  # noqa: S506
    entries = {item if isinstance(item, str) else next(iter(item.values())) for item in nav}
    assert {page_type.menu for page_type in PAGE_TYPES if page_type.menu} <= entries


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_type_has_its_ui_strings(lang):
    strings = load_file(LOCALES_DIR / f"{lang}.yml")
    missing = [(page_type.name, key) for page_type in PAGE_TYPES for key in page_type.strings if not strings.get(key)]
    assert missing == []


def test_every_page_type_has_its_template_and_view():
    from hub.render import Renderer

    for page_type in PAGE_TYPES:
        assert (ROOT / "overrides" / "hub" / page_type.template).is_file(), page_type.name
        assert callable(getattr(Renderer, page_type.view)), page_type.name


def test_the_samples_cover_every_page_type():
    """One page of each type in the sites the browser tests visit (the fixture data has every state)."""
    kinds = set(SAMPLES["real_site"]) | set(SAMPLES["fixture_site"])
    for page_type in PAGE_TYPES:
        assert page_type.name in kinds or (page_type.name == "webinar" and set(WEBINAR_STATES) <= kinds)
    fixture = SAMPLES["fixture_site"]
    assert fixture["upcoming"] == "webinars/2027-03-28-upcoming-across-dst/"  # the soonest scheduled one
    assert fixture["recording"] == "webinars/2026-01-15-past-with-recording/"  # the latest with a recording
    assert fixture["expert"] == BY_NAME["expert"].path("ada-example")
    assert SAMPLES["real_site"]["home"] == "" and SAMPLES["real_site"]["figures"] == "figures/"


def test_samples_follow_the_build_date(tmp_path):
    (tmp_path / "docs").symlink_to(ROOT / "docs")
    import shutil

    shutil.copytree(FIXTURES / "hub", tmp_path / "webinars")
    later = sample_pages(tmp_path, date(2030, 1, 1))  # every fixture webinar is past by then
    assert "upcoming" not in later
    assert later["past"] == "webinars/2027-06-10-upcoming-bogota/"  # the latest, without a recording


def _page_kinds(path) -> set[str]:
    """The kinds named in a browser test's ``PAGES`` table (any dictionary of string keys in it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(target, "id", "") == "PAGES" for target in node.targets):
            return {key.value for dictionary in ast.walk(node) if isinstance(dictionary, ast.Dict)
                    for key in dictionary.keys if isinstance(key, ast.Constant) and isinstance(key.value, str)}
    return set()


def test_the_browser_tests_visit_every_page_type():
    tables = {name: _page_kinds(ROOT / "tests" / name) for name in
              ("test_browser.py", "test_requests.py", "test_lighthouse.py", "browser_support.py")}
    visited = set().union(*tables.values())
    assert visited, "no PAGES table found in the browser tests"
    for page_type in PAGE_TYPES:
        wanted = set(WEBINAR_STATES) if page_type.name == "webinar" else {page_type.name}
        assert wanted <= visited, f"{page_type.name}: add it to the browser tests' PAGES (hub.pages.sample_pages)"
