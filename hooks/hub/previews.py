"""Link previews on the pages (the links layer): what each card shows and the address of its image.

A card's address ends in a digest of what it shows and of the drawing (``CARD_VERSION``, the layout
engine): the head of every page (``structured``) links to it, and ``extras/cards.py`` draws the image
under that address. Kept apart from the drawing so that a page names its card without importing a
writer of files.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache

from .localize import Formatter, Shown, heading, pick, webinar_title
from .model import Hub, WebinarFacts

WIDTH, HEIGHT = 1200, 630
OWN_CARDS = 6  # the next scheduled webinars with a card of their own (a series announces a few at a time)
CARD_VERSION = "2"  # change when the drawing changes: every card gets a new name
FOLDER = "cards"


@dataclass(frozen=True)
class Card:
    """What one card shows, each text with the language it is in."""

    lang: str  # the page's language: the card's direction
    kicker: Shown | None  # the series
    title: Shown
    date: Shown
    site: Shown

    def key(self) -> str:
        parts = [CARD_VERSION, _engine(), self.lang]
        for text in (self.kicker, self.title, self.date, self.site):
            parts += [text.lang, text.text] if text else ["", ""]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]

    def alt(self) -> str:
        """The card's text alternative: what it shows, in reading order."""
        return " — ".join(text.text for text in (self.kicker, self.title, self.date, self.site) if text and text.text)

    def path(self, name: str) -> str:
        """Site-relative path, e.g. ``cards/2019-09-18-new-tools.ar.1a2b3c4d5e6f7a8b.png``."""
        return f"{FOLDER}/{name}.{self.lang}.{self.key()}.png"


def webinar_card(hub: Hub, f: Formatter, webinar: WebinarFacts) -> Card:
    data = webinar.data
    series = hub.series.get(data.series)
    title = webinar_title(webinar, f.code)
    kicker = pick(series.title, f.code) if series else None
    return Card(f.code, kicker, Shown(heading(f.numeral(data.number), title.text), title.lang), Shown(f.date(data.date), f.code),
                Shown(f.t("site_name"), f.code))


def site_card(f: Formatter) -> Card:
    """The card of every page that is not a webinar's: the site's name and what it is."""
    return Card(f.code, None, Shown(f.t("site_name"), f.code), Shown(f.t("organisation_name"), f.code),
                Shown("", f.code))


def has_own_card(hub: Hub, webinar: WebinarFacts) -> bool:
    """One of the next ``OWN_CARDS`` scheduled webinars has a card of its own; every other page shows
    the site's."""
    return any(w is webinar for w in hub.scheduled[:OWN_CARDS])


def card_for(hub: Hub, f: Formatter, webinar: WebinarFacts) -> tuple[Card, str]:
    """The card a webinar's page shows, with the name its file is made from."""
    if has_own_card(hub, webinar):
        return webinar_card(hub, f, webinar), webinar.slug
    return site_card(f), "site"


def webinar_card_path(hub: Hub, f: Formatter, webinar: WebinarFacts) -> str:
    card, name = card_for(hub, f, webinar)
    return card.path(name)


def site_card_path(f: Formatter) -> str:
    return site_card(f).path("site")


def site_card_alt(f: Formatter) -> str:
    return site_card(f).alt()


@lru_cache(maxsize=None)
def _layout_engine():
    from PIL import ImageFont, features

    if os.environ.get("HUB_CARDS_LAYOUT") == "basic" or not features.check("raqm"):  # the former for tests
        return ImageFont.Layout.BASIC
    return ImageFont.Layout.RAQM


def _engine() -> str:
    from PIL import ImageFont

    return "raqm" if _layout_engine() == ImageFont.Layout.RAQM else "basic"
