"""The generated page types, one entry each: where the pages live, which view and template make them.

Everything that needs to know the generated pages reads this list: ``Renderer.pages()`` (which pages
are rendered), ``urls`` (each page's address), ``catalog`` (the ids a data file cannot take),
``build.estimated_pages`` (how many pages a build writes), ``tests/test_page_types.py`` (the menu of
``mkdocs.yml`` and the UI strings), and ``sample_pages`` (one page of each type, for the browser tests).

A page type is either a *list* (one page per language, e.g. ``webinars/``) or made *per item* of the
data (``webinars/{id}/``, one per webinar and language). See the README, "Adding a page type".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class PageType:
    name: str  # the page type, as the browser tests name their pages ("webinars", "expert")
    pattern: str  # the page's address without language prefix; "{id}" for a page per item
    view: str  # the Renderer method that makes one page: view(lang) for a list, view(lang, id) per item
    template: str  # its template in overrides/hub/
    strings: tuple[str, ...] = ()  # its UI strings (hooks/hub/locales/<lang>.yml)
    items: str = ""  # per item: the Hub mapping whose keys are the ids ("by_slug", "experts")
    data: str = ""  # per item: where the data files are, as a glob under webinars/ (ids = file names)
    menu: str = ""  # its entry in mkdocs.yml's nav ("webinars/index.md"), when it has a tab

    @property
    def per_item(self) -> bool:
        return "{id}" in self.pattern

    def path(self, item: str = "") -> str:
        """Directory URL without language prefix, e.g. ``webinars/slug/``."""
        return self.pattern.replace("{id}", item)

    def stem(self, item: str = "") -> str:
        """The staged page's docs path without language and extension, e.g. ``webinars/index``."""
        path = self.path(item).rstrip("/")
        return path if self.per_item else f"{path}/index"

    @property
    def folder(self) -> str:
        return self.pattern.split("/", 1)[0]


# In the order the pages are rendered (and staged) in each language.
PAGE_TYPES: tuple[PageType, ...] = (
    PageType("webinars", "webinars/", "webinar_index", "webinar_index.html",
             ("webinars_title", "webinars_description"), menu="webinars/index.md"),
    PageType("experts", "experts/", "expert_index", "expert_index.html",
             ("experts_title", "experts_description"), menu="experts/index.md"),
    PageType("webinar", "webinars/{id}/", "webinar", "webinar.html", (), items="by_slug", data="*.yml"),
    PageType("expert", "experts/{id}/", "expert", "expert.html", ("expert_description",), items="experts",
             data="experts/*.yml"),
    # No list page: the home page's "Series of webinars" lists them (a series index would repeat it).
    PageType("series", "series/{id}/", "series", "series.html",
             ("series_kicker", "series_description", "series_webinars", "series_materials",
              "period"), items="series", data="series/*.yml"),
)
BY_NAME = {page_type.name: page_type for page_type in PAGE_TYPES}


def reserved_ids(folder: str) -> frozenset[str]:
    """The ids a data file of ``folder`` (webinars, experts) cannot take: the list pages beside its pages."""
    return frozenset(page_type.stem().rsplit("/", 1)[1] for page_type in PAGE_TYPES
                     if not page_type.per_item and page_type.folder == folder)


def estimated_pages(root: Path, languages: int) -> int:
    """The generated pages a build writes, counted from file names only (nothing is read)."""
    data = root / "webinars"
    return languages * sum(sum(1 for _ in data.glob(page_type.data)) if page_type.per_item else 1
                           for page_type in PAGE_TYPES)


def sample_pages(root: Path, today: date) -> dict[str, str]:
    """One page of each type of the site built from the project at ``root`` (its ``docs/`` and
    ``webinars/``) on ``today``, as site-relative URLs in the default language, keyed by kind: each hand-written page ("home", "figures", …), each list,
    each page type made per item ("expert": the first), and the webinar page in each state the data
    has ("upcoming": the first scheduled; "recording": the latest past one with a recording; "past":
    the latest without one), and "missing" (the 404 page). Runs with the active languages."""
    from .catalog import load_catalog
    from .languages import active
    from .model import build_hub

    hub = build_hub(load_catalog(root), today)
    default = active().default
    samples: dict[str, str] = {}
    for page in sorted((root / "docs").glob(f"*.{default}.md")):
        stem = page.name.split(".", 1)[0]
        samples["home" if stem == "index" else stem] = "" if stem == "index" else f"{stem}/"
    for page_type in PAGE_TYPES:
        if not page_type.per_item:
            samples[page_type.name] = page_type.path()
        elif page_type.name != "webinar":
            ids = sorted(getattr(hub, page_type.items))
            if ids:
                samples[page_type.name] = page_type.path(ids[0])
    webinar = BY_NAME["webinar"]
    states = {"upcoming": hub.scheduled[:1],  # soonest first
              "recording": [w for w in hub.past if w.data.recording][:1],  # most recent first
              "past": [w for w in hub.past if not w.data.recording][:1]}
    for state, found in states.items():
        if found:
            samples[state] = webinar.path(found[0].slug)
    samples["missing"] = "no-such-page/"
    return samples
