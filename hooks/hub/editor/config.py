"""The editor's configuration (Sveltia CMS ``config.yml``), generated from the data contract.

Nothing here is written by hand per field: every field of ``schema.py`` becomes an editor field with
its type, bounds, required flag, allowed values and help text (the field's ``doc``), walking the type
hints the way ``jsonschema_export.py`` does. A language map (``title: {en: …, fr: …}``) becomes an object
with one subfield per language of the site, so the six languages are edited side by side and the file
keeps the shape staff write by hand. The languages are a parameter (the site's, from ``mkdocs.yml``).

Where the contract allows two shapes (``LocalizedText | PlainText``, a figure that is a number or
``{more_than: N}``), the editor offers the first one; the other stays valid in files edited by hand.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, time
from typing import Any, Union
from urllib.parse import urlsplit

from ..languages import Language
from ..rules import Country, Currency, HttpUrl, Localized, Markdown, OneOf, Pattern, Range, RepoFile, Text, TimeZone
from ..schema import Expert, Series, Webinar

FILES_FOLDER = "webinars/files"

# Fields that name a file of another folder: the editor offers that folder's entries to pick from.
RELATIONS: dict[tuple[type, str], tuple[str, str]] = {
    (Webinar, "series"): ("series", "{{title.en}}"),
    (Webinar, "moderators"): ("experts", "{{name}}"),
    (Webinar, "experts"): ("experts", "{{name}}"),
}

# The collections: name, folder, the dataclass, the field that names an entry (Sveltia CMS otherwise
# takes a field called ``title`` as one line of text and leaves the language map out of the file), how a
# new file is named (as ``./hub new`` names it: the date, then the English title), what the list shows.
COLLECTIONS = (
    ("webinars", "Webinars", "Webinar", "webinars", Webinar, "title.en", "{{fields.date}}-{{fields.title.en}}",
     "{{date}} · {{title.en}}"),
    ("experts", "Experts", "Expert", "webinars/experts", Expert, "name", "{{fields.name}}", "{{name}}"),
    ("series", "Series", "Series", "webinars/series", Series, "title.en", "{{fields.title.en}}", "{{title.en}}"),
)

MESSAGES = {  # the plain words shown under a field whose text does not match (as ./hub check says it)
    HttpUrl: "must be an absolute http(s) address, e.g. https://example.org/page",
    TimeZone: "must be an IANA time zone name such as Europe/Zurich or America/Bogota",
    Country: "must be a two-letter ISO country code such as CH or KE",
    RepoFile: "must be a path under webinars/files/",
}


def _split(hint: Any) -> tuple[Any, list[Any], bool]:
    """(base type, its rules, whether None is allowed); of a union, the first shape."""
    rules: list[Any] = []
    optional = False
    while True:
        origin = typing.get_origin(hint)
        if origin is typing.Annotated:
            hint, *more = typing.get_args(hint)
            rules += more
        elif origin in (Union, types.UnionType):
            arguments = typing.get_args(hint)
            optional = optional or type(None) in arguments
            hint = next(argument for argument in arguments if argument is not type(None))
        else:
            return hint, rules, optional


def _message(rule: Any) -> str:
    """What the editor says under a field whose text does not match ``rule``'s pattern."""
    if isinstance(rule, Pattern):
        return f"must be {rule.expected}"
    if isinstance(rule, Text):
        return "must be one line of plain text, without '<' or '>'"
    return MESSAGES.get(type(rule), "is not in the expected form")


def _rule(rules: list[Any], kind: type) -> Any:
    return next((rule for rule in rules if isinstance(rule, kind)), None)


