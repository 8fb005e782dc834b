"""Link-preview images ("cards"): one 1200×630 PNG per language for each of the next scheduled webinars
(at most ``OWN_CARDS``), one per language for every other page, drawn at build time with Pillow from the
data (title, date, series, site name).

Own cards go to the webinars people share and search engines show as events (the next scheduled ones:
an Event needs an image); every other page shows the site's card of its language, and a recording the
host's still where there is one. A card for every webinar in every language cost 35-46 ms of CPU per
webinar, more than the rest of the hub's build of its six pages; bounded, the cards cost the same
whatever the number of webinars (bench/README.md).

Fonts come from pinned PyPI packages (SIL Open Font License 1.1), never from the network:
Noto Sans (Latin, Cyrillic), Noto Sans Arabic, Noto Sans CJK (Simplified Chinese face of the collection),
each character in the font of its script.
Arabic is shaped by libraqm (HarfBuzz + FriBiDi) when Pillow finds it; Pillow's wheels carry raqm and
HarfBuzz but load FriBiDi from the system (Debian: libfribidi0). Without it, Arabic is shaped by
``arabic_reshaper`` and ordered right-to-left here (see ``_Layout``), so the build works on any machine.

Every card's file name ends in a digest of what it shows and of this renderer (``CARD_VERSION``): a
social network that cached an old image sees a new address when the title changes, and a card already
drawn is taken from ``.cache/cards/`` instead of being drawn again (``./hub serve`` and rebuilds).
"""

from __future__ import annotations

import os
import shutil
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from ..languages import active
from ..localize import Formatter
from ..model import Hub
from ..previews import (  # noqa: F401  (what a card shows and its address: the links layer's; here too for the tests)
    CARD_VERSION, FOLDER, HEIGHT, OWN_CARDS, WIDTH, Card, _engine, _layout_engine, card_for, has_own_card,
    site_card, site_card_alt, site_card_path, webinar_card, webinar_card_path,
)

MARGIN = 72
# The site's palette (overrides/assets/stylesheets/hub.css), on white: header blue (11.6:1) for the band
# and the title, link blue (8.3:1) for the series and the date, secondary grey (7.6:1) for the site's name.
INK, BLUE, GREY, WHITE = (0x17, 0x3B, 0x63), (0x1D, 0x4F, 0x82), (0x4B, 0x55, 0x63), (255, 255, 255)


def write_cards(hub: Hub, site_dir: Path) -> dict[str, int]:
    """Every card of the site under ``site_dir/cards/``; drawn only when not in ``.cache/cards/``.

    Returns how many were drawn and how many taken from the cache.
    """
    cache = hub.root / ".cache" / "cards"
    cache.mkdir(parents=True, exist_ok=True)
    target = site_dir / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    counts = {"drawn": 0, "cached": 0}
    used: set[str] = set()
    for code in active().codes:
        f = Formatter(code)
        jobs = [(site_card(f), "site")]
        jobs += [(webinar_card(hub, f, webinar), webinar.slug) for webinar in hub.webinars if has_own_card(hub, webinar)]
        for card, name in jobs:
            cached = cache / f"{card.key()}.png"
            used.add(cached.name)
            if cached.is_file():
                counts["cached"] += 1
            else:
                temporary = cached.with_name(cached.name + f".{os.getpid()}.tmp")
                temporary.write_bytes(draw(card))
                os.replace(temporary, cached)
                counts["drawn"] += 1
            _place(cached, site_dir / card.path(name))
    for stale in cache.glob("*.png"):  # cards of titles that changed since: the cache does not grow
        if stale.name not in used:
            stale.unlink(missing_ok=True)
    for cached_function in (_strip, _width, _runs, _run_width, _font):  # the process builds on: free them
        cached_function.cache_clear()
    return counts


def _place(source: Path, target: Path) -> None:
    """A hard link to the cached file (no copy), or a copy where links are not possible."""
    try:
        os.link(source, target)
    except FileExistsError:
        target.unlink()
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


# Drawing ---------------------------------------------------------------------------------------

