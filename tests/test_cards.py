"""Link-preview images: one 1200×630 PNG per upcoming webinar and language, one per language for every
other page, in that language's script, drawn once and then taken from the cache; Arabic laid out right to
left, Chinese with real glyphs."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from conftest import BUILD_DATE, FIXTURES, LANGS, ROOT

MAX_BYTES = 40_000


@pytest.mark.parametrize("site_name", ["real_site", "fixture_site"])
def test_a_card_per_upcoming_webinar_and_language(request, site_name):
    """Every upcoming, scheduled webinar has its own card in each language; past ones show the site's."""
    from hub.catalog import load_catalog
    from hub.extras.cards import has_own_card
    from hub.model import build_hub

    site = request.getfixturevalue(site_name)
    cards = sorted((site / "cards").glob("*.png"))
    data = ROOT if site_name == "real_site" else site.parent
    hub = build_hub(load_catalog(data), date.fromisoformat(BUILD_DATE))
    webinars = sorted(w.slug for w in hub.webinars if has_own_card(hub, w))
    assert webinars or site_name == "real_site"  # the fixture has upcoming webinars; the real data none now
    assert len(cards) == (len(webinars) + 1) * len(LANGS)  # and one per language for the other pages
    for slug in [*webinars, "site"]:
        for lang in LANGS:
            [card] = [path for path in cards if path.name.startswith(f"{slug}.{lang}.")]
            with Image.open(card) as image:
                assert image.format == "PNG" and image.size == (1200, 630)
            assert card.stat().st_size < MAX_BYTES, card


def test_own_cards_are_bounded_to_the_next_scheduled_webinars(tmp_path):
    """However many webinars are announced, only the next OWN_CARDS scheduled ones get their own card:
    the cards' cost does not grow with the data (cancelled and postponed ones never have one)."""
    from dataclasses import replace

    from hub.catalog import load_catalog
    from hub.extras import cards
    from hub.model import Hub, WebinarFacts

    shutil.copytree(FIXTURES / "hub", tmp_path / "webinars")
    base = load_catalog(tmp_path).webinars
    template = next(iter(base.values()))
    webinars = tuple(WebinarFacts(f"2030-01-{day:02d}-w", "w.yml",
                                  replace(template.data, date=date(2030, 1, day),
                                          status="cancelled" if day == 2 else "scheduled"), upcoming=True)
                     for day in range(1, 21))
    hub = Hub(webinars=webinars, experts={}, series={}, today=date(2029, 12, 1), root=ROOT)
    own = [w.slug for w in webinars if cards.has_own_card(hub, w)]
    assert len(own) == cards.OWN_CARDS
    assert "2030-01-02-w" not in own and own[0] == "2030-01-01-w" and own[-1] == f"2030-01-{cards.OWN_CARDS + 1:02d}-w"


def test_cards_are_cached_by_content(tmp_path):
    from hub.catalog import load_catalog
    from hub.extras import cards
    from hub.model import build_hub

    shutil.copytree(FIXTURES / "hub", tmp_path / "webinars")
    hub = build_hub(load_catalog(tmp_path), date(2026, 6, 1))
    first = cards.write_cards(hub, tmp_path / "site1")
    own = [w for w in hub.webinars if cards.has_own_card(hub, w)]
    assert own and len(own) < len(hub.webinars)  # the fixture has upcoming and past webinars
    assert first == {"drawn": (len(own) + 1) * len(LANGS), "cached": 0}
    second = cards.write_cards(hub, tmp_path / "site2")
    assert second == {"drawn": 0, "cached": first["drawn"]}
    names = sorted(path.name for path in (tmp_path / "site1" / "cards").iterdir())
    assert names == sorted(path.name for path in (tmp_path / "site2" / "cards").iterdir())
    for name in names:
        assert (tmp_path / "site1" / "cards" / name).read_bytes() == (tmp_path / "site2" / "cards" / name).read_bytes()
    # a new title: a new card, under a new name; the others are reused
    source = tmp_path / "webinars" / "2027-06-10-upcoming-bogota.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("Bogotá", "Medellín"), encoding="utf-8")
    hub = build_hub(load_catalog(tmp_path), date(2026, 6, 1))
    third = cards.write_cards(hub, tmp_path / "site3")
    assert third["drawn"] == len(LANGS) - 1  # the Spanish title, on every page but the English one
    assert not set(os.listdir(tmp_path / "site3" / "cards")) >= set(names)


