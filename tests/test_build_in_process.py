"""The build is a function of its settings: a small two-language site, built inside the test process.

No copy of the repository is started as a process and nothing travels through the environment: the
settings are read from the project's mkdocs.yml (English and French only), handed to
``hub.build.build`` with the MkDocs engine, and the languages active before the build are active again
after it.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import LANGS, small_project
from hub import languages
from hub.build import build
from hub.settings import load_settings
from hub_mkdocs_build import MkDocsEngine

SERIES = """\
title:
  en: A fictional series
  fr: Une série fictive
period: 2027
"""
WEBINAR = """\
# Fictional: a webinar in a two-language test site.
series: two-languages
number: 1
title:
  en: A fictional webinar
  fr: Un webinaire fictif
language: fr
date: 2027-03-04
"""


def two_language_project(tmp_path):
    return small_project(tmp_path / "project", ("en", "fr"), {"series/two-languages.yml": SERIES,
                                                               "2027-03-04-a-fictional-webinar.yml": WEBINAR})


def test_a_two_language_site_is_built_inside_the_test_process(tmp_path, monkeypatch):
    monkeypatch.setenv("HUB_TODAY", "2026-06-01")
    monkeypatch.setenv("SITE_URL", "https://example.org/two/")
    settings = load_settings(two_language_project(tmp_path))
    assert settings.languages.codes == ("en", "fr") and settings.site_url == "https://example.org/two/"
    site = tmp_path / "site"

    assert build(settings, site, MkDocsEngine(), jobs=1) == 0

    assert languages.active().codes == LANGS  # the session's languages again, once the build is done
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    french = BeautifulSoup((site / "fr" / "webinars" / "2027-03-04-a-fictional-webinar" / "index.html")
                           .read_text(encoding="utf-8"), "lxml")
    assert home.html["lang"] == "en" and french.html["lang"] == "fr"
    assert "Un webinaire fictif" in french.h1.get_text()
    assert sorted(path.name for path in site.iterdir() if path.is_dir() and len(path.name) == 2) == ["fr"]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/two/fr/webinars/2027-03-04-a-fictional-webinar/" in sitemap
    assert 'hreflang="ar"' not in sitemap and 'hreflang="fr"' in sitemap
    alternates = {link["hreflang"] for link in home.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"en", "fr", "x-default"}
