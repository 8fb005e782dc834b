"""Bad staff input never reaches the site: every problem is reported with its file, line, column and field."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, build, make_project
from hub.catalog import DataError, load_catalog
from hub.languages import listed

SERIES = """\
title:
  en: Test series
decision: TEST/1/1
period: 2030
"""
EXPERT = """\
name: Test Expert
country: KE
"""
WEBINAR = """\
series: test-series
number: 1
title:
  en: A fictional webinar
language: en
date: 2030-05-02
experts: [test-expert]
"""


def write_data(root: Path, webinar: str = WEBINAR, **extra_files: str) -> Path:
    (root / "webinars" / "series").mkdir(parents=True)
    (root / "webinars" / "experts").mkdir()
    (root / "webinars" / "series" / "test-series.yml").write_text(SERIES)
    (root / "webinars" / "experts" / "test-expert.yml").write_text(EXPERT)
    (root / "webinars" / "w.yml").write_text(webinar)
    for name, text in extra_files.items():
        path = root / "webinars" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def problems(root: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_catalog(root)
    return [str(problem) for problem in caught.value.problems]


def replace(field: str, value: str) -> str:
    """The valid webinar with the line starting ``field:`` replaced by ``field: value``."""
    lines = [f"{field}: {value}" if line.startswith(f"{field}:") else line for line in WEBINAR.splitlines()]
    if not any(line.startswith(f"{field}:") for line in WEBINAR.splitlines()):
        lines.append(f"{field}: {value}")
    return "\n".join(lines) + "\n"


def test_the_valid_data_set_is_valid(tmp_path):
    catalog = load_catalog(write_data(tmp_path))
    assert list(catalog.webinars) == ["w"]


CASES = [
    # (id, webinar text, expected problem line)
    ("malformed-yaml", "series: [test-series\nnumber: 1\n", "webinars/w.yml:2:7: malformed YAML"),
    ("missing-field", WEBINAR.replace("date: 2030-05-02\n", ""),
     "webinars/w.yml:1:1: date: is missing (expected a date YYYY-MM-DD)"),
    ("wrong-type", replace("number", "two"),
     "webinars/w.yml:2:9: number: expected a whole number, got text ('two')"),
    ("typo-field", WEBINAR + "titel:\n  en: x\n",
     "webinars/w.yml:8:1: titel: unknown field; did you mean 'title'?"),
    ("unknown-expert", replace("experts", "[nobody]"),
     "webinars/w.yml:7:11: experts[0]: unknown expert 'nobody' (expected a file webinars/experts/nobody.yml)"),
    ("unknown-series", replace("series", "no-such-series"),
     "webinars/w.yml:1:9: series: unknown series 'no-such-series'"),
    ("javascript-url", WEBINAR + "registration:\n  url: javascript:alert(1)\n",
     "webinars/w.yml:9:8: registration.url: must be an absolute http:// or https:// address, got text ('javascript:alert(1)')"),
    ("relative-url", WEBINAR + "recording:\n  url: /videos/1.mp4\n",
     "webinars/w.yml:9:8: recording.url: must be an absolute http:// or https:// address"),
    ("data-url", WEBINAR + "slides:\n  - url: data:text/html,hi\n    language: en\n    format: pdf\n",
     "webinars/w.yml:9:10: slides[0].url: must be an absolute http:// or https:// address"),
    ("impossible-date", replace("date", "2019-02-30"),
     "webinars/w.yml:6:7: date: '2019-02-30' is not a real calendar date (expected a date YYYY-MM-DD)"),
    ("date-not-iso", replace("date", "18 September 2019"),
     "webinars/w.yml:6:7: date: expected a date YYYY-MM-DD, got text ('18 September 2019')"),
    ("html-in-title", WEBINAR.replace("A fictional webinar", "<script>alert(1)</script>"),
     "webinars/w.yml:4:7: title.en: must be plain text without HTML ('<' or '>' found)"),
    ("unknown-title-language", WEBINAR.replace("  en: A fictional webinar", "  de: Ein Webinar"),
     f"webinars/w.yml:4:3: title.de: must be one of {listed()}, got text ('de')"),
    ("unknown-delivery-language", replace("language", "de"),
     f"webinars/w.yml:5:11: language: must be one of {listed()}, got text ('de')"),
    ("yaml11-no-is-not-false", WEBINAR + "registration:\n  url: https://example.org/r\n  phone: no\n",
     "webinars/w.yml:10:10: registration.phone: expected true or false, got text ('no')"),
    ("impossible-time", WEBINAR + 'start: "25:00"\ntimezone: Europe/Zurich\n',
     "webinars/w.yml:8:8: start: expected a time HH:MM in quotes, got text ('25:00')"),
    ("start-without-timezone", WEBINAR + 'start: "14:00"\n',
     "webinars/w.yml:8:8: start: start and timezone go together"),
    ("unknown-timezone", WEBINAR + 'start: "14:00"\ntimezone: Mars/Olympus\n',
     "webinars/w.yml:9:11: timezone: must be an IANA time zone name"),
    ("duplicate-key", WEBINAR + "number: 2\n",
     "webinars/w.yml:8:1: duplicate key 'number' (first defined on line 2)"),
    ("missing-deck-file", WEBINAR + "slides:\n  - file: webinars/files/none.pdf\n    language: en\n    format: pdf\n",
     "webinars/w.yml:9:11: slides[0].file: no such file in the repository: webinars/files/none.pdf"),
    ("deck-url-and-file", WEBINAR + "slides:\n  - language: en\n    format: pdf\n",
     "webinars/w.yml:9:5: slides[0]: a slide deck needs a url (a deck on the web) or a file"),
    ("negative-count", WEBINAR + "stats:\n  registrations: -3\n",
     "webinars/w.yml:9:18: stats.registrations: must be at least 0, got a whole number (-3)"),
    ("percent-over-100", WEBINAR + "stats:\n  survey_response_rate: 120\n",
     "webinars/w.yml:9:25: stats.survey_response_rate: must be at most 100"),
    ("closes-after-event", WEBINAR + "registration:\n  url: https://example.org/r\n  closes: 2030-06-01\n",
     "webinars/w.yml:10:11: registration.closes: registration closes after the webinar"),
    ("empty-title", replace("title", "{}").replace("  en: A fictional webinar\n", ""),
     "webinars/w.yml:3:8: title: must give the text in at least one language"),
    ("bidi-override", WEBINAR.replace("A fictional webinar", "A fictional \u202ewebinar"),
     "webinars/w.yml:4:7: title.en: a hidden direction-control character (U+202E)"),
    ("number-where-text", WEBINAR + "region:\n  en: 3.10\n",
     "webinars/w.yml:9:7: region.en: expected text, got a number (3.1)"),
    ("not-a-mapping", "- just\n- a list\n",
     "webinars/w.yml:1:1: (file): expected fields, one per line"),
    ("unknown-status", replace("status", "maybe"),
     "webinars/w.yml:8:9: status: must be one of scheduled, cancelled, postponed"),
    ("source-without-document-or-url", WEBINAR + "sources:\n  - published: 2030-05-03\n",
     "webinars/w.yml:9:5: sources[0]: a source needs a document symbol or a url"),
    ("source-paragraphs-without-document", WEBINAR + "sources:\n  - url: https://example.org/n\n    paragraphs: '2'\n",
     "webinars/w.yml:10:17: sources[0].paragraphs: paragraphs are those of a document"),
    ("source-bad-symbol", WEBINAR + "sources:\n  - document: cdip 25 3\n",
     "webinars/w.yml:9:15: sources[0].document: must be a document symbol in capitals, e.g. CDIP/25/3"),
    ("source-paragraphs-as-words", WEBINAR + "sources:\n  - document: CDIP/25/3\n    paragraphs: paragraph six\n",
     "webinars/w.yml:10:17: sources[0].paragraphs: must be paragraph numbers or ranges separated by a comma and a "
     "space, e.g. 6, 7, 14-16"),
    ("source-paragraphs-without-space", WEBINAR + "sources:\n  - document: CDIP/25/3\n    paragraphs: '6,7'\n",
     "webinars/w.yml:10:17: sources[0].paragraphs: must be paragraph numbers or ranges"),
    ("source-paragraphs-as-a-number", WEBINAR + "sources:\n  - document: CDIP/25/3\n    paragraphs: 6\n",
     "webinars/w.yml:10:17: sources[0].paragraphs: expected text, got a whole number (6) (YAML reads true, false "
     "and numbers as such: put the value in quotes to make it text); for example: paragraphs: 6, 7, 14-16"),
    ("source-symbol-as-a-number", WEBINAR + "sources:\n  - document: 12\n",
     "webinars/w.yml:9:15: sources[0].document: expected text, got a whole number (12) (YAML reads true, false and "
     "numbers as such: put the value in quotes to make it text); for example: document: CDIP/25/3"),
    ("source-javascript-url", WEBINAR + "sources:\n  - url: javascript:alert(1)\n",
     "webinars/w.yml:9:10: sources[0].url: must be an absolute http:// or https:// address"),
    ("list-expected", replace("experts", "test-expert"),
     "webinars/w.yml:7:10: experts: expected a list of text, got text ('test-expert')"),
]


@pytest.mark.parametrize("webinar, expected", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_malformed_webinar_gets_its_own_located_message(tmp_path, webinar, expected):
    reported = problems(write_data(tmp_path, webinar))
    assert any(line.startswith(expected) for line in reported), reported


def test_duplicate_number_in_a_series_names_both_files(tmp_path):
    reported = problems(write_data(tmp_path, **{"x.yml": WEBINAR}))
    assert reported == ["webinars/x.yml:2:9: number: number 1 is already used in series 'test-series' by webinars/w.yml; "
                        "give each webinar of a series its own number, e.g. number: 2"]


def test_bad_file_names_are_refused(tmp_path):
    reported = problems(write_data(tmp_path, **{"Bad.Name.yml": WEBINAR, "other.yaml": WEBINAR}))
    assert "webinars/Bad.Name.yml:1:1: file name 'Bad.Name' must use only lower-case letters" in reported[0]
    assert reported[1].startswith("webinars/other.yaml:1:1: use the .yml extension for webinar data files: "
                                  "rename it to webinars/other.yml")


def test_an_expert_source_is_checked_like_a_webinar_source(tmp_path):
    root = write_data(tmp_path, **{"experts/other.yml": "name: Other Expert\nsources:\n  - title: {en: Note}\n"})
    assert any(line.startswith("webinars/experts/other.yml:3:5: sources[0]: a source needs a document symbol or a url")
               for line in problems(root))


def test_expert_and_series_files_are_validated_too(tmp_path):
    root = write_data(tmp_path)
    (root / "webinars" / "experts" / "test-expert.yml").write_text("name: X\ncountry: Kenya\n")
    (root / "webinars" / "series" / "test-series.yml").write_text(SERIES + "budget:\n  planned: 10\n  currency: francs\n")
    reported = problems(root)
    assert reported == [
        "webinars/experts/test-expert.yml:2:10: country: must be a two-letter ISO country code such as CH or KE, got text ('Kenya')"
        "; for example: country: KE",
        "webinars/series/test-series.yml:7:13: budget.currency: must be the ISO 4217 code of a currency in use, such as CHF or USD, got text ('francs')"
        "; for example: currency: CHF",
    ]  # no knock-on 'unknown expert/series' errors for files that exist but are broken


@pytest.mark.parametrize("lines,expected", [
    ("period: 3019\n", "4:9: period: must be at most 2199, got a whole number (3019)"),
    ("period: 1066\n", "4:9: period: must be at least 1990, got a whole number (1066)"),
    ("period: 2030\nbudget:\n  planned: 10\n  currency: XXX\n",
     "7:13: budget.currency: must be the ISO 4217 code of a currency in use, such as CHF or USD, got text ('XXX')"),
    ("period: 2030\nbudget:\n  planned: 10\n  currency: XAU\n", "7:13: budget.currency: must be the ISO 4217 code"),
    ("period: 2030\nbudget:\n  planned: 10\n  currency: XTS\n", "7:13: budget.currency: must be the ISO 4217 code"),
])
def test_impossible_years_and_currencies_are_refused_where_they_are(tmp_path, lines, expected):
    root = write_data(tmp_path)
    (root / "webinars" / "series" / "test-series.yml").write_text(SERIES.replace("period: 2030\n", lines))
    [reported] = problems(root)
    assert reported.startswith(f"webinars/series/test-series.yml:{expected}"), reported


@pytest.mark.parametrize("code", ["CHF", "EUR", "USD", "KES", "HRK"])  # HRK: the kuna, legal tender until 2023
def test_currencies_in_use_since_1990_are_accepted(tmp_path, code):
    root = write_data(tmp_path)
    (root / "webinars" / "series" / "test-series.yml").write_text(
        SERIES + f"budget:\n  planned: 10\n  currency: {code}\n")
    assert load_catalog(root).series["test-series"].data.budget.currency == code


def test_every_problem_is_reported_in_one_run(tmp_path):
    webinar = WEBINAR.replace("number: 1", "number: one").replace("language: en", "language: xx") + "titel: x\n"
    reported = problems(write_data(tmp_path, webinar))
    assert [line.split(": ")[1] for line in reported] == ["number", "language", "titel"]


def project_with_a_previous_site(tmp_path) -> tuple[Path, Path]:
    """A project whose ``site/`` already holds a (previous, good) site: one file, ``index.html``."""
    project = make_project(tmp_path / "project")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous good site")
    return project, site


def test_the_build_stops_before_writing_and_keeps_the_previous_site(tmp_path):
    project, previous = project_with_a_previous_site(tmp_path)
    bad = project / "webinars" / "2019-12-17-ip-strategy.yml"
    bad.write_text(bad.read_text().replace("number: 8", "number: eight"))
    result = build(project, previous)
    assert result.returncode != 0
    assert "webinars/2019-12-17-ip-strategy.yml:4:9: number: expected a whole number, got text ('eight')" in result.stderr
    assert (previous / "index.html").read_text() == "previous good site"
    assert [p.name for p in previous.iterdir()] == ["index.html"]


def test_check_command_reports_and_exits_non_zero(tmp_path):
    root = write_data(tmp_path, replace("date", "2019-13-01"))
    command = [sys.executable, "-c", textwrap.dedent(f"""
        import sys; from pathlib import Path; from hub.__main__ import check
        sys.exit(check(Path({str(root)!r})))""")]
    result = subprocess.run(command, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 1
    assert "webinars/w.yml:6:7: date: '2019-13-01' is not a real calendar date" in result.stderr


@pytest.mark.parametrize("url", [
    'https://example.org/"><script>alert(1)</script>', "https://example.org/a b", "https://example.org/\u202e",
    "https:///nohost", "ftp://example.org/file", "//example.org/x", "HTTPS://", "https://example.org/`x`",
])
def test_urls_with_unsafe_characters_or_schemes_are_refused(tmp_path, url):
    webinar = WEBINAR + f"registration:\n  url: '{url}'\n"
    reported = problems(write_data(tmp_path, webinar))
    assert reported and reported[0].startswith("webinars/w.yml:9:8: registration.url: must ")


def test_a_build_that_fails_midway_leaves_the_previous_site_intact(tmp_path):
    project, site = project_with_a_previous_site(tmp_path)
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text() + "\n{% block footer %}{{ undefined_macro() }}{% endblock %}\n")
    result = subprocess.run([sys.executable, "-m", "hub", "build"], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(project / "hooks"), "HUB_TODAY": "2026-06-01"})
    assert result.returncode != 0
    assert "left as it was" in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert not (project / "site.new").exists()


@pytest.mark.slow  # whole extra builds: not in ./hub test --fast
def test_a_failure_in_one_language_fails_the_parallel_build(tmp_path):
    """A warning in the French build only (a broken link in a French page) stops the whole build."""
    project, site = project_with_a_previous_site(tmp_path)
    about = project / "docs" / "about.fr.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[lien cassé](no-such-page.md)\n", encoding="utf-8")
    result = build(project, site, jobs=2)
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr and "left as it was" in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert not any(path.name.startswith("site.") for path in project.iterdir())  # no .new, .parts or .old left
