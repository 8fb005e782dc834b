"""The editor JSON Schema: generated from schema.py, committed, and in agreement with the build's validator."""

from __future__ import annotations

import dataclasses
import json
import re
import textwrap
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, FormatChecker

from conftest import FIXTURES, LANGS, ROOT
from hub.jsonschema_export import generated_files
from hub.schema import DOCUMENT_KINDS
from hub.validate import Collector, build_document
from hub.yamlload import load_file, load_text

SCHEMA_DIR = ROOT / "webinars" / "schema"
DATA_DIRS = [ROOT / "webinars", FIXTURES / "hub"]
FOLDER_OF_KIND = {"webinar": "", "expert": "experts", "series": "series"}
MODELINE = {"webinar": "schema/webinar.schema.json", "expert": "../schema/expert.schema.json",
            "series": "../schema/series.schema.json"}


def validator(kind: str) -> Draft7Validator:
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema, format_checker=FormatChecker())


def staff_files() -> list[tuple[str, Path]]:
    found = []
    for data in DATA_DIRS:
        for kind, folder in FOLDER_OF_KIND.items():
            found += [(kind, path) for path in sorted((data / folder).glob("*.yml"))]
    return found


def test_committed_schema_files_are_the_generated_ones():
    generated = generated_files()
    assert sorted(generated) == sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json"))
    for name, text in generated.items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == text, f"{name} is stale: run ./hub schema"


