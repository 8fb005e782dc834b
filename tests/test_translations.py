"""UI strings: one file per language, each with every key and placeholder of the English reference."""

from __future__ import annotations

import re
import string

import pytest

from conftest import LANGS as CODES, page
from hub.localize import LOCALES_DIR, Formatter, typeset
from hub.yamlload import load_file

REFERENCE = load_file(LOCALES_DIR / "en.yml")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", [code for code in CODES if code != "en"])
def test_every_language_has_every_string_with_the_same_placeholders(lang):
    strings = load_file(LOCALES_DIR / f"{lang}.yml")
    assert set(strings) == set(REFERENCE), set(REFERENCE) ^ set(strings)
    for key, text in REFERENCE.items():
        # Only a spacing string (English: a blank, e.g. "gap") may be blank: Chinese punctuation carries its own.
        assert isinstance(strings[key], str) and (strings[key].strip() or not text.strip()), key
        assert placeholders(strings[key]) == placeholders(text), key


@pytest.mark.parametrize("lang, script", [("ar", r"[\u0600-\u06ff]"), ("zh", r"[\u4e00-\u9fff]"),
                                          ("ru", r"[\u0400-\u04ff]")])
def test_translations_are_in_their_script(lang, script):
    strings = load_file(LOCALES_DIR / f"{lang}.yml")
    # Words to translate: letters outside placeholders, but for the symbols every language writes alike (UTC).
    words = {key: re.sub(r"\{\w+\}|\bUTC\b", "", text) for key, text in strings.items()}
    untranslated = [key for key, text in words.items() if re.search(r"[^\W\d_]", text) and not re.search(script, text)]
    assert not untranslated, untranslated


# ---------------------------------------------------------------------------------------------- typography

@pytest.mark.parametrize("lang", CODES)
@pytest.mark.parametrize("amount, currency", [(75745, "CHF"), (56847, "USD"), (5, "EUR")])
def test_a_letter_currency_symbol_never_touches_the_digits(lang, amount, currency):
    """CLDR's currency spacing ("CHF 75,745", never "CHF75,745"), which Babel does not apply."""
    text = Formatter(lang).money(amount, currency)
    assert not re.search(r"[^\W\d_]\d|\d[^\W\d_]", text), repr(text)
    assert re.search(r"\d", text)


@pytest.mark.parametrize("lang, inline", [("fr", "arabe"), ("es", "árabe"), ("ru", "арабский"),
                                          ("en", "Arabic"), ("zh", "阿拉伯文")])
def test_language_names_keep_their_own_case_inside_a_sentence(lang, inline):
    f = Formatter(lang)
    assert f.language_name("ar") == inline
    assert inline in f.t("delivered_in", language=f.language_name("ar"))
    assert f.language_label("ar")[0] == inline[0].upper()


@pytest.mark.parametrize("text, expected", [
    ("Assistance technique : possibilités", "Assistance technique\u00a0: possibilités"),
    ("Vraiment ? Oui ! Ainsi ; « bien »", "Vraiment\u00a0? Oui\u00a0! Ainsi\u00a0; «\u00a0bien\u00a0»"),
    ("synergies?", "synergies?"),  # no space typed: none added (titles stay verbatim)
])
def test_french_text_never_breaks_before_its_high_punctuation(text, expected):
    assert typeset(text, "fr") == expected
    assert typeset(text, "en") == text


def test_french_titles_on_the_built_pages_keep_no_break_spaces(real_site):
    titles = [page(real_site, f"fr/webinars/{path.parent.name}/").select_one("article h1").get_text()
              for path in (real_site / "fr" / "webinars").glob("*/index.html")]
    assert titles and any("\u00a0:" in title for title in titles)
    assert not [title for title in titles if re.search(r" [:;!?»]", title)], titles



def test_chinese_strings_set_numbers_without_spaces():
    """One way in Chinese: a count runs into the Han characters around it ("显示8场", "找到21个结果"), never "8 场"
    in one string and "21个" in another. ({number} is a webinar's Roman numeral, a Latin word that keeps its
    space: "网络研讨会 II".)"""
    import re

    import yaml

    from conftest import ROOT

    texts = yaml.safe_load((ROOT / "hooks" / "hub" / "locales" / "zh.yml").read_text(encoding="utf-8"))
    count = r"(?:\{(?:count|total|registrations|participants|surveys)\}|#|\d)"
    spaced = {key: text for key, text in texts.items()
              if re.search(rf"[\u4e00-\u9fff] {count}|{count} [\u4e00-\u9fff]", text)}
    assert not spaced, spaced


@pytest.mark.parametrize("lang", CODES)
def test_no_dash_or_middle_dot_can_start_a_line(lang):
    """A dash or "·" between two parts of a string follows a no-break space, so a line never starts with one:
    "12 September 2024 / – 3 April 2025" on a phone, or Russian "участники / — 58"."""
    strings = load_file(LOCALES_DIR / f"{lang}.yml")
    loose = {key: text for key, text in strings.items()
             if isinstance(text, str) and re.search(r"[ \t\n][\u2013\u2014\u00b7]", text)}
    assert not loose, loose
