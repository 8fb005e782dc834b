"""Every internal link of both sites resolves: href/src of every page (directory URLs → index.html) and every
#fragment to an id on its target page; the sitemap's addresses too. Links are internal when relative, root
paths under site_url's path, or absolute under site_url itself.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest
from lxml import etree

from browser_support import PREFIX, SITE_URL, site_file

ATTRIBUTES = {"a": ["href"], "link": ["href"], "area": ["href"], "script": ["src"], "img": ["src"],
              "iframe": ["src"], "source": ["src"], "video": ["src", "poster"], "audio": ["src"],
              "track": ["src"], "form": ["action"], "object": ["data"], "embed": ["src"]}
SITE = urlsplit(SITE_URL)


@functools.lru_cache(maxsize=None)
def parse(path: Path):
    return lxml.html.fromstring(path.read_bytes())


@functools.lru_cache(maxsize=None)
def anchors(path: Path) -> frozenset[str]:
    tree = parse(path)
    return frozenset(tree.xpath("//@id") + tree.xpath("//a/@name"))


def page_address(site: Path, path: Path) -> str:
    """The public address of a built file (index.html → its directory)."""
    relative = path.relative_to(site).as_posix()
    relative = relative[: -len("index.html")] if relative.endswith("index.html") else relative
    return SITE_URL + relative


def internal_path(address: str) -> str | None:
    """The site-relative path of an absolute address if it belongs to the site, else None."""
    parts = urlsplit(address)
    if parts.scheme in ("http", "https") and parts.netloc != SITE.netloc:
        return None
    if parts.scheme not in ("http", "https", ""):
        return None
    if not parts.path.startswith(PREFIX) and parts.path + "/" != PREFIX:
        return "\0outside"  # an address on the site's host but outside the site
    return parts.path[len(PREFIX):]


def broken_links(site: Path) -> dict[str, list[str]]:
    """{problem: [pages]} over every HTML page of the site."""
    problems: dict[str, list[str]] = defaultdict(list)
    for path in sorted(site.rglob("*.html")):
        where = path.relative_to(site).as_posix()
        base = page_address(site, path)
        tree = parse(path)
        for element in tree.iter(*ATTRIBUTES):
            for attribute in ATTRIBUTES[element.tag]:
                value = element.get(attribute)
                if value is None:
                    continue
                value = value.strip()
                if value.lower().startswith("javascript:"):
                    problems[f"javascript: link {value[:60]!r}"].append(where)
                    continue
                if not value or value.startswith(("data:", "mailto:", "tel:")):
                    continue
                address = urljoin(base, value)
                target_path = internal_path(address)
                if target_path is None:
                    continue
                if target_path == "\0outside":
                    problems[f"{value} leaves the site's path {PREFIX}"].append(where)
                    continue
                target = site_file(site, target_path)
                if target is None:
                    problems[f"{value} → missing {target_path or '/'}"].append(where)
                    continue
                fragment = unquote(urlsplit(address).fragment)
                if fragment and target.suffix == ".html" and fragment not in anchors(target):
                    problems[f"{value} → no id {fragment!r} in {target.relative_to(site)}"].append(where)
    return problems


def sitemap_problems(site: Path) -> list[str]:
    problems = []
    for sitemap in site.rglob("sitemap.xml"):
        tree = etree.parse(str(sitemap))
        for node in tree.iter():
            address = node.text if isinstance(node.tag, str) and node.tag.endswith("}loc") else node.get("href")
            if not address or not re.match(r"https?://", address.strip()):
                continue
            target_path = internal_path(address.strip())
            if target_path is None or target_path == "\0outside" or site_file(site, target_path) is None:
                problems.append(f"{sitemap.relative_to(site)}: {address.strip()}")
    return problems


@pytest.mark.parametrize("site_name", ["real_site", "fixture_site"])
def test_every_internal_link_and_anchor_resolves(request, site_name):
    site = request.getfixturevalue(site_name)
    problems = broken_links(site)
    report = [f"{problem}  (in {len(pages)} pages, e.g. {pages[0]})" for problem, pages in sorted(problems.items())]
    assert not problems, f"{len(problems)} broken links in {site_name}:\n  " + "\n  ".join(report[:60])


@pytest.mark.parametrize("site_name", ["real_site", "fixture_site"])
def test_every_sitemap_address_is_a_page_of_the_site(request, site_name):
    problems = sitemap_problems(request.getfixturevalue(site_name))
    assert not problems, "\n".join(problems[:40])
