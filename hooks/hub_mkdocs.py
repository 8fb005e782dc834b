"""MkDocs adapter of the webinar hub: wires MkDocs events to the MkDocs-free pipeline in ``hub/``.

Two ways in, told apart by ``config.extra["hub_job"]``:

* ``./hub build`` and ``./hub serve`` (``hub.build``, ``hooks/hub_serve.py``) prepare the data first and
  hand each MkDocs build a ``LanguageJob`` (``hooks/hub_mkdocs_build.py``): the language to build (the
  one private hook this needs, for mkdocs-static-i18n, is in ``hooks/hub_private.py``), the staged
  folder, the 404 page's body. This adapter then only points MkDocs at the staged folder;
* a plain ``mkdocs build`` or ``mkdocs serve`` (no job): the settings come from MkDocs' own loaded
  configuration, the data is prepared here (``hub.site.prepare``, cached), and mkdocs-static-i18n's own
  loop runs every event once per language, English first, into the site root; the files that belong to
  no language are written after English.

``hooks/hub_zensical.py`` is the other engine's adapter.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit
from typing import TYPE_CHECKING

import jinja2
from jinja2 import FileSystemBytecodeCache
from markdown.extensions.toc import slugify_unicode
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Link
from mkdocs.utils.meta import get_data

from hub import languages
from hub.catalog import DataError
from hub.final_html import FinalHtmlExtension
from hub.markup import finish_content, mark_current_language
from hub.structured import social_defaults
from hub.localize import Formatter
from hub.settings import Settings, SettingsError, settings_from
from hub.trust import document_pattern, footer_links, link_symbols
from hub.urls import absolute_link, development_agenda_url
from hub_mkdocs_build import JOB  # config.extra key of the LanguageJob the engine gives
from hub_private import build_one_language

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.hub")


# Hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Point MkDocs at the staged docs: the job's (one language), or prepared here (a plain build)."""
    # Listed, the theme's sitemap templates are not copied as files; on_files stops them being rendered.
    config.theme.static_templates.add("sitemap.xml")
    job = config.extra.get(JOB)
    if job is not None:
        _build_one_language(config, job.language)
        if not job.not_found:
            config.theme.static_templates.discard("404.html")  # the site's 404 page is the default language's
        staging = job.staging
    else:
        staging = _plain_build(config).prepared.staging
    config.docs_dir = str(staging)
    if not any(isinstance(extension, FinalHtmlExtension) for extension in config.markdown_extensions):
        config.markdown_extensions.append(FinalHtmlExtension())  # generated pages' HTML skips Markdown's HTML parser
    root = _settings(config).root
    for watched in (root / "docs", root / "webinars", root / "overrides"):
        if str(watched) not in config.watch:
            config.watch.append(str(watched))
    return config


def on_files(files, /, *, config: MkDocsConfig):
    """The hub writes sitemap.xml itself (hub/extras/sitemap.py): no language build has all the pages.
    Material's search files (lunr and its worker) are not copied: the search is Pagefind's (hub/search.py)."""
    config.theme.static_templates.discard("sitemap.xml")
    for file in [file for file in files if file.src_uri.startswith(MATERIAL_SEARCH)]:
        files.remove(file)
    return files


MATERIAL_SEARCH = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


def on_nav(nav, /, *, config: MkDocsConfig, files):
    """Tabs only for pages with something for visitors (a page says ``hub_menu: false`` in its front
    matter when it has nothing yet), the first one "Home"; the Development Agenda link, in the page's
    language, closes the menu."""
    nav.items[:] = [item for item in nav.items if _in_menu(item)]
    for item in nav.items:  # the home page's tab is "Home" in the page's language, not the site's long name
        if getattr(item, "is_homepage", False) or (getattr(item, "file", None) and item.file.src_uri.startswith("index.")):
            item.title = _text(config, "menu_home")
    nav.items.append(Link(_text(config, "development_agenda"), _development_agenda_url(config)))
    return nav


