"""RSS 2.0 and Atom feeds per language, parsed with feedparser: well-formed, localized, absolute links."""

from __future__ import annotations

from urllib.parse import urljoin

import feedparser
import pytest
from conftest import LANGS

SITE_URL = "https://example.github.io/webinar-hub/"
RECORDED = "2026-01-15-past-with-recording"


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_feeds_parse_in_every_language(fixture_site, lang, name):
    feed = feedparser.parse((fixture_site / prefix(lang) / name).read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == ("rss20" if name == "feed.xml" else "atom10")
    assert feed.feed.language == lang
    assert feed.feed.title
    # 4 webinars announced, 1 recording published (the Vimeo one has no publication date)
    assert len(feed.entries) == 5
    for entry in feed.entries:
        assert entry.link.startswith(f"{SITE_URL}{prefix(lang)}webinars/"), entry.link
        assert entry.id and entry.title
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [f"{SITE_URL}{prefix(lang)}{name}"]


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_titles_are_in_the_feed_language_with_fallback(fixture_site, name):
    french = feedparser.parse((fixture_site / "fr" / name).read_bytes())
    titles = {entry.link: entry.title for entry in french.entries}
    assert titles[f"{SITE_URL}fr/webinars/{RECORDED}/"] == "I. Tester le lecteur d’enregistrements"
    # only in Spanish and English: the delivery language (Spanish) comes first
    assert titles[f"{SITE_URL}fr/webinars/2027-06-10-upcoming-bogota/"] == "III. Un seminario web de prueba en Bogotá"
    english = feedparser.parse((fixture_site / name).read_bytes())
    titles = {entry.link: entry.title for entry in english.entries}
    assert titles[f"{SITE_URL}webinars/{RECORDED}/"] == "I. Testing the recording player"
    assert titles[f"{SITE_URL}webinars/2027-03-28-upcoming-across-dst/"].startswith("II. Un webinaire")


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_published_recording_is_an_item_of_its_own(fixture_site, name):
    feed = feedparser.parse((fixture_site / name).read_bytes())
    [recording] = [e for e in feed.entries if e.link == f"{SITE_URL}webinars/{RECORDED}/#recording"]
    assert RECORDED in recording.id
    assert tuple(recording.published_parsed[:3]) == (2026, 1, 20)
    assert "youtube.com/watch?v=dQw4w9WgXcQ" in recording.summary
    # ids are unique and newest first
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_summaries_carry_no_script(fixture_site):
    feed = feedparser.parse((fixture_site / "atom.xml").read_bytes())
    for entry in feed.entries:
        assert "<script" not in entry.summary and "javascript:" not in entry.summary


def test_pages_advertise_their_language_feeds(fixture_site):
    from conftest import page
    soup = page(fixture_site, "fr/webinars/")
    hrefs = {link["type"]: link["href"] for link in soup.select('link[rel="alternate"][type]')}
    here = f"{SITE_URL}fr/webinars/"
    assert urljoin(here, hrefs["application/rss+xml"]) == f"{SITE_URL}fr/feed.xml"
    assert urljoin(here, hrefs["application/atom+xml"]) == f"{SITE_URL}fr/atom.xml"


def test_feeds_keep_only_the_most_recent_items(tmp_path):
    from datetime import date

    from hub.catalog import load_catalog
    from hub.extras.feeds import FEED_LENGTH, write_feeds
    from hub.model import build_hub

    from conftest import ROOT

    hub = build_hub(load_catalog(ROOT), date(2026, 6, 1))
    many = hub.__class__(webinars=hub.webinars * 10, experts=hub.experts, series=hub.series,
                         today=hub.today, root=hub.root)
    write_feeds(many, tmp_path, SITE_URL)
    feed = feedparser.parse((tmp_path / "feed.xml").read_bytes())
    assert len(feed.entries) == FEED_LENGTH < len(many.webinars)
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_a_recording_published_on_the_build_date_is_in_the_feed_that_day(tmp_path):
    """Published today: an item today (not tomorrow); published tomorrow: none yet."""
    import shutil
    from datetime import timedelta

    from hub.catalog import load_catalog
    from hub.extras.feeds import items
    from hub.model import build_hub
    from conftest import FIXTURES

    shutil.copytree(FIXTURES / "hub", tmp_path / "webinars")
    catalog = load_catalog(tmp_path)
    published = catalog.webinars[RECORDED].data.recording.published
    for today, listed in ((published - timedelta(days=1), False), (published, True),
                          (published + timedelta(days=1), True)):
        found = [item for item in items(build_hub(catalog, today), "en", SITE_URL) if ":recording:" in item.id]
        assert bool(found) is listed, today
        if found:
            assert found[0].date.date() == published  # the day it was published, not the day of the build
