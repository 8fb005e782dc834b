"""Render the generated pages of every language from the hub's data and the templates in ``overrides/hub``.

Each page is a Markdown file whose body is HTML from an autoescaping Jinja environment (MkDocs' own
environment does not escape), with its title and description in YAML front matter.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import jinja2

from .languages import active, url_prefix
from .calendar_links import calendar_links
from .final_html import MARKER as FINAL_HTML
from .structured import plain, shorten, webinar_meta
from .localize import Formatter
from .model import Hub
from .pages import BY_NAME, PAGE_TYPES
from .urls import absolute, expert_path, series_path, webinar_path
from .views import (UNSTATED, PageContext, expert_card, figures_view, follow_view, lang_attr, series_card, series_page,
                    sources_view, time_view, webinar_card, webinar_page)

LATEST_PAST = 4  # past webinars on the home page


def front_matter(meta: dict) -> str:
    """Front matter as JSON, which is YAML too: serialized in C, many times faster than a YAML dumper.

    Line breaks that JSON leaves raw but YAML would fold inside a quoted string are escaped.
    """
    text = json.dumps(meta, ensure_ascii=False)
    return text.replace("\u0085", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@dataclass(frozen=True)
class GeneratedPage:
    stem: str  # docs-relative path without extension, e.g. "webinars/slug"
    lang: str
    title: str
    description: str
    body: str
    meta: dict = field(default_factory=dict)  # extra front matter, e.g. structured data for the head

    @property
    def filename(self) -> str:
        return f"{self.stem}.{self.lang}.md"

    def text(self) -> str:
        meta = {"title": self.title, "description": self.description, **self.meta}
        return f"---\n{front_matter(meta)}\n---\n\n{FINAL_HTML}\n{self.body.strip()}\n"


class Renderer:
    """Renders templates for one hub; one instance serves every language of a build."""

    def __init__(self, hub: Hub, template_dir: Path, site_url: str = "/"):
        self.hub = hub
        self.site_url = site_url
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(template_dir),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # a Renderer lives for one build: no need to stat every template per page
        )
        self.env.globals["lang_attr"] = lang_attr
        self.formatters = {code: Formatter(code) for code in active().codes}

    def context(self, lang: str, path: str) -> PageContext:
        return PageContext(self.hub, self.formatters[lang], path)

    def render(self, template: str, ctx: PageContext, **values) -> str:
        return self.env.get_template(template).render(ctx=ctx, f=ctx.f, t=ctx.f.t, ui=ctx.f.ui, lang=ctx.lang,
                                                      shown=ctx.shown, **values)

    # Generated pages -----------------------------------------------------------------------------

    def webinar(self, lang: str, slug: str) -> GeneratedPage:
        webinar = self.hub.by_slug[slug]
        ctx = self.context(lang, webinar_path(slug))
        view = webinar_page(ctx, webinar)
        title = view.card.heading
        description = ctx.f.webinar_line(webinar.data.number, webinar.data.date, webinar.data.language)
        kind = BY_NAME["webinar"]
        return GeneratedPage(kind.stem(slug), lang, title, description,
                             self.render(kind.template, ctx, page=view,
                                         add=calendar_links(self.hub, webinar, self.site_url, lang)),
                             meta=webinar_meta(ctx, webinar, self.site_url))

    def webinar_index(self, lang: str) -> GeneratedPage:
        kind = BY_NAME["webinars"]
        ctx = self.context(lang, kind.path())
        groups = []
        for year, webinars in _by_year(self.hub):
            series_groups = []
            for series_id in dict.fromkeys(w.data.series for w in webinars):
                series = self.hub.series.get(series_id)
                series_groups.append({
                    "title": ctx.text(series.title) if series else None,
                    "url": ctx.link(series_path(series_id)) if series else None,
                    "webinars": [webinar_card(ctx, w) for w in webinars if w.data.series == series_id],
                })
            groups.append({"year": year, "series": series_groups})
        f = ctx.f
        cards = [card for group in groups for series in group["series"] for card in series["webinars"]]
        filters = {
            "years": [str(group["year"]) for group in groups],
            # By name, "Language not stated" last: it is not a language to choose among the others.
            "languages": sorted({(c.filter_language, c.language) for c in cards},
                                key=lambda pair: (pair[0] == UNSTATED, pair[1])),
            "regions": sorted({c.region.text for c in cards if c.region}),
            # The languages some webinar is interpreted into, by name: a filter of its own, beside the delivery
            # language's (a webinar in French interpreted into Spanish is not "in Spanish").
            "interpretations": sorted({(code, ctx.f.language_name(code)) for c in cards
                                       for code in c.interpretation_codes}, key=lambda pair: pair[1]),
            # Every count the live message may show, formatted by Babel: hub.js picks one by index.
            "numbers": [f.number(n) for n in range(len(cards) + 1)],
            "total": len(cards),
        }
        return GeneratedPage(kind.stem(), lang, f.t("webinars_title"), f.t("webinars_description"),
                             self.render(kind.template, ctx, groups=groups, filters=filters,
                                         follow=follow_view(ctx, self.site_url)))

    def expert(self, lang: str, expert_id: str) -> GeneratedPage:
        ctx = self.context(lang, expert_path(expert_id))
        expert = self.hub.experts[expert_id]
        card = expert_card(ctx, expert_id)
        webinars = [webinar_card(ctx, w) for w in self.hub.by_expert.get(expert_id, ())]
        photo = None
        if expert.photo:
            photo = {"src": ctx.asset(expert.photo.removeprefix("webinars/")), "alt": ctx.text(expert.photo_alt)}
        links = [{"label": ctx.text(link.label), "url": link.url} for link in expert.links]
        kind = BY_NAME["expert"]
        body = self.render(kind.template, ctx, expert=card, bio=ctx.markdown(expert.bio), photo=photo,
                           links=links, webinars=webinars, sources=sources_view(ctx, expert.sources))
        return GeneratedPage(kind.stem(expert_id), lang, expert.name,
                             ctx.f.t("expert_description", name=expert.name), body)

    def expert_index(self, lang: str) -> GeneratedPage:
        kind = BY_NAME["experts"]
        ctx = self.context(lang, kind.path())
        experts = [expert_card(ctx, expert_id) for expert_id in self.hub.experts]
        f = ctx.f
        return GeneratedPage(kind.stem(), lang, f.t("experts_title"), f.t("experts_description"),
                             self.render(kind.template, ctx, experts=experts),
                             meta={} if experts else {"hub_menu": False})  # no tab for an empty page

    def series(self, lang: str, series_id: str) -> GeneratedPage:
        kind = BY_NAME["series"]
        ctx = self.context(lang, series_path(series_id))
        view = series_page(ctx, series_id)
        title = view.card["title"].text
        described = ctx.text(self.hub.series[series_id].description)  # the data's words first, else the site's
        text = shorten(plain(described.text)) if described else ctx.f.t("series_description", title=title)
        return GeneratedPage(kind.stem(series_id), lang, title, text, self.render(kind.template, ctx, page=view))

    def pages(self) -> Iterator[GeneratedPage]:
        """Every generated page of every language: each page type of ``hub.pages``, by its view."""
        for lang in active().codes:
            for page_type in PAGE_TYPES:
                view = getattr(self, page_type.view)
                if page_type.per_item:
                    for item in getattr(self.hub, page_type.items):
                        yield view(lang, item)
                else:
                    yield view(lang)

    def not_found(self) -> str:
        """Body of the single 404 page (GitHub Pages serves one at every path): a section per language, each
        with its lang and dir, the English one shown; links to every language's home; and, for hub.js, what
        the page's chrome says in each language (site name, menu labels, footer), so that under /ar/… or
        /zh/… the whole page speaks the language of the address. Links are absolute: it is served anywhere."""
        items, chrome = [], {}
        for language in active().all:
            f, home = self.formatters[language.code], url_prefix(language.code)
            items.append({
                "code": language.code, "rtl": language.rtl, "default": language.default,
                "name": language.native_name,
                "title": f.t("not_found_title"), "text": f.t("not_found_text"),
                "home": absolute(self.site_url, home), "home_label": f.t("home"),
                "webinars": absolute(self.site_url, home + "webinars/"), "webinars_label": f.t("all_webinars"),
                "other_languages": f.t("other_languages"),
            })
            chrome[language.code] = {
                "dir": "rtl" if language.rtl else "ltr",
                "site_name": f.t("site_name"), "title": f.t("not_found_title"),
                "menu": self._menu_labels(language.code),
                # The footer's texts, by the class of the element that holds each (partials/copyright.html).
                "footer": {"hub-development-agenda": f.t("development_agenda"), "hub-staff-guide": f.t("staff_guide"),
                           "hub-organisation": f.t("organisation_name"), "hub-contact": f.t("contact"),
                           "hub-privacy": f.t("privacy")},
            }
        return self.env.get_template("not_found.html").render(
            languages=items, chrome=json.dumps(chrome, ensure_ascii=False, sort_keys=True))

    def _menu_labels(self, lang: str) -> dict[str, str]:
        """Each top-level page's menu label in ``lang``, by its path ("" for the home page, "about/" …): the
        generated pages' from the UI strings, the hand-written pages' from their first heading (English
        where a page has no translation, as the i18n plugin falls back)."""
        f = self.formatters[lang]
        labels = {"": f.t("menu_home"), "webinars/": f.t("webinars_title"), "experts/": f.t("experts_title")}
        docs = self.hub.root / "docs"
        for source in sorted(docs.glob(f"*.{active().default}.md")):
            stem = source.name.split(".")[0]
            if stem == "index":
                continue
            translated = docs / f"{stem}.{lang}.md"
            title = _page_title((translated if translated.is_file() else source).read_text(encoding="utf-8"))
            if title:
                labels[f"{stem}/"] = title
        return labels

    # Fragments placed in hand-written pages ------------------------------------------------------

    def fragment(self, name: str, lang: str, path: str) -> str:
        ctx = self.context(lang, path)
        views = {
            "upcoming": lambda: self._upcoming(ctx),
            "past": lambda: {"past": [webinar_card(ctx, w) for w in self._recent()]},
            "series": lambda: {"series_list": self._series(ctx)},
            "figures": lambda: {"series_list": figures_view(ctx)},
        }
        if name not in views:
            raise ValueError(f"unknown marker <!-- hub:{name} --> in a page of docs/ (known: {', '.join(views)})")
        return self.render(f"fragments/{name}.html", ctx, **views[name]())


    def _upcoming(self, ctx: PageContext) -> dict:
        """The next scheduled webinar (with its time), then the other upcoming ones; how to follow them all."""
        upcoming = self.hub.upcoming
        following = next((w for w in upcoming if w.data.status == "scheduled"), None)
        return {
            "next": {"card": webinar_card(ctx, following), "time": time_view(ctx, following)} if following else None,
            "upcoming": [webinar_card(ctx, w) for w in upcoming if w is not following],
            "follow": follow_view(ctx, self.site_url),
        }

    def _recent(self):
        """The latest past webinars, those with a recording first (each group most recent first)."""
        past = self.hub.past
        return (tuple(w for w in past if w.data.recording) + tuple(w for w in past if not w.data.recording))[:LATEST_PAST]

    def _series(self, ctx: PageContext) -> list[dict]:
        """The series that have webinars, each linked to its page."""
        return [series_card(ctx, series_id) for series_id in self.hub.series if self.hub.in_series.get(series_id)]


MARKER = re.compile(r"<!--\s*hub:([a-z-]+)\s*-->")
TITLE = re.compile(r"^title:\s*[\"']?(.+?)[\"']?\s*$|^# (.+?)\s*(?:\{.*\})?\s*$", re.M)


def _page_title(text: str) -> str | None:
    """A hand-written page's title as MkDocs takes it: its front matter's ``title``, else its first heading."""
    match = TITLE.search(text)
    return (match[1] or match[2]).strip() if match else None


def expand_markers(text: str, renderer: Renderer, lang: str, path: str) -> str:
    """Replace ``<!-- hub:name -->`` in a hand-written page by the generated fragment ``name``."""
    return MARKER.sub(lambda match: renderer.fragment(match[1], lang, path).strip(), text)


def _by_year(hub: Hub):
    """Webinars grouped by year, newest first throughout (within a year too: the list reads back in time
    from its top, like the home page's latest webinars; the home page leads with the next one)."""
    years: dict[int, list] = {}
    for webinar in reversed(hub.webinars):
        years.setdefault(webinar.data.date.year, []).append(webinar)
    return sorted(years.items(), reverse=True)
