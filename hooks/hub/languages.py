"""The site's languages, written once: the i18n plugin's ``languages:`` in ``mkdocs.yml``.

The maintainer edits that list (MkDocs needs it there). Nothing is read when this module is imported:
the entry point (``./hub``, a test, a plain ``mkdocs build``) reads the list once into its settings
(``hub.settings.load_settings``), and the build makes it the *active* list while it runs (``use``); the
pipeline, the templates and the tests read it from there (``active()``, ``url_prefix``, ``listed``).
What MkDocs does not need comes from Babel (CLDR), never from a second list: the Babel locale is the
language code itself, and a language is right-to-left when CLDR says its characters run right to left.
``mkdocs.yml`` is read as MkDocs reads it: ``!ENV`` by MkDocs' own reader (``pyyaml_env_tag``), its
other tags (``!relative``, ``!!python/name:``) as the plain value they are written with.

A test (``tests/test_languages.py``) fails when a second list of the languages appears in the code.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterator

import yaml
from yaml_env_tag import construct_env_tag
from babel import Locale, UnknownLocaleError
from babel.core import get_global

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


_MkDocsLoader.add_constructor("!ENV", construct_env_tag)  # MkDocs' own reader
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


def read_mkdocs_yml(path: Path) -> dict:
    """``mkdocs.yml`` as plain data (``!ENV`` resolved as MkDocs resolves it); raises LanguageListError."""
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_MkDocsLoader)  # noqa: S506 (safe + tags)
    except (OSError, yaml.YAMLError) as error:
        raise LanguageListError(f"{path.name}: cannot be read for the site's settings: {error}") from None
    if not isinstance(config, dict):
        raise LanguageListError(f"{path.name}: expected a mapping of settings (site_name: …), got {config!r}")
    return config


def read_languages(path: Path) -> tuple[Language, ...]:
    """The languages ``mkdocs.yml`` at ``path`` builds, in its order, the default language first."""
    return languages_of(read_mkdocs_yml(path), path.name)


def languages_of(config: dict, where: str = "mkdocs.yml") -> tuple[Language, ...]:
    """The languages of a loaded ``mkdocs.yml``, in its order, the default language first."""
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


@dataclass(frozen=True)
class Languages:
    """The site's languages, the default one first: what the settings carry and the build makes active."""

    all: tuple[Language, ...]

    @cached_property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.all)

    @cached_property
    def default(self) -> str:
        return self.all[0].code

    @cached_property
    def by_code(self) -> dict[str, Language]:
        return {language.code: language for language in self.all}

    def prefix(self, code: str) -> str:
        """Path prefix of a language's pages: the default language lives at the site root."""
        return "" if code == self.default else f"{code}/"


_active: list[Languages] = []  # the languages of the build (or command) in progress, innermost last
_base: list[Languages] = []  # those of the process's entry point (activate), under any ``use``


@contextmanager
def use(languages: Languages) -> Iterator[Languages]:
    """Make ``languages`` the active list while the block runs (a build, a test); nested uses stack."""
    _active.append(languages)
    try:
        yield languages
    finally:
        _active.pop()


def activate(languages: Languages) -> None:
    """The languages of an entry point that owns the whole process (a command, a plain ``mkdocs build``,
    a test session): active wherever no ``use`` block says otherwise."""
    _base[:] = [languages]


def active() -> Languages:
    """The languages of the build in progress (set by ``use`` or ``activate``, from the settings)."""
    if _active:
        return _active[-1]
    if _base:
        return _base[0]
    raise LookupError("no site languages are active: build through hub.build.build(settings, …), or "
                      "enter hub.languages.use(hub.settings.load_settings(root).languages) first")


def listed(codes=None) -> str:
    """The language codes as messages list them, in code order ("ar, en, …")."""
    return ", ".join(sorted(active().codes if codes is None else codes))


def url_prefix(code: str) -> str:
    """Path prefix of a language's pages: the default language lives at the site root."""
    return active().prefix(code)