class ConfigWriter:
    """The walk of ``schema.py`` into Sveltia CMS fields, for the site's languages."""

    def __init__(self, languages: tuple[Language, ...]) -> None:
        self.languages = languages

    def language_options(self) -> list[dict[str, str]]:
        return [{"label": f"{language.native_name} ({language.code})", "value": language.code}
                for language in sorted(self.languages, key=lambda language: language.code)]

    def field(self, owner: type, spec: dataclasses.Field, hint: Any) -> dict[str, Any]:
        has_default = (spec.default is not dataclasses.MISSING or spec.default_factory is not dataclasses.MISSING)
        result: dict[str, Any] = {"name": spec.name, "label": spec.name.replace("_", " ").capitalize()}
        doc = spec.metadata.get("doc")
        if doc:
            result["hint"] = doc
        result.update(self.widget(owner, spec.name, hint))
        base, _, optional = _split(hint)
        result["required"] = not (has_default or optional)
        if spec.default not in (dataclasses.MISSING, None) and not isinstance(spec.default, tuple):
            result["default"] = spec.default
        return result

    def widget(self, owner: type | None, name: str, hint: Any) -> dict[str, Any]:
        """The widget and its options for one type hint."""
        if owner is not None and (owner, name) in RELATIONS:
            collection, display = RELATIONS[(owner, name)]
            multiple = typing.get_origin(_split(hint)[0]) is list
            return {"widget": "relation", "collection": collection, "value_field": "{{slug}}",
                    "search_fields": [display.strip("{}")], "display_fields": [display],
                    **({"multiple": True} if multiple else {})}
        base, rules, _ = _split(hint)
        origin = typing.get_origin(base)
        if origin is dict and _rule(rules, Localized):
            value_hint = typing.get_args(base)[1]
            return {"widget": "object", "fields": self.language_fields(value_hint)}
        if origin is list:
            item = typing.get_args(base)[0]
            item_base, item_rules, _ = _split(item)
            if _rule(item_rules, OneOf):
                return {"widget": "select", "multiple": True, "options": self.options(item_rules)}
            if dataclasses.is_dataclass(item_base):
                return {"widget": "list", "fields": self.fields(item_base)}
            if typing.get_origin(item_base) is dict and _rule(item_rules, Localized):
                return {"widget": "list", "fields": self.language_fields(typing.get_args(item_base)[1])}
            return {"widget": "list", "field": {"name": "item", "label": "Item", **self.widget(None, "item", item)}}
        if dataclasses.is_dataclass(base):
            return {"widget": "object", "fields": self.fields(base)}
        if base is date:
            return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
        if base is time:
            return {"widget": "datetime", "type": "time", "format": "HH:mm"}
        if base is bool:
            return {"widget": "boolean"}
        if base in (int, float):
            result: dict[str, Any] = {"widget": "number", "value_type": "int" if base is int else "float"}
            bounds = _rule(rules, Range)
            if bounds and bounds.minimum is not None:
                result["min"] = bounds.minimum
            if bounds and bounds.maximum is not None:
                result["max"] = bounds.maximum
            if base is float:
                result["step"] = 0.01
            return result
        if base is str:
            return self.string(rules)
        raise TypeError(f"no editor field for {base!r}: teach hub/editor/config.py this type")

    def options(self, rules: list[Any]) -> list[Any]:
        choices = _rule(rules, OneOf).choices
        codes = {language.code for language in self.languages}
        if set(choices) == codes:
            return self.language_options()
        return list(choices)

    def string(self, rules: list[Any]) -> dict[str, Any]:
        if _rule(rules, OneOf):
            return {"widget": "select", "options": self.options(rules)}
        if _rule(rules, Currency):  # the codes the build accepts, to choose from
            return {"widget": "select", "options": Currency().json()["enum"]}
        if _rule(rules, Markdown):
            return {"widget": "markdown", "minimal": True}
        if _rule(rules, RepoFile):
            return {"widget": "file", "media_folder": FILES_FOLDER, "public_folder": FILES_FOLDER,
                    "choose_url": False}
        result: dict[str, Any] = {"widget": "string"}
        text = _rule(rules, Text)
        if text and text.max_length:
            result["maxlength"] = text.max_length
        for rule in rules:
            schema = rule.json() if hasattr(rule, "json") else {}
            if "pattern" in schema:
                result["pattern"] = [schema["pattern"], _message(rule)]
        return result

    def language_fields(self, value_hint: Any) -> list[dict[str, Any]]:
        """One optional subfield per language, the site's default language first."""
        return [{"name": language.code, "label": f"{language.native_name} ({language.code})", "required": False,
                 **self.widget(None, language.code, value_hint)} for language in self.languages]

    def fields(self, cls: type) -> list[dict[str, Any]]:
        hints = typing.get_type_hints(cls, include_extras=True)
        return [self.field(cls, spec, hints[spec.name]) for spec in dataclasses.fields(cls)]

    def collections(self) -> list[dict[str, Any]]:
        return [{
            "name": name, "label": label, "label_singular": singular, "folder": folder, "extension": "yml",
            "format": "yaml", "create": True, "delete": False, "identifier_field": identifier, "slug": slug,
            "summary": summary, "fields": self.fields(cls),
        } for name, label, singular, folder, cls, identifier, slug, summary in COLLECTIONS]


def editor_config(languages: tuple[Language, ...], repository: str | None, branch: str = "main",
                  site_url: str = "/") -> dict[str, Any]:
    """The whole ``config.yml``: the GitHub backend (changes as pull requests), media, collections."""
    backend: dict[str, Any] = {"name": "github", "branch": branch, "auth_methods": ["token"]}
    if repository:
        backend["repo"] = repository
    return {
        "app_title": "Webinar hub · editor",
        "logo": {"src": urlsplit(site_url).path + "assets/images/favicon.png", "show_in_header": False},
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "site_url": site_url,
        "media_folder": FILES_FOLDER,
        "public_folder": FILES_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "output": {"omit_empty_optional_fields": True},
        "collections": ConfigWriter(languages).collections(),
    }
