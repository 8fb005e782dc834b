"""webinars/files/ publishes slide decks and portraits only: by name, by content and by size (a file there is
served from the site's origin, beside the editor; an HTML or SVG file would run its scripts there)."""

from __future__ import annotations

import re

import pytest

from hub.published_files import MAX_BYTES

from conftest import LANGS
from test_staff_input import ok, only, project
from test_validation import EXPERT, WEBINAR, problems

PDF, PNG, JPEG, ZIP = b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", b"\xff\xd8\xff\xe0\0\x10JFIF", b"PK\x03\x04\x14\0"
WEBP = b"RIFF\x24\0\0\0WEBPVP8 "


@pytest.mark.parametrize("name, content", [
    ("evil.html", b"<script>alert(localStorage.length)</script>"),
    ("ada.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("x.js", b"alert(1)"),
    ("deck.htm", b"<p>"),
    ("notes.txt", b"text"),
    ("setup.exe", b"MZ\x90\0"),
    ("DECK.PDF", PDF),  # the site links lower-case names; one spelling
    ("no-extension", PDF),
    ("page.xhtml", b"<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>"),
])
def test_other_types_are_refused_and_named(tmp_path, name, content):
    root = project(tmp_path)
    (root / "webinars" / "files" / name).write_bytes(content)
    message = only(problems(root), f"webinars/files/{name}:1:1: is not a type the site publishes")
    assert ".pdf" in message and ".jpg" in message and "HTML, SVG and scripts" in message


@pytest.mark.parametrize("name, content, kind", [
    ("ada.jpg", b"hello", "JPEG image"),
    ("deck.pdf", b"<html><script>alert(1)</script>", "PDF document"),
    ("portrait.png", JPEG, "PNG image"),
    ("slides.pptx", PDF, "PowerPoint presentation"),
    ("photo.webp", b"RIFF\x24\0\0\0WAVEfmt ", "WebP image"),
])
def test_a_file_whose_content_is_not_its_type_is_refused(tmp_path, name, content, kind):
    root = project(tmp_path)
    (root / "webinars" / "files" / name).write_bytes(content)
    message = only(problems(root), f"webinars/files/{name}:1:1: is named")
    assert f"is not a {kind}" in message


def test_a_file_over_the_size_limit_is_refused_without_being_read(tmp_path):
    root = project(tmp_path)
    big = root / "webinars" / "files" / "huge.pdf"
    with big.open("wb") as file:
        file.write(PDF)
        file.truncate(MAX_BYTES + 1)  # sparse: no disk, and the check reads 16 bytes of it at most
    message = only(problems(root), "webinars/files/huge.pdf:1:1: is 50 MB, more than the 50 MB")
    assert "give its address (url) instead" in message


@pytest.mark.parametrize("name, content", [("deck.pdf", PDF), ("a.png", PNG), ("b.jpg", JPEG), ("c.jpeg", JPEG),
                                           ("d.pptx", ZIP), ("e.odp", ZIP), ("f.webp", WEBP),
                                           ("talks/2027/deck.pdf", PDF)])
def test_decks_and_portraits_of_the_published_types_pass(tmp_path, name, content):
    root = project(tmp_path)
    path = root / "webinars" / "files" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    ok(root)  # raises on any problem


@pytest.mark.parametrize("deck, expected", [
    ("{language: en, format: html, file: webinars/files/deck.pdf}", "a deck in html can only be linked (url)"),
    ("{language: en, format: pdf, file: webinars/files/deck.pptx}", "does not end in .pdf as a pdf deck does"),
    ("{language: en, format: pdf, file: webinars/files/deck.svg}", "must name a file ending in .pdf, .pptx"),
    ("{language: en, format: pptx, file: webinars/files/deck.pdf}", "does not end in .pptx as a pptx deck does"),
])
def test_a_deck_file_matches_its_format(tmp_path, deck, expected):
    root = project(tmp_path)
    (root / "webinars" / "files" / "deck.pdf").write_bytes(PDF)
    (root / "webinars" / "w.yml").write_text(WEBINAR + f"slides:\n  - {deck}\n")
    reported = problems(root)
    assert any(expected in line and "slides[0]" in line for line in reported), reported


def test_a_portrait_is_an_image(tmp_path):
    root = project(tmp_path)
    (root / "webinars" / "files" / "ada.pdf").write_bytes(PDF)
    (root / "webinars" / "experts" / "test-expert.yml").write_text(
        EXPERT + "photo: webinars/files/ada.pdf\nphoto_alt: {en: Portrait}\n")
    reported = problems(root)
    assert any("test-expert.yml" in line and "photo" in line and ".jpg" in line for line in reported), reported


@pytest.mark.parametrize("lang", LANGS)
def test_the_staff_guide_states_the_types_and_the_limit_the_check_applies(lang):
    from conftest import ROOT
    from hub.published_files import DECK_SUFFIXES, PHOTO_SUFFIXES

    guide = (ROOT / "docs" / f"staff-guide.{lang}.md").read_text(encoding="utf-8")
    assert re.search(rf"{MAX_BYTES // 1024 // 1024} (?:MB|Mo|МБ|ميغابايت)", guide), "the size limit is not stated"
    for suffix in [s for suffixes in DECK_SUFFIXES.values() for s in suffixes if s != ".pdf"]:
        assert f"`{suffix}`" in guide, suffix
    for name in ("PDF", "JPEG", "PNG", "WebP", "HTML"):
        assert name in guide, name
    assert len(PHOTO_SUFFIXES) == 4  # .jpg and .jpeg: "JPEG" covers both


def test_only_the_files_the_data_links_to_are_published(tmp_path):
    """A deck a webinar lists and a portrait an expert shows are in the site; a draft nothing links to, in the same
    folder or deeper, stays in the repository (a file committed early, or by mistake, is not put online)."""
    from conftest import build_in_process, small_project
    webinar = ("# Fictional.\nseries: demo-series\nnumber: 1\ntitle:\n  en: A fictional webinar\ndate: 2026-03-04\n"
               "experts: [ada-fictional]\nslides:\n  - {language: en, format: pdf, file: webinars/files/decks/linked.pdf}\n")
    project = small_project(tmp_path / "project", ("en",), {
        "series/demo-series.yml": "# Fictional.\ntitle:\n  en: A fictional series\n",
        "experts/ada-fictional.yml": "# Fictional.\nname: Ada Fictional\nphoto: webinars/files/ada.png\n"
                                     "photo_alt: {en: Portrait of Ada Fictional}\n",
        "2026-03-04-a-fictional-webinar.yml": webinar})
    files = project / "webinars" / "files"
    for name, content in {"decks/linked.pdf": PDF, "ada.png": PNG, "draft.pdf": PDF, "decks/unused.pptx": ZIP,
                          "old/2019/notes.pdf": PDF}.items():
        (files / name).parent.mkdir(parents=True, exist_ok=True)
        (files / name).write_bytes(content)
    site = build_in_process(project)
    published = sorted(path.relative_to(site / "files").as_posix() for path in (site / "files").rglob("*")
                       if path.is_file())
    assert published == ["ada.png", "decks/linked.pdf"]
    page = (site / "webinars" / "2026-03-04-a-fictional-webinar" / "index.html").read_text(encoding="utf-8")
    assert "files/decks/linked.pdf" in page
