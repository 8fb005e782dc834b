"""Values a careless or hostile file may hold that looked fine to earlier checks (a probe of 250 inputs found
them): each refused with its file, line and field, for every case of its kind."""

from __future__ import annotations

import pytest

from hub.catalog import MAX_ID
from hub.rules import HttpUrl, Markdown, TimeZone, _bad_character
from hub.yamlload import YamlSyntaxError, load_file, load_text

from test_staff_input import ok
from test_validation import WEBINAR, problems, replace, write_data


# Invisible characters: a title that looks empty, or hides another text --------------------------------------

@pytest.mark.parametrize("text", ["\u200b\u200b", "Probe\u200b webinar", "Probe webinar\ufeff", "Probe\U000e0068\U000e0069",
                                  "one\u2028two", "\U0010ffff", "private \ue000 use", "\u3164", "soft\u00adhyphen",
                                  "word\u2060joiner", "\U0001fffe"])
def test_invisible_characters_are_refused_in_a_title(tmp_path, text):
    escaped = text.encode("unicode_escape").decode("ascii")
    root = write_data(tmp_path, WEBINAR.replace("  en: A fictional webinar", f'  en: "{escaped}"'))
    reported = problems(root)
    assert any("w.yml:4:" in line and "title.en" in line and "invisible or unreliable character (U+" in line
               for line in reported), reported


@pytest.mark.parametrize("text", ["می\u200cخواهم", "👩\u200d💻 coding", "Brevets — « guillemets » ‘quotes’ 中文 عربي"])
def test_the_joiners_scripts_need_and_ordinary_punctuation_pass(text):
    assert _bad_character(text) is None


def test_an_invisible_character_in_a_link_is_refused():
    assert "control characters" in HttpUrl().check("https://www.example.org/s\u200burvey")


# Markdown that would take minutes to render ---------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("[" * 20_000, "has 20000 '['"),
    ("![" * 9_000, "has 9000 '['"),
    ("[x][" * 60, "has 120 '['"),
    ("".join("    " * level + "- a\n" for level in range(6)), "indents line 6 of the text by 20 spaces"),
    ("\t\t\t\t\t- a", "indents line 1 of the text by 20 spaces"),
    ("- " * 300 + "a", "more than 8 list or quote markers"),
    ("> " * 40 + "a", "more than 8 list or quote markers"),
    ("1. > * > 2) > + > - a", "more than 8 list or quote markers"),
])
def test_markdown_whose_rendering_grows_without_bound_is_refused(text, expected):
    assert expected in (Markdown().check(text) or "")


@pytest.mark.parametrize("text", [
    "A *short* text with [a link](https://www.example.org/) and [another](https://www.example.org/b).",
    "- one\n    - two\n        - three\n            - four\n                five",
    "> quoted\n> - with a list\n>     - nested",
    "[sic] " * 50,
    "```\ncode [[[ ]]] \n```",  # 6 brackets
])
def test_ordinary_markdown_passes(text):
    assert Markdown().check(text) is None


def test_a_summary_of_brackets_stops_the_check_with_its_place(tmp_path):
    root = write_data(tmp_path, WEBINAR + 'summary:\n  en: "' + "[" * 20_000 + '"\n')
    assert any(line.startswith("webinars/w.yml:9:") and "summary.en" in line and "'['" in line
               for line in problems(root)), problems(root)


# Time zones that are not places ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["localtime", "Factory", "posixrules", "EST5EDT", "GMT", "Europe/Atlantis", "UTC+2"])
def test_time_zone_names_that_are_not_places_are_refused(tmp_path, name):
    assert TimeZone().check(name)
    root = write_data(tmp_path, WEBINAR + f'start: "14:00"\ntimezone: {name}\n')
    reported = problems(root)
    assert any("w.yml:9:" in line and "timezone" in line and "IANA time zone" in line for line in reported), reported


@pytest.mark.parametrize("name", ["UTC", "Europe/Zurich", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "Asia/Kolkata"])
def test_time_zones_of_places_pass(name):
    assert TimeZone().check(name) is None


# File names too long for the files made from them --------------------------------------------------------

@pytest.mark.parametrize("length", [MAX_ID + 1, 232, 240, 251])
def test_a_file_name_too_long_for_its_outputs_is_refused(tmp_path, length):
    root = write_data(tmp_path)
    (root / "webinars" / ("a" * length + ".yml")).write_text(WEBINAR.replace("number: 1", "number: 2"))
    line = next(line for line in problems(root) if "a" * 20 in line)
    assert f"is {length} characters long, at most {MAX_ID}" in line and line.startswith("webinars/aaaa")


def test_a_file_name_at_the_limit_builds_its_outputs(tmp_path):
    root = write_data(tmp_path)
    (root / "webinars" / ("a" * MAX_ID + ".yml")).write_text(WEBINAR.replace("number: 1", "number: 2"))
    assert "a" * MAX_ID in ok(root).webinars


# Hosts that are not on the public web, or imitate another -----------------------------------------------

@pytest.mark.parametrize("url, expected", [
    ("https://.../s", "public web"),
    ("https://\u0435xample.org/s", "plain ASCII letters"),  # a Cyrillic е
    ("https://w\u0456po.int/x.mp4", "plain ASCII letters"),  # a Cyrillic і
    ("https://\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.org/s", "plain ASCII letters"),  # full-width
    ("http://127.0.0.1:8000/admin/", "not a private, local or reserved one"),
    ("http://192.168.1.10/", "not a private, local or reserved one"),
    ("http://[::1]/", "not a private, local or reserved one"),
    ("http://localhost:8000/", "public web"),
    ("https://intranet/page", "public web"),
    ("https://printer.local/", "public web"),
    ("https://-bad-.org/", "valid host"),
    ("https://example.123/", "valid host"),
])
def test_links_to_hosts_off_the_public_web_or_imitating_others_are_refused(tmp_path, url, expected):
    assert expected in (HttpUrl().check(url) or "")
    root = write_data(tmp_path, WEBINAR + f"survey: '{url}'\n")
    assert any("w.yml:8:" in line and "survey" in line and expected in line for line in problems(root))