def draw(card: Card) -> bytes:
    """The card as a PNG: the text drawn once as an antialiased grey mask, each band of the card then
    mapped to its colour's levels of a 16-colour palette (4 bits a pixel): no quantizing, small and fast."""
    from PIL import Image, ImageDraw

    mask = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(mask)
    rtl = active().by_code[card.lang].rtl
    pen.rectangle((0, 0, WIDTH, 24), fill=255)
    width = WIDTH - 2 * MARGIN
    y = 64
    if card.kicker:
        strip = _strip(card.kicker.text, card.kicker.lang, 34, True, rtl, 2)  # the same on every card of a series
        mask.paste(strip, (0, y))
        y += strip.height + 12
    bands = [(0, INK), (30, BLUE)]
    bottom = HEIGHT - 165
    bands.append((y, INK))
    for size in (64, 58, 52, 46, 40):
        layout = _Layout(card.title.lang, size, bold=True)
        count = max(1, (bottom - y - layout.depth) // layout.line_height + 1)
        lines = layout.lines(card.title.text, width, count, ellipsis=size == 40)
        if lines is not None:
            break
    for line in lines:
        layout.draw(pen, line, y, rtl)
        y += layout.line_height
    bands.append((HEIGHT - 158, BLUE))
    layout = _Layout(card.date.lang, 38, bold=True)
    for line in layout.lines(card.date.text, width, 1, ellipsis=True):
        layout.draw(pen, line, HEIGHT - 148, rtl)
    bands.append((HEIGHT - 76, GREY))
    if card.site.text:
        mask.paste(_strip(card.site.text, card.site.lang, 28, False, rtl, 1), (0, HEIGHT - 66))
    image = Image.new("L", (WIDTH, HEIGHT), 0)
    for (top, colour), (bottom, _) in zip(bands, [*bands[1:], (HEIGHT, None)]):
        box = (0, top, WIDTH, bottom)
        image.paste(mask.crop(box).point(_LEVELS[COLOURS.index(colour)]), box)
    image.putpalette(_PALETTE)
    out = BytesIO()
    image.save(out, "PNG", compress_level=COMPRESSION, bits=4)
    return out.getvalue()


@lru_cache(maxsize=64)
def _strip(text: str, lang: str, size: int, bold: bool, rtl: bool, count: int):
    """Lines drawn once and pasted on every card that shows them (the series, the site's name)."""
    from PIL import Image, ImageDraw

    layout = _Layout(lang, size, bold)
    lines = layout.lines(text, WIDTH - 2 * MARGIN, count, ellipsis=True)
    strip = Image.new("L", (WIDTH, layout.line_height * (len(lines) - 1) + layout.depth), 0)
    pen = ImageDraw.Draw(strip)
    for index, line in enumerate(lines):
        layout.draw(pen, line, index * layout.line_height, rtl)
    return strip


COLOURS = (BLUE, INK, GREY)
COMPRESSION = 3  # zlib level: 6 makes files 15 % smaller and takes 30 % longer
STEPS = 5  # antialiasing levels of each colour: 1 + 3 × 5 = 16 palette entries
# Palette index of a mask value: 0 (white) when faint, else 1 + STEPS × colour + level.
_LEVELS = [[0 if value < 256 // (2 * STEPS + 1) else 1 + STEPS * index + min(STEPS - 1, value * STEPS // 256)
            for value in range(256)] for index in range(len(COLOURS))]
_PALETTE = [*WHITE]
for _colour in COLOURS:
    for _level in range(STEPS):
        _alpha = (_level + 1) / STEPS
        _PALETTE += [round(255 + (channel - 255) * _alpha) for channel in _colour]


def fonts_used() -> dict[str, Path]:
    """The font files, from their PyPI packages (each under the SIL Open Font License 1.1)."""
    import fontpkg_noto_sans
    import fontpkg_noto_sans_arabic
    import noto_cjk_sans_otc

    return {
        "latin": fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf",
        "arabic": fontpkg_noto_sans_arabic.ROOT / "files" / "NotoSansArabic[wdth,wght].ttf",
        "cjk": Path(str(noto_cjk_sans_otc.FONT_PATH)),
    }


CJK_SC_INDEX = 2  # NotoSansCJK-Regular.ttc: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK


@lru_cache(maxsize=None)
def _font(kind: str, size: int, bold: bool):
    from PIL import ImageFont

    path = fonts_used()[kind]
    if kind == "cjk":
        return ImageFont.truetype(str(path), size, index=CJK_SC_INDEX, layout_engine=_layout_engine())
    font = ImageFont.truetype(str(path), size, layout_engine=_layout_engine())
    axes = {axis["name"] if isinstance(axis["name"], str) else axis["name"].decode(): axis
            for axis in font.get_variation_axes()}
    font.set_variation_by_axes([100 if "idth" in name else (700 if bold else 400) for name in axes])
    return font


def _is_arabic(char: str) -> bool:
    code = ord(char)
    return 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF \
        or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF \
        or 0x3000 <= code <= 0x303F


def _shape(text: str, rtl: bool) -> str:
    """Text as the layout engine needs it: as is for raqm; shaped and reversed for Pillow's basic layout."""
    if rtl and _engine() == "basic":
        import arabic_reshaper

        return arabic_reshaper.reshape(text)[::-1].translate(MIRRORED)
    return text


MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")


@lru_cache(maxsize=8192)
def _run_width(text: str, kind: str, rtl: bool, size: int, bold: bool) -> float:
    options = {"direction": "rtl" if rtl else "ltr"} if _engine() == "raqm" else {}
    return _font(kind, size, bold).getlength(_shape(text, rtl), **options)


REFERENCE_SIZE = 64


@lru_cache(maxsize=16384)
def _width(text: str, lang: str, size: int, bold: bool, cjk: bool = False) -> float:
    return sum(_run_width(t, k, d, size, bold) for t, k, d in _runs(text, lang, cjk))


@lru_cache(maxsize=8192)
def _runs(text: str, lang: str, cjk: bool = False) -> tuple[tuple[str, str, bool], ...]:
    return tuple(_Layout(lang, 10, cjk=cjk)._runs(text))


NO_LINE_START = set("，。、：；？！）」』】》〉,.:;?!)]}%")


class _Layout:
    """Lines of one text in one language: fonts per script, right-to-left runs, greedy wrapping."""

    def __init__(self, lang: str, size: int, bold: bool = False, cjk: bool = False):
        self.lang, self.size, self.bold, self.cjk = lang, size, bold, cjk
        self.rtl = active().by_code[lang].rtl if lang in active().by_code else False
        # Arabic script needs room for its marks above and below the line
        self.line_height = round(size * (1.55 if self.rtl else 1.35))
        self.ascent = round(size * 1.1)  # baseline below a line's top, the same for every font
        self.depth = self.ascent + round(size * (0.8 if self.rtl else 0.4))  # to the lowest mark

    def runs(self, text: str) -> list[tuple[str, str, bool]]:
        return _runs(text, self.lang, self.cjk)

    def _runs(self, text: str) -> list[tuple[str, str, bool]]:
        """(text, font kind, right-to-left) runs in visual order, left to right on the card.

        The Unicode bidirectional algorithm for one paragraph without embeddings, as far as these
        texts need it: Arabic letters are right-to-left; on a right-to-left line other letters and
        digits are left-to-right, and a neutral (space, punctuation) between two left-to-right
        characters is left-to-right, any other right-to-left. Right-to-left runs are drawn in the
        Arabic font, left-to-right ones in the Latin (or CJK) font.
        """
        if not text:
            return []
        strong = []  # per character: True right-to-left, False left-to-right, None neutral
        for char in text:
            if _is_arabic(char):
                strong.append(True)
            elif unicodedata.category(char)[0] in "LN":
                strong.append(False if self.rtl else None)
            else:
                strong.append(None)
        if self.rtl:
            resolved = []
            for index, value in enumerate(strong):
                if value is None:
                    before = next((v for v in reversed(strong[:index]) if v is not None), True)
                    after = next((v for v in strong[index + 1:] if v is not None), True)
                    value = before is not False or after is not False
                resolved.append(value)
        else:
            resolved = [bool(v) for v in strong]
        runs: list[list] = []
        for char, direction in zip(text, resolved):
            # in a text with Chinese characters, its Latin letters and digits too are the CJK font's
            kind = "arabic" if direction else ("cjk" if self.cjk or _is_cjk(char) else "latin")
            if runs and runs[-1][2] == direction and (runs[-1][1] == kind or char.isspace()):
                runs[-1][0] += char
            elif runs and runs[-1][2] == direction and runs[-1][0].isspace():
                runs[-1][0] += char  # a run of spaces only: it takes the font of what follows
                runs[-1][1] = kind
            else:
                runs.append([char, kind, direction])
        result = [(t, k, d) for t, k, d in runs]
        if not self.rtl:
            return result
        # Right to left: the line's runs from the right; a sequence of left-to-right runs keeps its order.
        groups: list[list] = []
        for run in result:
            if groups and not run[2] and not groups[-1][-1][2]:
                groups[-1].append(run)
            else:
                groups.append([run])
        return [run for group in reversed(groups) for run in group]

    def font(self, kind: str):
        return _font(kind, self.size, self.bold)

    def _shape(self, text: str, kind: str, rtl: bool) -> str:
        return _shape(text, rtl)

    def width(self, text: str) -> float:
        return sum(self._run_width(t, k, d) for t, k, d in self.runs(text))

    def _run_width(self, text: str, kind: str, rtl: bool) -> float:
        return _run_width(text, kind, rtl, self.size, self.bold)

    def tokens(self, text: str) -> list[str]:
        """Pieces a line may break after: words, and each Chinese character (not before closing marks)."""
        tokens: list[str] = []
        for char in text:
            if char.isspace():
                if tokens and not tokens[-1].endswith(" "):
                    tokens[-1] += " "
            elif _is_cjk(char) and char not in NO_LINE_START:
                tokens.append(char)
            elif tokens and (not tokens[-1].endswith(" ") or char in NO_LINE_START) and (
                    not _is_cjk(tokens[-1][-1]) or char in NO_LINE_START):
                tokens[-1] += char
            else:
                tokens.append(char)
        return tokens

    def lines(self, text: str, width: int, count: int, ellipsis: bool = False) -> list[str] | None:
        """Greedy wrapping into at most ``count`` lines; None when it does not fit (unless ``ellipsis``).

        Words are measured once, at a reference size, and scaled (widths scale with the size but for
        hinting): a line is then measured whole only once, with a small margin for what scaling misses.
        """
        scale = self.size / REFERENCE_SIZE
        self.cjk = any(_is_cjk(char) for char in text)
        space = _width(" ", self.lang, REFERENCE_SIZE, self.bold, self.cjk) * scale
        lines, current, used = [], "", 0.0
        tokens = []
        for token in self.tokens(text):  # a word wider than the card is cut anywhere
            if _width(token.rstrip(), self.lang, REFERENCE_SIZE, self.bold, self.cjk) * scale > width * 0.98:
                tokens += list(token)
            else:
                tokens.append(token)
        for token in tokens:
            size = _width(token.rstrip(), self.lang, REFERENCE_SIZE, self.bold, self.cjk) * scale
            trailing = space if token.endswith(" ") else 0.0
            if current and used + size > width * 0.98:
                lines.append(current.rstrip())
                current, used = token, size + trailing
            else:
                current, used = current + token, used + size + trailing
        if current.strip():
            lines.append(current.rstrip())
        if len(lines) <= count and all(self.width(line) <= width for line in lines):
            return lines
        if not ellipsis:
            return None
        kept = lines[:count]
        last = kept[-1]
        while last and self.width(last + "…") > width:
            last = last[:-1]
        kept[-1] = last.rstrip() + "…"
        return kept

    def draw(self, pen, line: str, y: int, rtl_card: bool) -> None:
        """One line, aligned to the card's start side (right on a right-to-left card)."""
        runs = self.runs(line)
        total = sum(self._run_width(t, k, d) for t, k, d in runs)
        x = WIDTH - MARGIN - total if rtl_card else MARGIN
        baseline = y + self.ascent  # one baseline for every font of the line
        for text, kind, rtl in runs:
            font = self.font(kind)
            options = {"direction": "rtl" if rtl else "ltr"} if _engine() == "raqm" else {}
            if _engine() == "raqm":
                options["language"] = self.lang
            pen.text((x, baseline), self._shape(text, kind, rtl), font=font, fill=255, anchor="ls", **options)
            x += self._run_width(text, kind, rtl)
