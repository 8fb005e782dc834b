"""The second engine: the same staged pages built by Zensical (``./hub build --engine zensical``,
hooks/hub_zensical.py). Six languages, the hub's generated pages and extras, working internal links,
``lang``/``dir``, and a language switcher that lands on the same page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import BUILD_DATE, FIXTURES, LANGS, lang_url, make_project

pytestmark = pytest.mark.slow  # the second engine, a whole extra build: not in ./hub test --fast

SITE_URL = "https://example.github.io/webinar-hub/"

import zensical  # noqa: E402,F401  (pinned in requirements.txt: a missing engine fails, never skips)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> tuple[Path, Path]:
    project = make_project(tmp_path_factory.mktemp("zensical") / "project", FIXTURES / "hub")
    # A page written in English only (the other languages show it as a fallback), linking to another page.
    (project / "docs" / "notice.en.md").write_text("# Notice\n\nSee [the figures](figures.md).\n",
                                                   encoding="utf-8")
    site = project / "site"
    environment = {**os.environ, "HUB_TODAY": BUILD_DATE, "SITE_URL": SITE_URL, "PYTHONPATH": str(project / "hooks")}
    result = subprocess.run([sys.executable, "-m", "hub", "build", "--engine", "zensical", "--site-dir", str(site)],
                            cwd=project, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return project, site


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "lxml")


def test_six_languages_with_lang_and_dir(zensical_site):
    _, site = zensical_site
    for lang in LANGS:
        page = soup(site, lang_url(lang, ""))
        assert page.html["lang"] == lang
        assert page.body["dir"] == ("rtl" if lang == "ar" else "ltr")


def test_the_generated_pages_and_extras(zensical_site):
    project, site = zensical_site
    webinars = sorted(path.stem for path in (project / "webinars").glob("*.yml"))
    experts = sorted(path.stem for path in (project / "webinars" / "experts").glob("*.yml"))
    series = sorted(path.stem for path in (project / "webinars" / "series").glob("*.yml"))
    assert webinars and experts and series
    for lang in LANGS:
        for slug in webinars:
            assert (site / lang_url(lang, f"webinars/{slug}/index.html")).is_file(), (lang, slug)
        for expert in experts:
            assert (site / lang_url(lang, f"experts/{expert}/index.html")).is_file(), (lang, expert)
        for series_id in series:
            assert (site / lang_url(lang, f"series/{series_id}/index.html")).is_file(), (lang, series_id)
        for page in ("webinars/", "experts/", "figures/", "take-part/", "about/", "staff-guide/"):
            assert (site / lang_url(lang, page) / "index.html").is_file(), (lang, page)
    for extra in ("sitemap.xml", "robots.txt", "webinars.ics", "webinars.json", "webinars.csv", "feed.xml",
                  "fr/feed.xml", "404.html", f"webinars/{webinars[0]}.ics"):
        assert (site / extra).is_file(), extra
    assert not (site / "fr" / "404.html").exists()  # one 404 page, as the MkDocs build
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITE_URL}fr/webinars/{webinars[0]}/" in sitemap  # the hub's sitemap, every language


def test_internal_links_resolve(zensical_site):
    _, site = zensical_site
    broken = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        if path.name == "404.html":
            continue  # absolute links under the site's path, checked by the MkDocs tests' conventions
        document = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for tag in document.find_all(["a", "link", "script", "img"]):
            link = tag.get("href") or tag.get("src")
            if not link or link.startswith(("#", "mailto:", "data:", "javascript:")):
                continue
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                if not link.startswith(SITE_URL):
                    continue
                target = site / unquote(parts.path[len(urlsplit(SITE_URL).path):])
            else:
                target = (path.parent / unquote(parts.path)).resolve()
            if target.is_dir() or not target.suffix:
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {link}")
    assert not broken, "\n".join(broken[:30])


def test_the_switcher_lands_on_the_same_page(zensical_site):
    project, site = zensical_site
    slug = sorted(path.stem for path in (project / "webinars").glob("*.yml"))[0]
    page = soup(site, f"fr/webinars/{slug}/")
    targets = {alt["lang"]: alt["href"] for alt in json.loads(page.find(id="hub-alternates").string)}
    assert set(targets) == set(LANGS)
    for lang, href in targets.items():
        assert href == SITE_URL + lang_url(lang, f"webinars/{slug}/")
    switcher = {link["hreflang"]: link["href"] for link in page.select("a.md-select__link")}
    assert set(switcher) == set(LANGS)  # hub-zensical.js points these at the targets above
    head = {link["hreflang"]: link["href"] for link in page.select("head link[rel=alternate][hreflang]")}
    assert head["x-default"] == SITE_URL + f"webinars/{slug}/" and head["ar"] == SITE_URL + f"ar/webinars/{slug}/"
    script = (site / "assets" / "javascripts" / "hub-zensical.js").read_text(encoding="utf-8")
    assert "hub-alternates" in script and "md-select__link" in script


def test_a_page_in_english_only_falls_back_without_hreflang(zensical_site):
    _, site = zensical_site
    for lang in LANGS:
        page = soup(site, lang_url(lang, "notice/"))
        assert page.h1.get_text(strip=True).startswith("Notice")
        link = page.find("a", string="the figures")
        assert link["href"] == "../figures/", link  # relinked from figures.md to where it was laid out
        hreflangs = page.select("head link[rel=alternate][hreflang]")
        assert bool(hreflangs) == (lang == "en")  # a fallback is not a translation
    targets = json.loads(soup(site, "fr/notice/").find(id="hub-alternates").string)
    assert {alt["lang"] for alt in targets} == set(LANGS)  # the switcher still lands on the page


def test_the_menu_ends_with_the_development_agenda(zensical_site):
    _, site = zensical_site
    for lang in ("en", "fr", "ar"):
        tabs = soup(site, lang_url(lang, "")).select("a.md-tabs__link")
        assert tabs[-1]["href"] == f"https://www.wipo.int/ip-development/{lang}/agenda/"


@pytest.mark.parametrize("lang", LANGS)
def test_the_output_fixes_of_the_mkdocs_build_are_made_here_too(zensical_site, lang):
    """What hub/markup.py and hub/headings.py make of the MkDocs output, the Zensical output gets as well: the
    switcher says the current language, a heading's "¶" keeps to its last word, an address shown as a link
    reads left to right, a path in code breaks at its slashes."""
    _, site = zensical_site
    guide = soup(site, lang_url(lang, "staff-guide/").strip("/"))
    current = guide.select("a.md-select__link[aria-current]")
    assert [link["hreflang"] for link in current] == [lang], current
    assert guide.select("article h2 .hub-keep > a.headerlink"), "no heading permalink bound to its last word"
    addresses = [link for link in guide.select("article a[href^='http://127.0.0.1']") if link.get_text() == link["href"]]
    assert addresses and all(link.get("dir") == "ltr" for link in addresses), addresses
    assert any(code.find("wbr") for code in guide.select("article p code")), "no path in code breaks at its slashes"
