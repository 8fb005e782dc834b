"""The site's languages, written once: the i18n plugin's ``languages:`` in ``mkdocs.yml``.

The maintainer edits that list (MkDocs needs it there); every module of the hub, the templates and the
tests read it from here. What MkDocs does not need comes from Babel (CLDR), never from a second list:
the Babel locale is the language code itself, and a language is right-to-left when CLDR says its
characters run right to left. ``mkdocs.yml`` is read as plain YAML: ``!ENV`` as MkDocs reads it (the
first variable set, else the default), its other tags (``!relative``, ``!!python/name:``) as the plain
value they are written with.

A test (``tests/test_languages.py``) fails when a second list of the languages appears in the code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.core import get_global

MKDOCS_YML = Path(__file__).resolve().parents[2] / "mkdocs.yml"


class LanguageListError(Exception):
    """``mkdocs.yml`` gives no language list the hub can use (a message for the maintainer)."""


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    babel_locale: str
    rtl: bool = False
    default: bool = False
    regional_locale: str = ""  # language_TERRITORY, CLDR's likeliest (en_US, ar_EG, zh_CN): Open Graph's form


class _MkDocsLoader(yaml.SafeLoader):
    """PyYAML's safe loader that also reads MkDocs' own tags: ``!ENV`` resolved, the others (``!relative``,
    ``!!python/name:…``) as the plain value they are written with."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


def _environment(loader: yaml.SafeLoader, node: yaml.Node):
    """MkDocs' ``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable set, else the default."""
    if isinstance(node, yaml.SequenceNode):
        *names, default = [loader.construct_object(item, deep=True) for item in node.value]
    else:
        names, default = [loader.construct_scalar(node)], None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else ""
    return default


_MkDocsLoader.add_constructor("!ENV", _environment)
_MkDocsLoader.add_multi_constructor("!", _untagged)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _untagged)


def _i18n_entries(config: object, where: str) -> list:
    plugins = config.get("plugins") if isinstance(config, dict) else None
    for plugin in plugins if isinstance(plugins, list) else []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            options = plugin["i18n"] if isinstance(plugin["i18n"], dict) else {}
            entries = options.get("languages")
            if isinstance(entries, list) and entries:
                return entries
            raise LanguageListError(f"{where}: plugins: i18n: languages: expected a list of languages "
                                    "(- locale: en, name: English, default: true, build: true)")
    raise LanguageListError(f"{where}: plugins: no i18n entry: the site's languages are listed under "
                            "plugins: - i18n: languages:")


def language_from_entry(entry: object, where: str) -> Language:
    """One ``- locale: …`` entry of the i18n plugin, completed from Babel."""
    if not isinstance(entry, dict) or not isinstance(entry.get("locale"), str):
        raise LanguageListError(f"{where}: expected fields locale: and name:, got {entry!r}")
    code = entry["locale"]
    if entry.get("build", True) is not True:
        raise LanguageListError(f"{where}: {code}: build: false is not supported by the hub (its pages, feeds "
                                f"and sitemap would link to pages never built): remove the entry instead")
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise LanguageListError(f"{where}: locale: {code!r} is not a language code Babel knows") from None
    name = entry.get("name")
    likeliest = Locale.parse(get_global("likely_subtags").get(locale.language, str(locale)))
    regional = f"{locale.language}_{locale.territory or likeliest.territory}" if likeliest.territory else locale.language
    return Language(code=code, native_name=name if isinstance(name, str) and name else locale.get_display_name(),
                    babel_locale=str(locale), rtl=locale.character_order == "right-to-left",
                    default=entry.get("default") is True, regional_locale=regional)


def read_languages(path: Path = MKDOCS_YML) -> tuple[Language, ...]:
    """The languages ``mkdocs.yml`` builds, in its order, the default language first."""
    where = f"{path.name}"
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    except (OSError, yaml.YAMLError) as error:
        raise LanguageListError(f"{where}: cannot be read for the site's languages: {error}") from None
    entries = _i18n_entries(config, where)
    languages = [language_from_entry(entry, f"{where}: plugins: i18n: languages") for entry in entries]
    codes = [language.code for language in languages]
    if len(set(codes)) != len(codes):
        raise LanguageListError(f"{where}: plugins: i18n: languages: a locale is listed twice: {', '.join(codes)}")
    defaults = [language for language in languages if language.default]
    if len(defaults) > 1:
        raise LanguageListError(f"{where}: plugins: i18n: languages: only one language can be default: true")
    if not defaults:  # mkdocs-static-i18n's rule: the first language is then the default
        languages[0] = Language(**{**languages[0].__dict__, "default": True})
    return tuple(sorted(languages, key=lambda language: not language.default))


try:
    LANGUAGES: tuple[Language, ...] = read_languages()
except LanguageListError as error:  # every entry point (./hub check, build, serve) says it plainly and stops
    raise SystemExit(f"hub: {error}") from None
DEFAULT_LANGUAGE: str = LANGUAGES[0].code
CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}


def listed(codes=None) -> str:
    """The language codes as messages list them, in code order ("ar, en, …")."""
    return ", ".join(sorted(CODES if codes is None else codes))


def url_prefix(code: str) -> str:
    """Path prefix of a language's pages: the default language lives at the site root."""
    return "" if code == DEFAULT_LANGUAGE else f"{code}/"
