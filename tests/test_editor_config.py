"""The editor's configuration follows the data contract: every field of schema.py is in the editor, with
its type, bounds, required flag, allowed values and help text; language maps as one subfield per language."""

from __future__ import annotations

import dataclasses
import typing

import pytest
import yaml

from hub.editor import config_text
from hub.editor.config import ConfigWriter, editor_config
from conftest import LANGUAGES
from hub.schema import DOCUMENT_KINDS, Webinar

COLLECTION_OF = {"webinar": "webinars", "expert": "experts", "series": "series"}


def schema_paths(cls: type, prefix: str = "") -> set[str]:
    """Every field of a dataclass of schema.py and of the dataclasses inside it, as dotted paths."""
    from hub.editor.config import _split

    paths: set[str] = set()
    hints = typing.get_type_hints(cls, include_extras=True)
    for spec in dataclasses.fields(cls):
        path = prefix + spec.name
        paths.add(path)
        base, _, _ = _split(hints[spec.name])
        if typing.get_origin(base) is list:
            base, _, _ = _split(typing.get_args(base)[0])
        if dataclasses.is_dataclass(base):
            paths |= schema_paths(base, path + ".")
    return paths


def editor_paths(fields: list[dict], prefix: str = "") -> dict[str, dict]:
    paths: dict[str, dict] = {}
    for field in fields:
        path = prefix + field["name"]
        paths[path] = field
        paths |= editor_paths(field.get("fields", []), path + ".")
    return paths


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load(config_text(LANGUAGES.all, "example/webinar-hub", "https://example.github.io/webinar-hub/"))


@pytest.mark.parametrize("kind", sorted(DOCUMENT_KINDS))
def test_every_schema_field_is_in_the_editor(config, kind):
    collection = next(c for c in config["collections"] if c["name"] == COLLECTION_OF[kind])
    shown = editor_paths(collection["fields"])
    missing = sorted(schema_paths(DOCUMENT_KINDS[kind]) - set(shown))
    assert not missing, f"{kind}: fields of schema.py the editor does not show: {missing}"
    for path in schema_paths(DOCUMENT_KINDS[kind]):
        assert shown[path].get("hint"), f"{kind}.{path}: no help text (the field's doc in schema.py)"


def test_a_new_schema_field_fails_the_coverage_check(config):
    """The check above can fail: a field added to the contract but not to the editor is reported."""
    @dataclasses.dataclass(frozen=True, kw_only=True)
    class Wider(Webinar):
        venue_note: str = dataclasses.field(default="", metadata={"doc": "A field the editor never saw."})

    collection = next(c for c in config["collections"] if c["name"] == "webinars")
    assert schema_paths(Wider) - set(editor_paths(collection["fields"])) == {"venue_note"}


def test_translated_fields_have_one_subfield_per_language_default_first(config):
    webinars = editor_paths(next(c for c in config["collections"] if c["name"] == "webinars")["fields"])
    codes = [language.code for language in LANGUAGES.all]
    for path in ("title", "summary", "region", "report", "report_links.label", "organizers.name", "sources.title"):
        field = webinars[path]
        assert field["widget"] == "object", path
        assert [sub["name"] for sub in field["fields"]] == codes, path
        # No language is required: a webinar may have a French title only (the contract asks for one, any).
        assert all(sub["required"] is False for sub in field["fields"]), path
    assert webinars["summary.fr"]["widget"] == "markdown"
    assert webinars["title.ar"]["widget"] == "string"
    assert webinars["title.ar"]["label"] == "العربية (ar)"


def test_types_bounds_required_and_choices(config):
    webinars = editor_paths(next(c for c in config["collections"] if c["name"] == "webinars")["fields"])
    assert webinars["date"].items() >= {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD", "required": True}.items()
    assert webinars["start"]["format"] == "HH:mm" and webinars["start"]["required"] is False
    assert webinars["number"].items() >= {"widget": "number", "value_type": "int", "min": 1, "max": 3999}.items()
    assert webinars["status"]["options"] == ["scheduled", "cancelled", "postponed"]
    assert webinars["status"]["default"] == "scheduled"
    assert webinars["language"]["widget"] == "select"
    assert {option["value"] for option in webinars["language"]["options"]} == {l.code for l in LANGUAGES.all}
    regex, message = webinars["recording.url"]["pattern"]
    assert regex.startswith("^https?://") and message.startswith("must be an absolute http(s) address")
    assert webinars["series"].items() >= {"widget": "relation", "collection": "series", "value_field": "{{slug}}"}.items()
    assert webinars["experts"].items() >= {"widget": "relation", "collection": "experts", "multiple": True}.items()
    assert webinars["slides.file"].items() >= {"widget": "file", "media_folder": "webinars/files"}.items()
    # A budget's currency is chosen among those the build accepts (in use since 1990; no XXX "no currency").
    series = editor_paths(next(c for c in config["collections"] if c["name"] == "series")["fields"])
    assert series["budget.currency"]["widget"] == "select"
    assert {"CHF", "EUR", "USD"} <= set(series["budget.currency"]["options"])
    assert not {"XXX", "XTS", "XAU"} & set(series["budget.currency"]["options"])


def test_languages_are_a_parameter():
    """Another language list (as a site with two languages would have) gives the subfields of that list."""
    two = (LANGUAGES.all[0], next(language for language in LANGUAGES.all if language.rtl))
    title = ConfigWriter(two).fields(Webinar)[2]
    assert [sub["name"] for sub in title["fields"]] == [two[0].code, two[1].code]


def test_changes_go_through_pull_requests_and_a_token_sign_in():
    config = editor_config(LANGUAGES.all, "example/webinar-hub")
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {"name": "github", "branch": "main", "auth_methods": ["token"],
                                 "repo": "example/webinar-hub"}
