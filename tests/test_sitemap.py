"""sitemap.xml (parsed with lxml): every page of every language once, hreflang alternates, x-default."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import LANGS, build_in_process, page, small_project
from lxml import etree

SITE_URL = "https://example.github.io/webinar-hub/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def entries(site: Path) -> dict[str, dict[str, str]]:
    tree = etree.parse(str(site / "sitemap.xml"))
    assert tree.getroot().tag == "{%s}urlset" % NS["s"]
    result = {}
    for url in tree.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc not in result, f"listed twice: {loc}"
        result[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
                       if link.get("rel") == "alternate"}
    return result


def built_pages(site: Path) -> set[str]:
    urls = set()
    for index in site.rglob("index.html"):
        relative = index.parent.relative_to(site).as_posix()
        urls.add(SITE_URL if relative == "." else f"{SITE_URL}{relative}/")
    return urls


@pytest.fixture(params=["fixture", "real"])
def site(request):
    return request.getfixturevalue(f"{request.param}_site")


def test_every_page_of_every_language_once(site):
    listed = entries(site)
    assert set(listed) == built_pages(site)
    for lang in LANGS:
        prefix = "" if lang == "en" else f"{lang}/"
        assert f"{SITE_URL}{prefix}webinars/" in listed


def test_alternates_and_x_default(site):
    listed = entries(site)
    for loc, alternates in listed.items():
        assert set(alternates) == {*LANGS, "x-default"}, loc
        assert loc in alternates.values()  # each page names itself
        assert alternates["x-default"] == alternates["en"]
        assert all(href.startswith(SITE_URL) for href in alternates.values())
    slug = "webinars/2027-03-28-upcoming-across-dst/" if (site / "webinars/2027-03-28-upcoming-across-dst").is_dir() \
        else "webinars/"
    alternates = listed[f"{SITE_URL}fr/{slug}"]
    assert alternates["fr"] == f"{SITE_URL}fr/{slug}"
    assert alternates["ar"] == f"{SITE_URL}ar/{slug}"
    assert alternates["x-default"] == f"{SITE_URL}{slug}"


def test_fallback_pages_get_no_wrong_hreflang(tmp_path):
    """A page written in English only: the other languages show it as a fallback, not a translation."""
    project = small_project(tmp_path / "fallback", ("en", "fr"))
    (project / "docs" / "english-only.en.md").write_text("# English only\n\nNot translated.\n", encoding="utf-8")
    listed = entries(build_in_process(project))
    assert listed[f"{SITE_URL}english-only/"] == {"en": f"{SITE_URL}english-only/",
                                                 "x-default": f"{SITE_URL}english-only/"}
    assert listed[f"{SITE_URL}fr/english-only/"] == {}  # English text at a French URL: no hreflang


def test_head_alternates_include_x_default(fixture_site):
    for url, expected in (("", SITE_URL), ("fr/", SITE_URL), ("ar/webinars/", f"{SITE_URL}webinars/"),
                          ("zh/webinars/2026-01-15-past-with-recording/",
                           f"{SITE_URL}webinars/2026-01-15-past-with-recording/")):
        soup = page(fixture_site, url)
        links = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
        assert set(links) == {*LANGS, "x-default"}, url
        # Relative in the head (absolute ones are in the sitemap): resolved against the page's address.
        assert urljoin(SITE_URL + url, links["x-default"]) == expected


def test_robots_txt_points_at_the_sitemap(fixture_site):
    lines = (fixture_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {SITE_URL}sitemap.xml" in lines
    assert "User-agent: *" in lines
