"""``./hub build --engine zensical``: the same staged pages built by Zensical, Material's successor.

Zensical runs no MkDocs hooks or plugins (mkdocs-static-i18n included), so this adapter does their
part around it, from the same pipeline (``hub.site.prepare``) and the one list of languages:

* one Zensical project per language under ``.cache/zensical/<lang>/``, its configuration derived from
  ``mkdocs.yml`` (the file a maintainer edits) and ``hub.languages``: the site name in the language,
  ``site_url`` ending in the language's folder, ``theme.language`` (Zensical then writes ``lang`` and
  ``dir``), ``extra.alternate`` naming the six languages for the switcher;
* its docs folder holds that language's pages, the default language's where a page has no translation
  (mkdocs-static-i18n's ``fallback_to_default``), with the language suffix dropped. Zensical resolves every
  relative link against the page's *source file*, raw HTML included (zensical/zensical#258), where MkDocs
  leaves the hub's links, written relative to the page's URL, as they are: so each page other than an
  index is laid out as ``<name>/index.md``, whose folder is its URL, and its Markdown links to ``.md``
  files get one ``../`` more;
* each page's front matter gets ``hide: [navigation]`` (as the MkDocs hook's) and ``hub_alternates``: its URL in every language, for the switcher (it lands
  on the same page; ``partials/hub-zensical-head.html`` prints the data and hub-zensical.js uses it) and, for
  real translations only, for the ``hreflang`` links of the head;
* the theme: Zensical's own templates (its Material-compatible ones) with a custom folder holding the
  hub's assets and a ``main.html`` that fills blocks only (``zensical/theme/``);
* it is an engine of ``hub.build.build``, as the MkDocs one: the data prepared once, the files that
  belong to no language (calendars, feeds, open data, embeds, sitemap) written by the core, each
  language told to ``ZensicalEngine.build_language`` (one Zensical process per language, ``--jobs`` at
  a time), the parts moved together (the default language at the root, each other in its folder).
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import yaml

from hub import build as hub_build
from hub.build import EngineError, LanguageJob
from hub.extras.sitemap import translations
from hub.final_html import without_marker
from hub.languages import active, read_mkdocs_yml, url_prefix
from hub.localize import Formatter
from hub.markup import finish_page
from hub.settings import Settings
from hub.urls import absolute, page_language_and_path, page_url

THEME = Path(__file__).resolve().parent / "zensical" / "theme"
SUFFIXED = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")
MARKDOWN_LINK = re.compile(r"(\]\()(?!(?:[a-z][a-z0-9+.-]*:|/|#))([^)\s]+\.md(?:#[^)\s]*)?)(\))")
# A Markdown link or image to a file of docs/ (a screenshot of the staff guide): relative to the page's source
# file for MkDocs and Zensical alike, so it needs re-pointing when the page moves into its URL's folder.
MARKDOWN_FILE = re.compile(r"(\]\()(?!(?:[a-z][a-z0-9+.-]*:|/|#))([^)\s]+\.(?:png|jpe?g|gif|svg|webp|pdf))(\))")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
# mkdocs.yml settings Zensical reads as they are (the rest is derived per language or is MkDocs-only).
KEPT = ("site_description", "use_directory_urls", "markdown_extensions", "nav", "copyright")


def build(settings: Settings, site: Path, strict: bool = True, jobs: int | None = None) -> int:
    """Build the languages with Zensical into ``site`` (atomically: ``hub.build.build``)."""
    print("hub: the engine is Zensical", flush=True)
    engine = ZensicalEngine(settings, strict)
    return hub_build.build(settings, site, engine, jobs or hub_build.default_jobs(settings.languages))


class ZensicalEngine:
    """One Zensical project per language under ``.cache/zensical/<lang>/``, built by ``zensical build``."""

    name = "zensical"

    def __init__(self, settings: Settings, strict: bool = True):
        self.strict = strict
        self.work = settings.root / ".cache" / "zensical"
        self.theme = self.work / "theme"  # the Zensical templates of the hub and the assets the MkDocs build uses
        shutil.rmtree(self.theme, ignore_errors=True)
        shutil.copytree(THEME, self.theme)
        shutil.copytree(settings.root / "overrides" / "assets", self.theme / "assets", dirs_exist_ok=True)

    def build_language(self, job: LanguageJob) -> None:
        code, settings, languages = job.language, job.settings, job.settings.languages
        config_yml = read_mkdocs_yml(settings.config_file)
        pages = [path.relative_to(job.staging).as_posix() for path in sorted(job.staging.rglob("*.md"))]
        project = self.work / code
        lay_out_language(job.staging, project / "docs", code, translations(pages), settings.site_url)
        config = language_config(config_yml, code, settings, self.theme, job.not_found, project / "docs")
        (project / "mkdocs.yml").write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")
        command = [sys.executable, "-m", "zensical", "build", "-f", str(project / "mkdocs.yml"),
                   *(["--strict"] if self.strict else [])]
        result = subprocess.run(command, cwd=project, capture_output=True, text=True,
                                env={**os.environ, "NO_COLOR": "1", "CLICOLOR": "0"})
        output = result.stdout + result.stderr
        if result.returncode != 0 or (self.strict and re.search(r"\b[1-9]\d* issues? found", output)):
            raise EngineError(f"{code}: Zensical failed:\n{output}")
        target = job.site_dir if code == languages.default else job.site_dir / code
        shutil.rmtree(job.site_dir, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(project / "site", target)
        if code != languages.default:  # the site has one 404 page, the default language's (GitHub Pages serves one)
            (target / "404.html").unlink(missing_ok=True)
        for page in target.rglob("*.html"):  # the output fixes the MkDocs hooks make (hub/markup.py)
            page.write_text(finish_page(page.read_text(encoding="utf-8"), code), encoding="utf-8")
        for per_language in ("sitemap.xml", "sitemap.xml.gz"):  # the hub's sitemap lists every language
            (target / per_language).unlink(missing_ok=True)


def language_config(settings: dict, code: str, hub_settings: Settings, theme_dir: Path, not_found: str,
                    docs: Path | None = None) -> dict:
    """One language's Zensical configuration, from mkdocs.yml (``settings``, as plain data) and the
    hub's settings (languages, site URL, options)."""
    site_url, languages = hub_settings.site_url, hub_settings.languages
    formatter = Formatter(code)
    theme = dict(settings.get("theme") or {})
    theme.pop("custom_dir", None)
    theme.pop("name", None)
    theme["language"] = code
    theme["custom_dir"] = str(theme_dir)
    theme.setdefault("variant", "classic")  # Material's look, which the hub's CSS was written for
    config = {key: settings[key] for key in KEPT if key in settings}
    agenda = hub_settings.options.agenda_url(code)
    if "nav" in config:
        # As hooks/hub_mkdocs.py's on_nav: no tab for a page that says hub_menu: false; the Development
        # Agenda closes the menu.
        nav = [item for item in _moved_nav(config["nav"]) if docs is None or _in_menu(docs, item)]
        # the home page's tab is "Home" in the language, not the site's long name
        nav = [{formatter.t("menu_home"): item} if item == "index.md" else item for item in nav]
        config["nav"] = [*nav, {formatter.t("development_agenda"): agenda}]
    config.update({
        "site_name": formatter.t("site_name"),
        "site_url": absolute(site_url, url_prefix(code)),
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": theme,
        "extra_css": settings.get("extra_css") or [],
        "extra_javascript": [*(settings.get("extra_javascript") or []), "assets/javascripts/hub-zensical.js"],
        "plugins": {"search": {}},
        "extra": {
            **{key: value for key, value in (settings.get("extra") or {}).items() if key != "hub"},
            "alternate": [{"name": language.native_name, "lang": language.code,
                           "link": absolute(site_url, url_prefix(language.code))} for language in languages.all],
            "hub": {
                "lang": code,
                "dir": "rtl" if languages.by_code[code].rtl else "ltr",
                "prefix": url_prefix(code),
                "root": "../" if code != languages.default else "",
                "staff_guide": formatter.t("staff_guide"),
                "development_agenda": formatter.t("development_agenda"),
                "development_agenda_url": agenda,
                "not_found": not_found,
            },
        },
    })
    return config


