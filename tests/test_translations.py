"""UI strings: one file per language, each with every key and placeholder of the English reference."""

from __future__ import annotations

import re
import string

import pytest

from hub.languages import CODES
from hub.localize import LOCALES_DIR
from hub.yamlload import load_file

REFERENCE = load_file(LOCALES_DIR / "en.yml")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", [code for code in CODES if code != "en"])
def test_every_language_has_every_string_with_the_same_placeholders(lang):
    strings = load_file(LOCALES_DIR / f"{lang}.yml")
    assert set(strings) == set(REFERENCE), set(REFERENCE) ^ set(strings)
    for key, text in REFERENCE.items():
        assert isinstance(strings[key], str) and strings[key].strip(), key
        assert placeholders(strings[key]) == placeholders(text), key


@pytest.mark.parametrize("lang, script", [("ar", r"[\u0600-\u06ff]"), ("zh", r"[\u4e00-\u9fff]"),
                                          ("ru", r"[\u0400-\u04ff]")])
def test_translations_are_in_their_script(lang, script):
    strings = load_file(LOCALES_DIR / f"{lang}.yml")
    untranslated = [key for key, text in strings.items() if not re.search(script, text)]
    assert len(untranslated) <= 2, untranslated  # e.g. a bare placeholder
