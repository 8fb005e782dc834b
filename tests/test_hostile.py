"""Hostile staff data (fictional) that passes validation comes out inert in every page of every language."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup


UNSAFE_SCHEMES = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data-embed-src")


@pytest.fixture(scope="module")
def hostile_pages(hostile_site) -> dict[str, BeautifulSoup]:
    return {path.relative_to(hostile_site).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
            for path in hostile_site.rglob("*.html")}


def test_no_event_handler_attribute_anywhere(hostile_pages):
    for name, soup in hostile_pages.items():
        handlers = [(tag.name, attribute) for tag in soup.find_all(True) for attribute in tag.attrs
                    if attribute.lower().startswith("on")]
        assert handlers == [], name


def test_no_script_url_anywhere(hostile_pages):
    for name, soup in hostile_pages.items():
        for tag in soup.find_all(True):
            for attribute in URL_ATTRIBUTES:
                value = tag.get(attribute)
                assert not (isinstance(value, str) and UNSAFE_SCHEMES.match(value)), (name, tag)


def test_no_script_style_or_frame_from_the_data(hostile_pages):
    for name, soup in hostile_pages.items():
        assert not [s for s in soup.find_all("script") if "alert(" in (s.string or "")
                    and s.get("type") != "application/ld+json"], name
        assert soup.find("iframe") is None and soup.find("embed") is None and soup.find("object") is None, name
        assert not [s for s in soup.find_all("style") if "display:none" in (s.string or "")], name
        assert not [svg for svg in soup.find_all("svg") if svg.find_parent(class_="hub-summary")], name


def test_injected_markup_is_shown_as_text(hostile_pages):
    webinar = hostile_pages["webinars/2030-01-01-hostile/index.html"]
    summary = webinar.select_one(".hub-summary").get_text()
    assert '<iframe src="https://evil.example/"></iframe>' in summary
    title = webinar.select_one("article h1").get_text()
    assert title == "Title \" onmouseover=\"alert(15) {{ 7*7 }} **bold** &amp; ' x"
    expert = hostile_pages["experts/mallory/index.html"]
    bio = expert.select_one(".hub-bio").get_text()
    assert "<script>alert(5)</script>" in bio and "{{ 7*7 }}" in bio and "&#x202E;" in bio
    link = expert.select_one(".hub-links a")
    assert set(link.attrs) == {"href", "rel"}
    assert link.get_text() == 'Profile" onclick="alert(13)'


def test_head_metadata_stays_inside_its_attributes_and_json(hostile_pages):
    for name in ("webinars/2030-01-01-hostile/index.html", "experts/mallory/index.html"):
        soup = hostile_pages[name]
        for meta in soup.find_all("meta"):
            assert set(meta.attrs) <= {"charset", "name", "content", "property", "http-equiv"}, meta
        for script in soup.find_all("script", type="application/ld+json"):
            data = json.loads(script.string)
            assert "</script" not in script.string.lower()
            assert data
        assert soup.title.get_text().startswith(("I. Title \" onmouseover=", "Mallory \" autofocus"))


PAST = "webinars/2020-01-01-hostile-past/index.html"
PAST_TITLE = "Past \" onmouseover=\"alert(30) {{ 7*7 }} **bold** &amp; ' x"


def test_the_past_hostile_webinar_shows_every_field(hostile_pages):
    """The past page renders what an upcoming one never does (recording, slides, report, report links):
    each must be there, so that the checks above cover it."""
    soup = hostile_pages[PAST]
    assert soup.select_one(".hub-recording .hub-player button") is not None
    assert soup.select_one(".hub-recording-link") is not None
    assert soup.select(".hub-slides li") and soup.find("a", href=re.compile("past-slides"))
    assert soup.find("a", href=re.compile("example.org/news"))
    assert "<script>alert(35)</script>" in soup.get_text()  # the report, as text
    assert soup.find("a", href=re.compile("experts/mallory/"))


def test_the_recording_button_and_links_of_a_past_page_keep_their_text(hostile_pages):
    for lang_prefix in ("", "fr/", "ar/"):
        soup = hostile_pages[lang_prefix + PAST]
        button = soup.select_one(".hub-recording .hub-player button")
        assert set(button.attrs) == {"type", "class", "data-embed-src", "data-title"}, button.attrs
        if not lang_prefix:
            assert PAST_TITLE in button["data-title"]
            assert button["data-embed-src"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
        link = soup.select_one("a.hub-recording-link")
        assert link["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&x='onerror='alert(41)"
        news = soup.find("a", href=re.compile("example.org/news"))
        assert news["href"] == "https://example.org/news?a=1&b='onmouseover='alert(38)"
        assert news.get_text() == 'News " onclick="alert(37)'
        deck = soup.find("a", href=re.compile("past-slides"))
        assert deck["href"] == "https://example.org/past-slides.pdf#'onclick='alert(42)"


def test_a_past_webinar_offers_no_registration_anywhere(hostile_pages):
    """Not on its page (no section, no button, no JSON-LD offer), nor on its card in any list."""
    for name, soup in hostile_pages.items():
        assert not soup.find(href=re.compile("register-past")), name
        for script in soup.find_all("script", type="application/ld+json"):
            assert "register-past" not in script.string, name
        if "2020-01-01-hostile-past" in name:
            assert soup.select(".hub-registration") == [], name
