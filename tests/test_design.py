"""The design's values (issue #11): card states, date badges, time ranges. Pure functions, no build."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from conftest import LANGS
from hub.localize import Formatter, ui_strings
from hub.model import WebinarFacts
from hub.views import card_state


def facts(status="scheduled", upcoming=False, recording=None) -> WebinarFacts:
    data = SimpleNamespace(status=status, recording=recording)
    return WebinarFacts("slug", "webinars/slug.yml", data, upcoming)


@pytest.mark.parametrize("status, upcoming, recording, state", [
    ("scheduled", True, None, "upcoming"),
    ("scheduled", False, object(), "recording"),
    ("scheduled", False, None, "past"),
    ("cancelled", True, None, "cancelled"),
    ("postponed", True, None, "postponed"),
    ("cancelled", False, object(), "cancelled"),
])
def test_card_state(status, upcoming, recording, state):
    assert card_state(facts(status, upcoming, recording)) == state


@pytest.mark.parametrize("lang", LANGS)
def test_every_state_has_a_label_in_every_language(lang):
    strings = ui_strings(lang)
    for state in ("upcoming", "recording", "past", "cancelled", "postponed"):
        assert strings.get(f"state_{state}"), f"state_{state} missing in {lang}.yml"


def test_date_badge_months_stay_in_their_language_after_chinese():
    """Babel 2.18 gives "6月" for the stand-alone month in French once Chinese is loaded: the badge avoids it."""
    Formatter("zh").date_badge(date(2027, 6, 10))
    assert Formatter("fr").date_badge(date(2027, 6, 10)) == {"day": "10", "month": "juin", "year": "2027"}
    assert Formatter("es").date_badge(date(2027, 6, 10))["month"] == "jun"
    assert Formatter("zh").date_badge(date(2027, 6, 10))["month"] == "6月"


@pytest.mark.parametrize("lang, expected", [("fr", "14:30 – 16:00"), ("en", "2:30 – 4:00 PM"), ("zh", "14:30–16:00")])
def test_time_range_in_the_languages_own_form(lang, expected):
    zone = ZoneInfo("Europe/Zurich")
    text = Formatter(lang).time_range(datetime(2027, 6, 10, 14, 30, tzinfo=zone), datetime(2027, 6, 10, 16, tzinfo=zone))
    assert text.replace("\u2009", " ").replace("\u202f", " ") == expected