def _in_menu(docs: Path, item) -> bool:
    page = item if isinstance(item, str) else None
    if page is None or not (docs / page).is_file():
        return True
    match = FRONT_MATTER.match((docs / page).read_text(encoding="utf-8"))
    if match is None:
        return True
    meta = yaml.safe_load(match.group(1)) or {}
    return not (isinstance(meta, dict) and meta.get("hub_menu") is False)


def _moved_nav(items):
    """mkdocs.yml's nav, each page where ``lay_out_language`` put it."""
    if isinstance(items, list):
        return [_moved_nav(item) for item in items]
    if isinstance(items, dict):
        return {title: _moved_nav(value) for title, value in items.items()}
    if isinstance(items, str) and items.endswith(".md") and "://" not in items:
        return moved(items)
    return items


def lay_out_language(staged: Path, docs: Path, code: str, written: dict[str, set[str]], site_url: str) -> None:
    """``docs`` for one language: its pages (or the default language's), each in its URL's folder."""
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    by_stem: dict[str, dict[str, Path]] = {}
    for path in sorted(staged.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(staged).as_posix()
        match = SUFFIXED.match(relative)
        if match and match["lang"] in active().codes:
            by_stem.setdefault(match["stem"], {})[match["lang"]] = path
        else:
            target = docs / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    for stem, versions in by_stem.items():
        source = versions.get(code) or versions.get(active().default)
        if source is None:
            continue
        target = docs / moved(f"{stem}.md")
        _, path = page_language_and_path(PurePosixPath(f"{stem}.{active().default}.md"))
        text = relink(without_marker(source.read_text(encoding="utf-8")), f"{stem}.md")
        text = with_meta(text, alternates(path, code, written.get(path, set()), site_url))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def moved(page: str) -> str:
    """Where a page goes in Zensical's docs folder: ``about.md`` → ``about/index.md`` (its URL's folder)."""
    name = PurePosixPath(page)
    return page if name.stem in ("index", "README") else str(name.with_suffix("") / "index.md")


def relink(text: str, page: str) -> str:
    """Markdown links to other pages, pointed at where those pages were moved (``moved``)."""
    folder, new_folder = PurePosixPath(page).parent, PurePosixPath(moved(page)).parent

    def replace(match: re.Match) -> str:
        link, _, anchor = match[2].partition("#")
        target = PurePosixPath(posixpath.normpath(str(folder / link)))
        relative = posixpath.relpath(moved(str(target)), str(new_folder))
        return f"{match[1]}{relative}{'#' + anchor if anchor else ''}{match[3]}"

    def replace_file(match: re.Match) -> str:
        target = posixpath.normpath(str(folder / match[2]))
        return f"{match[1]}{posixpath.relpath(target, str(new_folder))}{match[3]}"

    return MARKDOWN_FILE.sub(replace_file, MARKDOWN_LINK.sub(replace, text))


def alternates(path: str, code: str, languages: set[str], site_url: str) -> list[dict]:
    """The page in every language that has it; ``hreflang`` only where it is a real translation."""
    real = code in languages
    found = []
    default = active().default
    for other in active().codes:
        if other in languages or default in languages:
            found.append({"lang": other, "href": absolute(site_url, page_url(other, path)),
                          "hreflang": real and other in languages, "default": other == default})
    return found


def with_meta(text: str, values: list[dict]) -> str:
    """Add ``hub_alternates`` and, as hooks/hub_mkdocs.py's on_page_markdown, ``hide: [navigation]`` (the
    header tabs are the menu) to a page's front matter (JSON or YAML; made when there is none)."""
    match = FRONT_MATTER.match(text)
    lines = "hub_alternates: " + json.dumps(values, ensure_ascii=False)
    if match is None:
        return f"---\n{lines}\nhide: [navigation]\n---\n\n{text}"
    body = match.group(1)
    if body.lstrip().startswith("{"):
        meta = json.loads(body)
    else:
        meta = yaml.safe_load(body) or {}
    meta["hub_alternates"] = values
    hide = meta.setdefault("hide", [])
    if "navigation" not in hide:
        hide.append("navigation")
    return f"---\n{json.dumps(meta, ensure_ascii=False, default=str)}\n---\n" + text[match.end():]