@pytest.mark.parametrize("kind", sorted(DOCUMENT_KINDS))
def test_schema_is_valid_draft7_and_closed(kind):
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    cls = DOCUMENT_KINDS[kind]
    fields = dataclasses.fields(cls)
    assert list(schema["properties"]) == [f.name for f in fields]
    required = [f.name for f in fields if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    assert schema.get("required", []) == required
    for f in fields:  # the doc metadata is what editors show
        assert schema["properties"][f.name]["description"] == f.metadata["doc"]


def test_dates_and_times_are_patterned_strings():
    webinar = json.loads((SCHEMA_DIR / "webinar.schema.json").read_text(encoding="utf-8"))["properties"]
    assert webinar["date"]["type"] == "string" and webinar["date"]["pattern"] == r"^\d{4}-\d{2}-\d{2}$"
    start = webinar["start"]
    assert start["type"] == ["string", "null"] and "[0-5][0-9]" in start["pattern"]


@pytest.mark.parametrize("kind,path", staff_files(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_every_real_and_fixture_file_validates(kind, path):
    errors = [error.message for error in validator(kind).iter_errors(load_file(path))]
    assert errors == [], f"{path}: {errors}"


def test_real_staff_files_carry_the_modeline():
    for kind, path in staff_files():
        if path.is_relative_to(ROOT / "webinars"):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema={MODELINE[kind]}", path


VALID_WEBINAR = """\
series: demo-series
number: 3
title:
  en: An example webinar
language: en
date: 2027-05-04
"""

# (kind, document, a fragment of the python-jsonschema message). Each one is refused by the build too.
INVALID = [
    ("webinar", VALID_WEBINAR + "colour: blue\n", "Additional properties"),
    ("webinar", VALID_WEBINAR.replace("date: 2027-05-04\n", ""), "'date' is a required property"),
    ("webinar", VALID_WEBINAR + "format: webinar\n", "is not one of"),
    ("webinar", VALID_WEBINAR + "stats:\n  participants: {about: 250}\n", "is not valid under any"),
    ("webinar", VALID_WEBINAR + "report_links:\n  - url: https://example.org/news\n", "'label' is a required property"),
    ("webinar", VALID_WEBINAR.replace("2027-05-04", "2027-02-30"), "is not a 'date'"),
    ("webinar", VALID_WEBINAR.replace("2027-05-04", "4 May 2027"), "does not match"),
    ("webinar", VALID_WEBINAR.replace("language: en", "language: de"), "is not one of"),
    ("webinar", VALID_WEBINAR.replace("  en: An", "  de: An"), "is not one of"),
    ("webinar", VALID_WEBINAR.replace("An example webinar", "<b>An example</b>"), "does not match"),
    # Invisible characters: the editor says so too (those of the Basic Multilingual Plane; rules.py).
    ("webinar", VALID_WEBINAR.replace("An example", "An\u200bexample"), "does not match"),
    ("webinar", VALID_WEBINAR.replace("An example", "\ufeffAn example"), "does not match"),
    ("webinar", VALID_WEBINAR.replace("An example", "An \u202eelpmaxe"), "does not match"),
    ("webinar", VALID_WEBINAR + 'summary:\n  en: "A text\\u2028with a line separator"\n', "does not match"),
    ("expert", "name: Ada\u3164Example\n", "does not match"),
    ("webinar", VALID_WEBINAR.replace("title:\n  en: An example webinar", "title: {}"), "should be non-empty"),
    ("webinar", VALID_WEBINAR.replace("number: 3", "number: 0"), "less than the minimum"),
    ("webinar", VALID_WEBINAR + 'start: "25:00"\ntimezone: Europe/Zurich\n', "does not match"),
    ("webinar", VALID_WEBINAR + "start: 1400\ntimezone: Europe/Zurich\n", "is not of type 'string'"),
    ("webinar", VALID_WEBINAR + "status: done\n", "is not one of"),
    ("webinar", VALID_WEBINAR + "registration:\n  url: javascript:alert(1)\n", "does not match"),
    ("webinar", VALID_WEBINAR + "recording:\n  url: https://example.org/v\n  durations: 60\n", "'durations' was unexpected"),
    ("webinar", VALID_WEBINAR + "experts: [Ada Example]\n", "does not match"),
    ("webinar", VALID_WEBINAR + "stats:\n  survey_response_rate: 140\n", "greater than the maximum"),
    ("expert", "affiliation:\n  en: Example Institute\n", "'name' is a required property"),
    ("expert", "name: Ada\ncountry: Kenya\n", "does not match"),
    ("expert", "name: Ada\nphoto: ../secret.jpg\n", "does not match"),
    ("series", "title:\n  en: A series\ndecision: X/1\nperiod: 2027\nbudget:\n  planned: -1\n  currency: CHF\n",
     "less than the minimum"),
    ("series", "title:\n  en: A series\ndecision: X/1\nperiod: [2027]\n", "is not valid under any"),
    # Impossible years and no currency in use: "no currency", the testing code, gold, a unit of account.
    ("series", "title:\n  en: A series\nperiod: 3019\n", "is not valid under any"),
    ("series", "title:\n  en: A series\nperiod: 1899\n", "is not valid under any"),
    *[("series", f"title:\n  en: A series\nbudget:\n  planned: 10\n  currency: {code}\n", "is not one of")
      for code in ("XXX", "XTS", "XAU", "XDR", "chf", "FRF1")],
]


@pytest.mark.parametrize("kind,text,message", INVALID)
def test_invalid_documents_are_rejected_by_schema_and_build(kind, text, message):
    data = load_text(text)
    errors = [error.message for error in validator(kind).iter_errors(data)]
    assert errors, f"the schema accepted:\n{text}"
    assert any(message in error for error in errors), errors
    out = Collector("example.yml")
    assert build_document(data, DOCUMENT_KINDS[kind], out) is None, "the build accepted it"
    assert out.problems


@pytest.mark.parametrize("extra", [
    "",
    "status:\nexperts:\nslides:\n",  # empty optional fields mean their defaults, for the build and the schema
    'start: "09:30"\ntimezone: America/Bogota\nduration: 90\nregion:\n  es: América Latina\n',
    # Emoji (two surrogates to an editor's regular expression) and the joiners some scripts need are text.
    "summary:\n  en: \"Women in IP \U0001F469\u200D\U0001F4BB, and \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645\"\n",
    textwrap.dedent("""\
        recording:
          url: https://example.org/video.mp4
          captions: [en, fr]
          published: 2027-05-10
        slides:
          - language: en
            format: pdf
            url: https://example.org/slides.pdf
        stats:
          registrations: 10
          participants: 8
          survey_response_rate: 12.5
        """),
])
def test_valid_documents_are_accepted_by_schema_and_build(extra):
    data = load_text(VALID_WEBINAR + extra)
    assert [e.message for e in validator("webinar").iter_errors(data)] == []
    out = Collector("example.yml")
    assert build_document(data, DOCUMENT_KINDS["webinar"], out) is not None, out.problems


@pytest.mark.parametrize("lang", LANGS)
def test_staff_guide_example_is_valid(lang):
    """The annotated example of each staff guide passes the schema and the build's validator."""
    text = (ROOT / "docs" / f"staff-guide.{lang}.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    assert len(blocks) == 1
    assert "example.org" in blocks[0] and blocks[0].startswith("# yaml-language-server: $schema=schema/webinar")
    data = load_text(blocks[0])
    assert [e.message for e in validator("webinar").iter_errors(data)] == []
    out = Collector(f"staff-guide.{lang}.md")
    assert build_document(data, DOCUMENT_KINDS["webinar"], out) is not None, out.problems
    for command in ("./hub new", "./hub check", "./hub serve", "file:line:col" if lang == "en" else "./hub new expert"):
        assert command in text, command


def test_an_editor_reads_the_text_patterns_as_the_build_does():
    """An editor runs a schema's pattern as JavaScript does, without the "u" flag (a character beyond U+FFFF is two
    surrogates there): in node, each text pattern refuses what the build refuses of the Basic Multilingual Plane
    and accepts emoji and the joiners some scripts need."""
    import shutil
    import subprocess

    from browser_support import missing
    from hub.rules import Markdown, Text

    node = shutil.which("node")
    if node is None:
        missing("Node.js", "Install npm as root with `apt-get install -y npm` (as `./hub test` does)")
    refused = ["An\u200bexample", "\ufeffA title", "An \u202eelpmaxe", "A\u3164name", "Private\ue000use", "A\u00adb",
               "Bell\u0007"]
    accepted = ["Women in IP \U0001F469\u200d\U0001F4BB", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
                "Propri\u00e9t\u00e9 intellectuelle", "\u77e5\u8bc6\u4ea7\u6743 \U0001F4DA"]
    patterns = [Text().json()["pattern"], Markdown().json()["pattern"]]
    script = ("const [patterns, samples] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(patterns.map(p => samples.map(s => new RegExp(p).test(s)))));")
    result = subprocess.run([node, "-e", script], input=json.dumps([patterns, refused + accepted]),
                            capture_output=True, text=True, timeout=60, check=True)
    for pattern, verdicts in zip(patterns, json.loads(result.stdout)):
        assert verdicts == [False] * len(refused) + [True] * len(accepted), (pattern[:40], verdicts)
