"""The build's settings, read once by the entry point and passed down: nothing else reads a file or a
variable of the environment for them.

``load_settings(root)`` reads ``mkdocs.yml`` (the file a maintainer edits; ``!ENV`` by MkDocs' own
reader) and the environment (``HUB_TODAY`` / ``SOURCE_DATE_EPOCH`` for the build date) and checks them,
raising ``SettingsError`` with a plain message. ``./hub build``, ``./hub check``, ``./hub serve``, the
benchmark and the tests call it; a plain ``mkdocs build`` gets its settings from MkDocs' own loaded
configuration instead (``settings_from``). A ``Settings`` is plain data: it can be handed to a worker
process as an argument.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Mapping

from .languages import LanguageListError, Languages, languages_of, read_mkdocs_yml
from .model import build_date
from .urls import development_agenda_url


class SettingsError(Exception):
    """The settings cannot be used: the message says what to fix, for the maintainer."""


@dataclass(frozen=True)
class HubOptions:
    """``extra.hub`` of ``mkdocs.yml``: the hub's own options (see the comments there)."""

    development_agenda_url: str = ""
    development_agenda_urls: dict[str, str] = field(default_factory=dict)

    def agenda_url(self, lang: str) -> str:
        """The Development Agenda page in ``lang`` (checked when the settings are read)."""
        return development_agenda_url(self.development_agenda_url, lang, self.development_agenda_urls)


@dataclass(frozen=True)
class Settings:
    root: Path  # the project: mkdocs.yml, docs/, webinars/, overrides/
    languages: Languages
    site_url: str  # ends with "/" ("/" when mkdocs.yml gives none)
    today: date  # which webinars are upcoming; the date of the feeds and calendars
    options: HubOptions
    config_file: Path  # mkdocs.yml, for the MkDocs engine

    @property
    def staging(self) -> Path:
        """Where the pipeline stages the docs the engines build."""
        return self.root / ".cache" / "staged-docs"

    def with_site_url(self, site_url: str) -> Settings:
        return replace(self, site_url=_site_url(site_url))


def load_settings(root: Path | str, environ: Mapping[str, str] | None = None, config_file: Path | None = None) -> Settings:
    """The settings of the project at ``root``; raises SettingsError (a plain message) when unusable."""
    root = Path(root).resolve()
    config_file = (config_file or root / "mkdocs.yml").resolve()
    try:
        config = read_mkdocs_yml(config_file)
    except LanguageListError as error:
        raise SettingsError(str(error)) from None
    return settings_from(config, config_file, environ)


def settings_from(config: Mapping, config_file: Path, environ: Mapping[str, str] | None = None) -> Settings:
    """The settings from a loaded ``mkdocs.yml`` (as plain data, or MkDocs' own loaded configuration)."""
    where = config_file.name
    try:
        languages = Languages(languages_of(_plain(config), where))
    except LanguageListError as error:
        raise SettingsError(str(error)) from None
    environ = os.environ if environ is None else environ
    try:
        today = build_date(environ)
    except ValueError as error:
        raise SettingsError(f"HUB_TODAY or SOURCE_DATE_EPOCH: {error} (expected HUB_TODAY=YYYY-MM-DD or "
                            "SOURCE_DATE_EPOCH=seconds since 1970)") from None
    site_url = config.get("site_url") or "/"
    if not isinstance(site_url, str) or not (site_url == "/" or site_url.startswith(("https://", "http://"))):
        raise SettingsError(f"{where}: site_url: expected an http(s) address such as "
                            f"https://example.github.io/webinar-hub/, got {site_url!r}")
    options = _options(config.get("extra") or {}, where)
    for code in languages.codes:
        try:
            options.agenda_url(code)
        except ValueError as error:
            raise SettingsError(f"{where}: extra: hub: {error}") from None
    return Settings(root=config_file.parent, languages=languages, site_url=_site_url(site_url), today=today,
                    options=options, config_file=config_file)


def _options(extra: Mapping, where: str) -> HubOptions:
    hub = extra.get("hub") or {}
    if not isinstance(hub, Mapping):
        raise SettingsError(f"{where}: extra: hub: expected a mapping (development_agenda_url: …), got {hub!r}")
    pattern = hub.get("development_agenda_url") or ""
    overrides = hub.get("development_agenda_urls") or {}
    if not isinstance(pattern, str):
        raise SettingsError(f"{where}: extra: hub: development_agenda_url: expected an address, got {pattern!r}")
    if not isinstance(overrides, Mapping) or not all(isinstance(value, str) for value in overrides.values()):
        raise SettingsError(f"{where}: extra: hub: development_agenda_urls: expected language codes and "
                            f"addresses, e.g. {{zh: \"https://…\"}}, got {overrides!r}")
    return HubOptions(pattern, dict(overrides))


def _plain(config: Mapping) -> dict:
    """MkDocs' loaded configuration holds the i18n plugin as an object: its languages as plain entries."""
    plugins = config.get("plugins")
    if isinstance(plugins, list) or plugins is None:
        return dict(config)
    i18n = plugins.get("i18n") if hasattr(plugins, "get") else None
    if i18n is None:
        return {"plugins": []}
    entries = [{"locale": language.locale, "name": language.name, "default": language.default,
                "build": language.build} for language in i18n.config.languages]
    return {"plugins": [{"i18n": {"languages": entries}}]}


def _site_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"