@pytest.mark.parametrize("url", ["https://www.wipo.int/meetings/en/", "https://xn--bcher-kva.example/",
                                 "http://8.8.8.8/x", "https://WWW.WIPO.INT/", "https://a.b-c.org:8443/p?q=1#f"])
def test_links_to_public_hosts_pass(url):
    assert HttpUrl().check(url) is None


# Figures that cannot all be true ------------------------------------------------------------------------

@pytest.mark.parametrize("stats, field, expected", [
    ("{registrations: 8000000000}", "stats.registrations", "must be at most 1,000,000"),
    ("{countries: 5000}", "stats.countries", "the world has fewer than 250"),
    ("{countries: {more_than: 300}}", "stats.countries", "the world has fewer than 250"),
    ("{countries: 100, participants: 75}", "stats.countries", "each country needs one participant at least"),
    ("{countries: {more_than: 80}, participants: 75}", "stats.countries", "each country needs one participant"),
    ("{participants: {more_than: 500}, registrations: 120}", "stats.participants", "more participants (more than 500)"),
    ("{participants: {more_than: 120}, registrations: 120}", "stats.participants", "more participants (more than 120)"),
    ("{participants: 500, registrations: 120}", "stats.participants", "more participants (500)"),
    ("{participants: 0, survey_response_rate: 40}", "stats.survey_response_rate", "of no participants"),
])
def test_figures_that_cannot_all_be_true_are_refused(tmp_path, stats, field, expected):
    root = write_data(tmp_path, replace("stats", stats))
    reported = problems(root)
    assert any(f" {field}: " in line and expected in line for line in reported), reported


@pytest.mark.parametrize("stats", ["{registrations: 120, participants: 120, countries: 45}",
                                   "{registrations: {more_than: 250}, participants: {more_than: 90}}",
                                   "{participants: {more_than: 250}, countries: {more_than: 90}}",
                                   "{participants: 0, survey_response_rate: 0}"])
def test_figures_that_can_be_true_pass(tmp_path, stats):
    ok(write_data(tmp_path, replace("stats", stats)))


# Where an unreadable character is -------------------------------------------------------------------------

@pytest.mark.parametrize("character", ["\x1b", "\x07", "\x00", "\x7f"])
def test_a_control_character_is_located_at_its_line_column_and_field(character):
    with pytest.raises(YamlSyntaxError) as caught:
        load_text(WEBINAR + f'summary: {{en: "a{character}b"}}\n')
    assert (caught.value.mark.line, caught.value.mark.column) == (8, 17)
    assert f"U+{ord(character):04X}" in str(caught.value) and "'summary'" in str(caught.value)


def test_a_byte_that_is_not_utf8_is_located_at_its_line(tmp_path):
    path = tmp_path / "w.yml"
    path.write_bytes(WEBINAR.encode() + b"summary: {en: caf\xe9}\n")
    with pytest.raises(YamlSyntaxError) as caught:
        load_file(path)
    assert (caught.value.mark.line, caught.value.mark.column) == (8, 18)


# The same language twice ---------------------------------------------------------------------------------

@pytest.mark.parametrize("extra, field", [
    ("interpretation: [fr, fr]\n", "interpretation"),
    ("interpretation: [fr, es, fr]\n", "interpretation"),
    ("recording: {url: 'https://www.youtube.com/watch?v=abcdefghijk', captions: [en, en]}\n", "recording.captions"),
])
def test_a_language_listed_twice_is_refused(tmp_path, extra, field):
    reported = problems(write_data(tmp_path, WEBINAR + extra))
    assert any(f" {field}: lists the language" in line for line in reported), reported


@pytest.mark.parametrize("name", ["con", "nul", "aux", "com1", "lpt9", "prn"])
def test_windows_device_names_are_refused_as_file_names(tmp_path, name):
    root = write_data(tmp_path)
    (root / "webinars" / f"{name}.yml").write_text(WEBINAR.replace("number: 1", "number: 2"))
    assert any(line.startswith(f"webinars/{name}.yml:1:1:") and "device name on Windows" in line for line in problems(root))
    (root / "webinars" / f"{name}.yml").unlink()
    (root / "webinars" / "experts" / f"{name}.yml").write_text("name: Test\n")
    assert any(line.startswith(f"webinars/experts/{name}.yml:1:1:") and "device name" in line for line in problems(root))


@pytest.mark.parametrize("day, refused", [("2030-05-02", True), ("2026-06-02", True), ("2026-06-01", False),
                                          ("2026-05-31", False)])
def test_figures_of_a_webinar_still_to_come_are_refused_given_the_build_date(tmp_path, day, refused):
    from datetime import date

    from hub.catalog import DataError, load_catalog

    root = write_data(tmp_path, replace("date", day).replace("stats:", "") + "stats: {registrations: 120}\n")
    load_catalog(root)  # without a build date: the data alone is consistent
    if not refused:
        load_catalog(root, date(2026, 6, 1))
        return
    with pytest.raises(DataError) as caught:
        load_catalog(root, date(2026, 6, 1))
    assert any("w.yml:8:" in str(p) and "stats: attendance figures for a webinar still to come" in str(p)
               for p in caught.value.problems), caught.value.problems