def test_drawing_is_reproducible():
    from hub.extras import cards
    from hub.localize import Formatter, Shown

    card = cards.Card("ar", Shown("سلسلة", "ar"), Shown("I. كيفية الاستفادة من الأدوات", "ar"),
                      Shown("18 سبتمبر 2019", "ar"), Shown("الندوات", "ar"))
    assert cards.draw(card) == cards.draw(card)
    assert cards.site_card_path(Formatter("zh")).startswith("cards/site.zh.")


def test_right_to_left_runs():
    """A right-to-left line is cut into runs laid from the right: Arabic in the Arabic font, numbers
    and Latin words in the Latin font, each run in its own direction."""
    from hub.extras.cards import _runs

    runs = _runs("I. كيفية الاستفادة", "ar")
    # visual order, left to right: the Arabic words with the full stop (drawn at their right), then the
    # numeral at the right end of the line
    assert [(text.strip(), kind, rtl) for text, kind, rtl in runs] == [
        (". كيفية الاستفادة", "arabic", True), ("I", "latin", False)]
    runs = _runs("18 سبتمبر 2019", "ar")
    assert [(text.strip(), kind, rtl) for text, kind, rtl in runs] == [
        ("2019", "latin", False), ("سبتمبر", "arabic", True), ("18", "latin", False)]
    runs = _runs("الوثيقة CDIP/23/9، الخيار باء", "ar")
    assert [text.strip() for text, _, _ in runs] == ["، الخيار باء", "CDIP/23/9", "الوثيقة"]
    assert _runs("III. Title", "en") == (("III. Title", "latin", False),)


def notdef(font) -> bytes:
    image = Image.new("L", (120, 120), 0)
    ImageDraw.Draw(image).text((10, 10), "\U0010fffd", font=font, fill=255)
    return image.tobytes()


def glyph(font, char: str) -> bytes:
    image = Image.new("L", (120, 120), 0)
    ImageDraw.Draw(image).text((10, 10), char, font=font, fill=255)
    return image.tobytes()


@pytest.mark.parametrize("lang", LANGS)
def test_every_character_of_the_real_cards_has_a_glyph(lang):
    """No missing-glyph boxes: each character of every title, series, date and site name in ``lang``
    is drawn by a font that has it."""
    from hub.catalog import load_catalog
    from hub.extras import cards
    from hub.localize import Formatter
    from hub.model import build_hub

    hub = build_hub(load_catalog(ROOT), date(2026, 6, 1))
    f = Formatter(lang)
    seen: dict[tuple[str, str], bool] = {}
    for card in [cards.site_card(f), *(cards.webinar_card(hub, f, w) for w in hub.webinars)]:
        for text in (card.kicker, card.title, card.date, card.site):
            if not text:
                continue
            for run, kind, _ in cards._runs(text.text, text.lang):
                for char in set(run) - {" "}:
                    seen[(kind, char)] = True
    for kind, char in seen:
        font = cards._font(kind, 48, False)
        assert glyph(font, char) != notdef(font), (lang, kind, char, hex(ord(char)))
    if lang == "zh":
        assert any(kind == "cjk" for kind, _ in seen)


def test_arabic_is_shaped_without_libraqm():
    """Without libraqm (a machine without FriBiDi), Arabic is shaped into its joined forms in Python and
    drawn reversed: about the width raqm gives the words, not the width of their isolated letters."""
    import subprocess
    import sys

    text = "كيفية الاستفادة من الأدوات"
    script = (
        "from PIL import ImageFont\n"
        "from hub.extras import cards\n"
        "from hub.languages import activate\n"
        "from hub.settings import load_settings\n"
        f"activate(load_settings({str(ROOT)!r}).languages)\n"
        f"text = {text!r}\n"
        "raw = cards._font('arabic', 64, True).getlength(text)\n"
        "print(cards._engine(), round(cards._width(text, 'ar', 64, True)), round(raw))\n"
    )
    widths = {}
    for layout in ("raqm", "basic"):
        env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "HUB_CARDS_LAYOUT": layout}
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        engine, width, raw = out.stdout.split()
        widths[engine] = int(width)
        if engine == "basic":
            assert int(width) != int(raw)  # joined forms, not the letters one by one
    assert "basic" in widths
    if "raqm" in widths:
        assert abs(widths["raqm"] - widths["basic"]) / widths["raqm"] < 0.1, widths
