"""The data contract's fields for what later sources say: approximate figures, format, optional number and
language, moderators, report links, a localized decision, a series' programme and materials note.

Good values are accepted; bad ones give located messages (``file:line:col: field: ...``).
"""

from __future__ import annotations

import pytest

from hub.catalog import load_catalog
from hub.schema import Approximate
from test_validation import WEBINAR, problems, write_data

GOOD = WEBINAR.replace("number: 1\n", "").replace("language: en\n", "") + """\
format: hybrid
report_links:
  - label:
      en: News item
      fr: Article d'actualité
    url: https://example.org/news/1
    language: en
    published: 2030-05-10
moderators: [test-expert]
stats:
  participants: {more_than: 250}
  countries:
    more_than: 90
  registrations: 300
"""


def test_new_fields_are_accepted_and_number_and_language_may_be_left_out(tmp_path):
    webinar = load_catalog(write_data(tmp_path, GOOD)).webinars["w"].data
    assert webinar.number is None and webinar.language is None
    assert webinar.format == "hybrid" and webinar.moderators == ("test-expert",)
    assert webinar.stats.participants == Approximate(250) and webinar.stats.countries == Approximate(90)
    assert webinar.stats.registrations == 300  # an exact figure stays a number
    assert webinar.report_links[0].label["fr"] == "Article d'actualité"


CASES = [
    ("unknown-format", WEBINAR + "format: webcast\n",
     "webinars/w.yml:8:9: format: must be one of online, hybrid, in-person, got text ('webcast')"),
    ("approximate-needs-more-than", WEBINAR + "stats:\n  participants: {about: 250}\n",
     "webinars/w.yml:9:18: stats.participants.about: unknown field; known fields: more_than"),
    ("approximate-negative", WEBINAR + "stats:\n  countries: {more_than: -1}\n",
     "webinars/w.yml:9:26: stats.countries.more_than: must be at least 0, got a whole number (-1)"),
    ("approximate-as-text", WEBINAR + "stats:\n  participants: more than 250\n",
     "webinars/w.yml:9:17: stats.participants: expected a whole number or fields indented below (more_than), "
     "got text ('more than 250')"),
    ("unknown-moderator", WEBINAR + "moderators: [nobody]\n",
     "webinars/w.yml:8:14: moderators[0]: unknown expert 'nobody' (expected a file webinars/experts/nobody.yml)"),
    ("moderator-twice", WEBINAR + "moderators: [test-expert, test-expert]\n",
     "webinars/w.yml:8:13: moderators: lists the same expert twice"),
    ("report-link-javascript", WEBINAR + "report_links:\n  - label: {en: News}\n    url: javascript:alert(1)\n",
     "webinars/w.yml:10:10: report_links[0].url: must be an absolute http:// or https:// address"),
    ("report-link-without-label", WEBINAR + "report_links:\n  - url: https://example.org/news\n",
     "webinars/w.yml:9:5: report_links[0].label: is missing"),
    ("report-link-label-not-localized", WEBINAR + "report_links:\n  - label: News\n    url: https://example.org/n\n",
     "webinars/w.yml:9:12: report_links[0].label: expected a text per language"),
    ("number-zero", WEBINAR.replace("number: 1", "number: 0"),
     "webinars/w.yml:2:9: number: must be at least 1, got a whole number (0)"),
]


@pytest.mark.parametrize("webinar, expected", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_bad_new_values_get_located_messages(tmp_path, webinar, expected):
    found = problems(write_data(tmp_path, webinar))
    assert any(problem.startswith(expected) for problem in found), found


SERIES_GOOD = """\
title:
  en: Test series
decision:
  en: TEST/1/1, option B
  es: TEST/1/1, opción B
programme:
  - en: Opening.
  - en: Questions.
    fr: Questions.
materials:
  en: The report says the recordings were published elsewhere.
"""


def test_series_decision_localized_or_one_text_and_period_optional(tmp_path):
    write_data(tmp_path)
    (tmp_path / "webinars" / "series" / "test-series.yml").write_text(SERIES_GOOD)
    series = load_catalog(tmp_path).series["test-series"].data
    assert series.decision["es"] == "TEST/1/1, opción B" and series.period is None
    assert len(series.programme) == 2 and series.materials["en"].startswith("The report")


@pytest.mark.parametrize("text, expected", [
    ("title:\n  en: T\ndecision: [a, b]\n",
     "webinars/series/test-series.yml:3:11: decision: expected a text per language"),
    ("title:\n  en: T\ndecision:\n  de: X/1\n", "webinars/series/test-series.yml:4:3: decision.de: must be one of"),
    ("title:\n  en: T\nprogramme:\n  - Opening\n",
     "webinars/series/test-series.yml:4:5: programme[0]: expected a text per language"),
    ("title:\n  en: T\nmaterials: {}\n",
     "webinars/series/test-series.yml:3:12: materials: must give the text in at least one language"),
])
def test_bad_series_values_get_located_messages(tmp_path, text, expected):
    write_data(tmp_path)
    (tmp_path / "webinars" / "series" / "test-series.yml").write_text(text)
    found = problems(tmp_path)
    assert any(problem.startswith(expected) for problem in found), found