def on_env(env, /, *, config: MkDocsConfig, files):
    """Values the theme overrides print: the footer link and the 404 page body.

    The theme's templates are compiled once and kept in ``.cache/``: MkDocs makes a new Jinja
    environment for each language build, and each one would compile them all again.
    """
    env.bytecode_cache = FileSystemBytecodeCache(_jinja_cache(_settings(config).root / ".cache"))
    site_url = _site_url(config)
    env.filters["hub_absolute"] = lambda link: absolute_link(site_url, str(link))
    env.globals["hub"] = {
        "prefix": languages.url_prefix(_language(config)),
        "staff_guide": _text(config, "staff_guide"),
        "search_close": _text(config, "search_close"),
        "search_failed": _text(config, "search_failed"),
        "search_title": _text(config, "search_title"),
        "search_none": _text(config, "search_none"),
        "search_one": _text(config, "search_one"),
        "search_other": _text(config, "search_other"),
        "development_agenda": _text(config, "development_agenda"),
        "organisation_name": _text(config, "organisation_name"),
        "contact": _text(config, "contact"),
        "privacy": _text(config, "privacy"),
        "not_found_title": _text(config, "not_found_title"),
        "development_agenda_url": _development_agenda_url(config),
        "not_found": _not_found(config),
        "footer": _footer(config, _language(config)),  # organisation, contact, privacy: only those configured
        "footers": {code: _footer(config, code) for code in languages.active().codes},  # the 404 page's, for every language
        "social": social_defaults(_language(config), site_url),  # link previews (hub/structured.py)
    }
    return env


def on_page_markdown(markdown: str, /, *, page, config: MkDocsConfig, files) -> str:
    """The header tabs are the hub's menu: no navigation sidebar beside the page on wide screens
    (Material's own ``hide`` front matter; on phones its drawer still holds the menu)."""
    hide = page.meta.setdefault("hide", [])
    if "navigation" not in hide:
        hide.append("navigation")
    return markdown


def on_page_content(html: str, /, *, page, config: MkDocsConfig, files) -> str:
    """Drop a page's Markdown once converted: MkDocs holds every page at once, so this lowers the peak."""
    page.markdown = ""
    # Document symbols linked to the organisation's pages, when mkdocs.yml gives the pattern (hub/trust.py).
    return finish_content(link_symbols(html, _document_pattern(config), _language(config)), _language(config))


def on_post_page(output: str, /, *, page, config: MkDocsConfig) -> str:
    """Drop a page's HTML and head data once its file is written: MkDocs keeps every page of a
    language until the end of its build, and these are the largest parts of a page."""
    page.content = ""
    for key in [key for key in page.meta if key.startswith("hub_")]:
        del page.meta[key]
    return mark_current_language(theme_fixes(output), _language(config))


