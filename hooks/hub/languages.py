"""The six UN languages: the one list every other module reads."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    babel_locale: str
    rtl: bool = False


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "en"),
    Language("ar", "العربية", "ar", rtl=True),
    Language("zh", "中文", "zh_Hans_CN"),
    Language("fr", "Français", "fr"),
    Language("ru", "Русский", "ru"),
    Language("es", "Español", "es"),
)

DEFAULT_LANGUAGE = "en"
CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}


def url_prefix(code: str) -> str:
    """Path prefix of a language's pages: the default language lives at the site root."""
    return "" if code == DEFAULT_LANGUAGE else f"{code}/"