def on_post_template(output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    return theme_fixes(output_content) if template_name.endswith(".html") else output_content


# A fix to the theme's HTML, made on the output rather than in a copy of Material's partial: Material
# includes partials/toc.html directly (no block to extend), CSS cannot remove an attribute, and JavaScript
# would not fix the HTML the validity tests read.
TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def theme_fixes(output: str) -> str:
    """The table of contents' title no longer points at Material's ``__toc`` toggle where the page has none
    (Material writes the toggle for pages in the navigation only; generated pages are not in it)."""
    if 'id="__toc"' not in output:
        output = output.replace(TOC_LABEL, '<label class="md-nav__title">')
    return output


def on_pre_build(config: MkDocsConfig) -> None:
    """The site's name and the headings' permalink title in the language being built, and heading ids made
    of the heading's own words in any script (Python-Markdown's default keeps ASCII only: an Arabic, Chinese
    or Russian heading's link read "#_1"); remember where the root (English) site goes."""
    config.site_name = _text(config, "site_name")
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = _text(config, "permalink_title")
    toc["slugify"] = slugify_unicode
    if config.extra.get(JOB) is None and _language(config) == _settings(config).languages.default:
        _plain_build(config).root_site_dir = Path(config.site_dir)


def on_post_build(config: MkDocsConfig) -> None:
    """A plain ``mkdocs build``: write language-independent files once; keep the English 404 page as
    the site's only one; after the last language, index the whole site for search (``hub.build`` does
    all three itself)."""
    if config.extra.get(JOB) is not None:
        return
    plain = _plain_build(config)
    root_404 = plain.root_site_dir / "404.html"
    codes = _settings(config).languages.codes
    default = _settings(config).languages.default
    if _language(config) == default:
        from hub.site import write_site_files

        write_site_files(plain.prepared, Path(config.site_dir))
        plain.root_404 = root_404.read_bytes()
    elif root_404.exists():
        # Each language build rewrites the root 404.html; the last one would otherwise win.
        root_404.write_bytes(plain.root_404)
    if _language(config) == [code for code in codes if code != default or len(codes) == 1][-1]:
        _index_for_search(plain.root_site_dir)  # mkdocs-static-i18n builds the default language, then the others in order


def on_serve(server, /, *, config: MkDocsConfig, builder):
    """Watch the sources, not the staged copy the build itself rewrites."""
    server.unwatch(config.docs_dir)
    return server


# Helper functions

PLAIN = "hub_plain_build"  # config.extra key of a plain mkdocs build's state (one config, every language)


class PlainBuild:
    """A plain ``mkdocs build``: the settings read from MkDocs' configuration, the data prepared once."""

    def __init__(self, config: MkDocsConfig):
        from hub.site import prepare

        try:
            self.settings = settings_from(config, Path(config.config_file_path).resolve())
        except SettingsError as error:
            raise PluginError(str(error)) from None
        languages.activate(self.settings.languages)  # MkDocs owns the process: its languages are the site's
        try:
            self.prepared = prepare(self.settings)
        except (DataError, ValueError) as error:
            raise PluginError(str(error)) from None
        self.root_site_dir = Path(config.site_dir)
        self.root_404 = b""


def _plain_build(config: MkDocsConfig) -> PlainBuild:
    """mkdocs-static-i18n builds every language with the same configuration: prepared for the first,
    reused by the others (``hub.site.prepare``'s cache also keeps ``mkdocs serve``'s rebuilds cheap)."""
    plain = config.extra.get(PLAIN)
    if plain is None:
        plain = config.extra[PLAIN] = PlainBuild(config)
    return plain


def _settings(config: MkDocsConfig) -> Settings:
    job = config.extra.get(JOB)
    return job.settings if job is not None else _plain_build(config).settings


def _not_found(config: MkDocsConfig) -> str:
    job = config.extra.get(JOB)
    return job.not_found if job is not None else _plain_build(config).prepared.not_found


def _index_for_search(site: Path) -> None:
    """Pagefind over the site mkdocs-static-i18n's loop has just finished (hub/search.py)."""
    from hub.search import SearchIndexError, index

    try:
        log.info(index(site))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def _build_one_language(config: MkDocsConfig, language: str) -> None:
    """mkdocs-static-i18n builds ``language`` only (a private hook: see hooks/hub_private.py)."""
    try:
        build_one_language(config, language)
    except ValueError as error:
        raise PluginError(str(error)) from None


def _in_menu(item) -> bool:
    file = getattr(item, "file", None)
    if file is None or not file.abs_src_path:
        return True
    _, meta = get_data(Path(file.abs_src_path).read_text(encoding="utf-8-sig"))
    return meta.get("hub_menu", True) is not False


def _jinja_cache(cache: Path) -> str:
    """A folder per Jinja version: its bytecode may change without its cache format saying so."""
    folder = cache / f"jinja-{jinja2.__version__}" / "theme"
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder)


def _site_url(config: MkDocsConfig) -> str:
    return config.site_url or "/"


def _language(config: MkDocsConfig) -> str:
    return config.theme["language"]


def _text(config: MkDocsConfig, key: str) -> str:
    return Formatter(_language(config)).t(key)


def _document_pattern(config: MkDocsConfig) -> str:
    try:
        return document_pattern(config.extra.get("hub", {}))
    except ValueError as error:
        raise PluginError(f"mkdocs.yml, extra.hub: {error}") from None


def _footer(config: MkDocsConfig, lang: str) -> dict[str, str]:
    """The footer's addresses in ``lang`` (hub/trust.py): organisation, contact and privacy when configured in
    ``extra.hub.organisation``, the Development Agenda page and the staff guide always."""
    settings = config.extra.get("hub", {})
    try:
        links = footer_links(settings, lang)
        agenda = development_agenda_url(settings.get("development_agenda_url") or "", lang,
                                        settings.get("development_agenda_urls"))
    except ValueError as error:
        raise PluginError(f"mkdocs.yml, extra.hub: {error}") from None
    return {**links, "organisation": "organisation" in settings, "development_agenda_url": agenda,
            # Root-relative: the 404 page, served at any path, points each language's footer link here.
            "staff_guide_url": urlsplit(absolute_link(_site_url(config), languages.url_prefix(lang) + "staff-guide/")).path}


def _development_agenda_url(config: MkDocsConfig) -> str:
    """The Development Agenda page in the language being built (``extra.hub`` in mkdocs.yml, checked
    when the settings were read)."""
    return _settings(config).options.agenda_url(_language(config))
