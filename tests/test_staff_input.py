"""Staff input that is hostile or mistaken (issue #13): each class closed where it arises, several cases each.

Symbolic links, ids taken by generated pages, files the hub would ignore, unbounded YAML, values that
cannot be true or must not be published, messages in plain words, and the blind spots of the checks.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
import types
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from conftest import ROOT
from test_validation import EXPERT, SERIES, WEBINAR, problems, replace, write_data
from hub.catalog import load_catalog
from hub.languages import listed


def retitle(value: str) -> str:
    """The valid webinar with its whole title (both lines) replaced by ``title: value``."""
    return WEBINAR.replace("title:\n  en: A fictional webinar\n", f"title: {value}\n")


def ok(root: Path):
    return load_catalog(root)


def only(reported: list[str], start: str) -> str:
    found = [line for line in reported if line.startswith(start)]
    assert found, reported
    return found[0]


# Symbolic links: nothing outside the repository is ever read or published --------------------------------

@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder outside the project with a 'secret' file and a YAML file whose text must never be read."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text("SECRET-TOKEN-42\n")
    (folder / "webinar.yml").write_text(WEBINAR.replace("A fictional webinar", "SECRET-TITLE-42"))
    return folder


def project(tmp_path) -> Path:
    return write_data(tmp_path / "project", **{"files/.gitkeep": ""})


LINK_CASES = {
    "listed-slide-deck": ("files/deck.pdf", "secret.txt",
                          "slides:\n  - file: webinars/files/deck.pdf\n    language: en\n    format: pdf\n"),
    "unlisted-file": ("files/unlisted.pdf", "secret.txt", ""),
    "photo": ("files/portrait.jpg", "secret.txt", ""),
    "yaml-file": ("linked.yml", "webinar.yml", ""),
    "expert-file": ("experts/linked.yml", "webinar.yml", ""),
    "folder-in-files": ("files/linked-folder", ".", ""),
    "folder-in-webinars": ("linked-folder", ".", ""),
    "a-link-inside-the-repository": ("files/again.pdf", None, ""),
}


@pytest.mark.parametrize("name", LINK_CASES)
def test_symbolic_links_are_refused_and_never_read(tmp_path, outside, name):
    link, target, extra = LINK_CASES[name]
    root = project(tmp_path)
    (root / "webinars" / "w.yml").write_text(WEBINAR + extra)
    path = root / "webinars" / link
    if target is None:  # a link to a file of the repository itself: refused too (one simple rule)
        (root / "webinars" / "files" / "real.pdf").write_bytes(b"%PDF-1.4")
        path.symlink_to("real.pdf")
    else:
        path.symlink_to(outside / target if target != "." else outside)
    reported = problems(root)
    message = only(reported, f"webinars/{link}:1:1: is a symbolic link")
    assert "replace the link by the file itself" in message
    assert not any("SECRET" in line for line in reported), reported


def test_linked_data_folders_and_a_linked_webinars_folder_are_refused(tmp_path, outside):
    root = project(tmp_path)
    (outside / "experts").mkdir()
    (outside / "experts" / "test-expert.yml").write_text(EXPERT)
    real = root / "webinars" / "experts"
    for child in real.iterdir():
        child.unlink()
    real.rmdir()
    real.symlink_to(outside / "experts")
    assert only(problems(root), "webinars/experts:1:1: is a symbolic link")
    other = tmp_path / "other"
    other.mkdir()
    (other / "webinars").symlink_to(root / "webinars")
    assert problems(other) == ["webinars:1:1: is a symbolic link: the hub reads and publishes only files committed in "
                               "the repository, never what a link points to; replace the link by the file itself (or "
                               "remove it)"]


def test_staging_never_follows_a_link_even_if_the_catalog_were_bypassed(tmp_path, outside):
    from hub.stage import planned_files

    class NoPages:  # data that names every file, the linked ones too: the staging itself must not follow them
        hub = types.SimpleNamespace(linked_files=frozenset(
            {"webinars/files/real.pdf", "webinars/files/link.pdf", "webinars/files/folder/secret.txt"}))

        def pages(self):
            return iter(())

    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    files = root / "webinars" / "files"
    files.mkdir(parents=True)
    (files / "real.pdf").write_bytes(b"%PDF-1.4")
    (files / "link.pdf").symlink_to(outside / "secret.txt")
    (files / "folder").symlink_to(outside)
    staged = dict(planned_files(root, NoPages()))
    assert staged == {"files/real.pdf": b"%PDF-1.4"}
    (root / "docs" / "page.md").symlink_to(outside / "secret.txt")
    with pytest.raises(ValueError, match="docs/page.md is a symbolic link"):
        dict(planned_files(root, NoPages()))


def test_a_build_with_a_link_stops_before_writing_anything(tmp_path, outside):
    from conftest import build, make_project

    root = make_project(tmp_path / "project")
    (root / "webinars" / "files" / "deck.pdf").symlink_to(outside / "secret.txt")
    result = build(root, jobs=1)
    assert result.returncode != 0
    assert "webinars/files/deck.pdf:1:1: is a symbolic link" in result.stderr
    assert "Traceback" not in result.stderr and not (root / "site").exists()


# Ids taken by pages the hub generates -----------------------------------------------------------------------

def test_a_webinar_or_expert_named_index_is_refused(tmp_path):
    root = write_data(tmp_path, **{"index.yml": WEBINAR.replace("number: 1", "number: 2"),
                                   "experts/index.yml": EXPERT})
    reported = problems(root)
    assert only(reported, "webinars/index.yml:1:1: the file name 'index' is taken by a page the hub makes "
                          "(webinars/index, the list of webinars): rename the file")
    assert only(reported, "webinars/experts/index.yml:1:1: the file name 'index' is taken by a page the hub makes "
                          "(experts/index, the list of experts)")


def test_an_id_taken_by_a_hand_written_page_is_refused(tmp_path):
    root = write_data(tmp_path, **{"about-us.yml": WEBINAR.replace("number: 1", "number: 2")})
    (root / "docs" / "webinars").mkdir(parents=True)
    (root / "docs" / "webinars" / "about-us.fr.md").write_text("# À propos\n")
    assert only(problems(root), "webinars/about-us.yml:1:1: the file name 'about-us' is taken by a page")


def test_a_series_id_taken_by_a_hand_written_page_is_refused(tmp_path):
    """series/<id>/ is the series' page: a hand-written docs/series/<id> page would take its place."""
    root = write_data(tmp_path)
    (root / "docs" / "series").mkdir(parents=True)
    (root / "docs" / "series" / "test-series.en.md").write_text("# Our series\n")
    assert only(problems(root), "webinars/series/test-series.yml:1:1: the file name 'test-series' is taken by a page "
                                "the hub makes (series/test-series, a page of docs/series/)")


def test_every_generated_page_name_is_reserved(tmp_path):
    """The pages the renderer makes beside the webinar, expert and series pages are exactly the reserved ids."""
    from conftest import FIXTURES
    from hub.catalog import RESERVED
    from hub.model import build_hub
    from hub.render import Renderer

    shutil.copytree(FIXTURES / "hub", tmp_path / "webinars")
    hub = build_hub(load_catalog(tmp_path), date(2026, 6, 1))
    items = {*hub.by_slug, *hub.experts, *hub.series}
    stems = {page.stem for page in Renderer(hub, ROOT / "overrides" / "hub").pages()}
    listed = {stem.split("/", 1)[1] for stem in stems if stem.split("/", 1)[1] not in items}
    assert listed == set(RESERVED) == {"index"}


# Files that would be ignored in silence -------------------------------------------------------------------

IGNORED = {
    "other.yaml": "use the .yml extension for webinar data files: rename it to webinars/other.yml",
    "Upper.YML": "use the .yml extension for webinar data files: rename it to webinars/upper.yml",
    "draft.yml.txt": "use the .yml extension for webinar data files: rename it to webinars/draft.yml",
    "draft.yml~": "use the .yml extension for webinar data files",
    "notes.txt": "is not read by the hub: webinars/ holds webinar files ending in .yml",
    "slides.pdf": "is not read by the hub: webinars/ holds webinar files ending in .yml (and README.md notes); "
                  "slide decks and photos go under webinars/files/",
    ".hidden.yml": "a file whose name starts with a dot is not read: remove it, or rename it without the dot",
    "drafts/x.yml": None,  # reported on the folder, below
    "experts/ada.json": "is not read by the hub: webinars/experts/ holds expert files ending in .yml",
    "experts/Ada.yaml": "use the .yml extension for expert data files: rename it to webinars/experts/ada.yml",
    "experts/old/x.yml": None,
    "series/.backup.yml": "a file whose name starts with a dot is not read",
    "schema/notes.txt": "webinars/schema/ holds only the editor schemas that ./hub schema generates",
    "files/.secret.pdf": "a file whose name starts with a dot is not published",
    "files/.private/deck.pdf": None,
}
FOLDERS = {
    "drafts": "the folder webinars/drafts/ is not read by the hub",
    "experts/old": "folders inside webinars/experts/ are not read: put its .yml files directly in webinars/experts/",
    "files/.private": "a folder whose name starts with a dot is not published",
}


def test_every_file_under_webinars_is_read_or_refused_with_what_to_do(tmp_path):
    root = write_data(tmp_path, **{name: "x: 1\n" for name in IGNORED},
                      **{"README.md": "notes", "experts/README.md": "notes", "files/.gitkeep": "",
                         "files/deck.pdf": "%PDF-1.4", "files/talks/2027/deck.pdf": "%PDF-1.4"})
    reported = problems(root)
    for name, message in IGNORED.items():
        if message:
            assert only(reported, f"webinars/{name}:1:1: {message}")
    for name, message in FOLDERS.items():
        assert only(reported, f"webinars/{name}:1:1: {message}")
    allowed = ("README.md", "experts/README.md", "files/.gitkeep", "files/deck.pdf", "files/talks")
    assert not [line for line in reported if line.startswith(tuple(f"webinars/{name}:" for name in allowed))]
    assert len(reported) == len([m for m in IGNORED.values() if m]) + len(FOLDERS), reported


def test_allowed_extras_and_nothing_else_pass(tmp_path):
    root = write_data(tmp_path, **{"README.md": "notes", "experts/README.md": "notes", "series/README.md": "notes",
                                   "files/.gitkeep": "", "files/a/b.pdf": "%PDF-1.4", "schema/webinar.schema.json": "{}"})
    assert list(ok(root).webinars) == ["w"]


# Bounded loading --------------------------------------------------------------------------------------------

LAUGHS = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))

EXPANDING = {
    "billion-laughs": (LAUGHS, "1:4: '&a' marks a value to repeat elsewhere"),
    "alias-only": ("series: test-series\nnumber: *n\n", "2:9: '*n' repeats a value marked elsewhere with '&n'"),
    "merge-key": ("base: &b {series: test-series}\n<<: *b\n", "1:7: '&b' marks a value"),
    "explicit-merge-tag": ("!!merge <<: {series: test-series}\n", "1:1: '!!merge' is a YAML tag"),
    "nested-merges": ("".join(f"m{i}: &m{i}\n  <<: *m{i - 1}\n" if i else "m0: &m0 {a: 1}\n" for i in range(30)),
                      "1:5: '&m0' marks a value"),
    "timestamp-tag": (replace("date", "!!timestamp 2030-05-02"), "6:7: '!!timestamp' is a YAML tag"),
    "binary-tag": (WEBINAR + "region: !!binary aGVsbG8=\n", "8:9: '!!binary' is a YAML tag"),
    "python-tag": (WEBINAR + "region: !!python/object:os.system {}\n", "8:9: '!!python/object:os.system' is a YAML tag"),
    "set-tag": (WEBINAR + "experts: !!set {a: null}\n", "8:10: '!!set' is a YAML tag"),
    "too-many-values": ("x: [" + ",".join(["0"] * 20_001) + "]\n", "the file holds more than 20000 values"),
    "too-deep": ("x: " + "[" * 40 + "]" * 40 + "\n", "lists and fields are nested more than 32 levels deep"),
    "too-large": ("# " + "x" * (600 * 1024) + "\n" + WEBINAR, "1:1: the file is too large"),
}


@pytest.mark.parametrize("name", EXPANDING)
def test_yaml_that_could_expand_without_bound_is_refused_quickly(tmp_path, name):
    text, expected = EXPANDING[name]
    root = write_data(tmp_path, text)
    started = time.perf_counter()
    reported = problems(root)
    assert time.perf_counter() - started < 1.0
    assert any(line.startswith("webinars/w.yml:") and expected in line for line in reported), reported


def _worst_files() -> dict[str, str]:
    """The most expensive files within the bounds that could be made (just under every limit)."""
    from hub.yamlload import MAX_BYTES, MAX_DEPTH, MAX_VALUES

    values = MAX_VALUES - 50  # the valid webinar's own values included
    return {
        # as many unknown fields as allowed, each looked up among the known ones: one message per field
        "unknown-fields": "".join(f"{'k' * 30}{i}: 0\n" for i in range(values // 2)),
        # unknown fields close to known ones ("did you mean …?"), as long as the file allows
        "near-misses": "".join(f"titlee{i}: 0\n" for i in range(values // 2)),
        # as many list items as allowed, each a wrong value: one message per item
        "bad-list-items": WEBINAR.replace("experts: [test-expert]", "experts: [" + ",".join(["X"] * values) + "]"),
        # the longest text in one field: checked for HTML and hidden characters
        "one-huge-title": WEBINAR.replace("A fictional webinar", "a" * (MAX_BYTES - 400)),
        # nesting as deep as allowed, many times over
        "deep-and-wide": "x: [" + ",".join(["[" * (MAX_DEPTH - 2) + "0" + "]" * (MAX_DEPTH - 2)] * (values // 31)) + "]\n",
        # as many localized texts as allowed, each to check
        "many-languages": WEBINAR + "region:\n" + "".join(f"  x{i}: y\n" for i in range(values // 2)),
    }


MEASURE = """
import json, resource, sys, time, tracemalloc
from pathlib import Path
from hub.catalog import DataError, load_catalog  # imported first: the baseline includes the pipeline's modules
from hub.languages import activate
from hub.settings import load_settings
activate(load_settings(Path(sys.modules["hub.catalog"].__file__).resolve().parents[2]).languages)  # as an entry point does
def peak_kib():
    # VmHWM: this process's own peak resident set. ru_maxrss would carry over the peak of the process it
    # was forked from (Linux keeps it across exec): the size of the test run that started it.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
baseline = peak_kib()
figures = []
for root in sys.argv[1:]:
    started = time.perf_counter()
    try:
        load_catalog(Path(root))
        count = 0
    except DataError as error:
        count = len(error.problems)
    elapsed = time.perf_counter() - started
    tracemalloc.start()  # again, for the Python allocations of this file alone (slower: not timed)
    try:
        load_catalog(Path(root))
    except DataError:
        pass
    allocated = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    figures.append({"root": root, "seconds": elapsed, "problems": count, "allocated_peak": allocated,
                    "peak_kib": peak_kib()})
print(json.dumps({"baseline_kib": baseline, "files": figures}))
"""


@pytest.mark.slow  # loads the largest file the bounds allow, in a process of its own: not in ./hub test --fast
def test_the_worst_yaml_file_within_the_bounds_loads_in_bounded_time_and_memory(tmp_path):
    """Measured in a fresh process: each file is loaded and validated (its messages built) in under
    5 s, with under 64 MiB of Python allocations at its peak (tracemalloc), and the process's peak
    resident memory (VmHWM: the YAML reader's C allocations included) stays under 200 MiB over all
    of them, the pipeline's modules included. The figures are printed (pytest -s)."""
    import json

    files = _worst_files()
    roots = [str(write_data(tmp_path / name, text)) for name, text in files.items()]
    result = subprocess.run([sys.executable, "-c", MEASURE, *roots], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    measured = json.loads(result.stdout)
    print(f"\nbaseline (modules imported): peak RSS {measured['baseline_kib'] / 1024:.1f} MiB")
    for name, figure in zip(files, measured["files"]):
        size = len(files[name].encode())
        print(f"{name}: {size / 1024:.0f} KB, {figure['problems']} problems, {figure['seconds']:.2f} s, "
              f"allocated at the peak {figure['allocated_peak'] / 2**20:.1f} MiB, "
              f"peak RSS so far {figure['peak_kib'] / 1024:.1f} MiB")
        assert figure["allocated_peak"] < 64 * 2**20, name
        assert figure["seconds"] < 5.0, name  # ≈ 0.1–1 s measured; the margin is for a loaded 2-core machine
        assert figure["problems"] > 0, name
    assert measured["files"][-1]["peak_kib"] < 200 * 1024


# Values that cannot be true or must not be published ------------------------------------------------------

@pytest.mark.parametrize("stats, refused", [
    ("registrations: 10\n  participants: 12", True),
    ("registrations: 10\n  participants: 10", False),
    ("registrations: 0\n  participants: 1", True),
    ("participants: 12", False),  # no registrations to compare with
])
def test_more_participants_than_registrations_is_refused(tmp_path, stats, refused):
    root = write_data(tmp_path, WEBINAR + f"stats:\n  {stats}\n")
    if refused:
        assert only(problems(root), "webinars/w.yml:10:17: stats.participants: more participants")
    else:
        ok(root)


@pytest.mark.parametrize("text, expected", [
    (replace("number", "1" * 5000), "2:9: a number of 5000 digits"),
    (replace("number", "0x" + "f" * 40), "2:9: a number of 42 digits"),
    (WEBINAR + "stats:\n  survey_response_rate: .nan\n", "9:25: stats.survey_response_rate: expected a number, got "
                                                         "not-a-number"),
    (WEBINAR + "stats:\n  survey_response_rate: .inf\n", "9:25: stats.survey_response_rate: expected a number, got "
                                                         "infinity"),
    (WEBINAR + "stats:\n  registrations: 1e999\n", "9:18: stats.registrations: expected a whole number or fields "
                                                    "indented below (more_than), got infinity"),
], ids=["many-digits", "long-hex", "nan", "inf", "float-overflow"])
def test_numbers_that_are_no_figures_are_refused(tmp_path, text, expected):
    assert only(problems(write_data(tmp_path, text)), f"webinars/w.yml:{expected}")


def test_an_infinite_budget_is_refused(tmp_path):
    root = write_data(tmp_path)
    (root / "webinars" / "series" / "test-series.yml").write_text(SERIES + "budget:\n  planned: .inf\n  currency: CHF\n")
    assert only(problems(root), "webinars/series/test-series.yml:6:12: budget.planned: expected a number, got infinity")


@pytest.mark.parametrize("published, refused", [("2030-05-01", True), ("2030-05-02", False), ("2030-05-09", False)])
def test_a_recording_published_before_the_webinar_is_refused(tmp_path, published, refused):
    root = write_data(tmp_path, WEBINAR + f"recording:\n  url: https://example.org/v.mp4\n  published: {published}\n")
    if refused:
        assert only(problems(root), "webinars/w.yml:10:14: recording.published: the recording is published before")
    else:
        ok(root)


@pytest.mark.parametrize("url", [
    "https://user:secret@example.org/register", "https://user@example.org/register",
    "http://a@b@example.org/", "https://:password@example.org/", "https://example.org@evil.example/",
    "ftp://example.org/file", "mailto:someone@example.org", "file:///etc/passwd",
    "https://[::1/", "https://example.org:99999/",
])
def test_urls_with_credentials_other_schemes_or_unreadable_are_refused(tmp_path, url):
    root = write_data(tmp_path, WEBINAR + f"registration:\n  url: '{url}'\n")
    message = only(problems(root), "webinars/w.yml:9:8: registration.url: must ")
    assert "for example: url: https://www.example.org/page" in message
    if "@" in url and url.startswith("http"):
        assert "must not hold a user name or password" in message


@pytest.mark.parametrize("field, value, line", [
    ("date", "9999-12-31", 6), ("date", "0001-01-01", 6), ("date", "1989-12-31", 6), ("date", "2200-01-01", 6),
])
def test_dates_at_the_edges_of_the_calendar_are_refused_with_a_located_message(tmp_path, field, value, line):
    text = replace(field, value) + 'start: "23:59"\ntimezone: Pacific/Kiritimati\nduration: 1440\n'
    message = only(problems(write_data(tmp_path, text)), f"webinars/w.yml:{line}:7: date: '{value}' is outside")
    assert "for example: date: 2027-03-28" in message


@pytest.mark.parametrize("extra", [
    "recording:\n  url: https://example.org/v.mp4\n  published: 9999-12-31\n",
    "registration:\n  url: https://example.org/r\n  closes: 0001-01-01\n",
])
def test_other_dates_at_the_edges_are_refused_too(tmp_path, extra):
    assert only(problems(write_data(tmp_path, WEBINAR + extra)), "webinars/w.yml:10:")


def test_the_first_and_last_dates_allowed_build_their_calendars(tmp_path):
    from hub.extras.calendars import write_calendars
    from hub.model import build_hub

    for index, day in enumerate(("1990-01-01", "2199-12-31")):
        root = write_data(tmp_path / str(index), replace("date", day) + 'start: "23:59"\ntimezone: Pacific/Kiritimati\n'
                          "duration: 1440\n")
        write_calendars(build_hub(load_catalog(root), date(2026, 6, 1)), root / "site", "https://example.org/")
        assert (root / "site" / "webinars.ics").is_file()


def test_the_check_command_prints_no_traceback_for_an_edge_date(tmp_path):
    root = write_data(tmp_path, replace("date", "9999-12-31") + 'start: "23:30"\ntimezone: Etc/GMT+12\n')
    command = [sys.executable, "-c", textwrap.dedent(f"""
        import sys; from pathlib import Path; from hub.__main__ import check
        sys.exit(check(Path({str(root)!r})))""")]
    result = subprocess.run(command, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "webinars/w.yml:6:7: date: '9999-12-31' is outside" in result.stderr


@pytest.mark.parametrize("path", ["webinars/files/.hidden.pdf", "webinars/files/.dir/deck.pdf",
                                  "webinars/files/talks/.old.pdf"])
def test_a_deck_or_photo_whose_name_starts_with_a_dot_is_refused(tmp_path, path):
    root = write_data(tmp_path, WEBINAR + f"slides:\n  - file: {path}\n    language: en\n    format: pdf\n",
                      **{"experts/test-expert.yml": EXPERT + f"photo: {path}\nphoto_alt:\n  en: A portrait\n"})
    reported = problems(root)
    assert only(reported, "webinars/w.yml:9:11: slides[0].file: must not name a file or folder that starts with a dot")
    assert only(reported, "webinars/experts/test-expert.yml:3:8: photo: must not name a file or folder that starts")


@pytest.mark.parametrize("day, start, what", [
    ("2027-03-28", "02:30", "does not exist"), ("2027-10-31", "02:30", "happens twice"),
    ("2027-04-03", "23:30", "happens twice"),  # America/Santiago: the clocks go back at midnight
])
def test_a_start_time_the_clocks_skip_or_repeat_is_refused(tmp_path, day, start, what):
    zone = "America/Santiago" if day == "2027-04-03" else "Europe/Zurich"
    root = write_data(tmp_path, replace("date", day) + f'start: "{start}"\ntimezone: {zone}\n')
    assert what in only(problems(root), "webinars/w.yml:8:8: start: ")


# Messages in plain words ---------------------------------------------------------------------------------

PYTHON = re.compile(r"<class|NoneType|\b(?:dict|str|int|float|bool|tuple|bytes|datetime)\b|list\[|\{'|\['|\('\[|"
                    r"\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|Traceback|Error\b|object at 0x")
LOCATED = re.compile(r"^webinars/[a-z0-9/._~-]+:\d+:\d+: ")

BAD_WEBINARS = {
    "title-is-text": retitle("A title without a language"),
    "title-is-list": retitle("[a, b]"),
    "title-is-number": retitle("3"),
    "title-en-list": WEBINAR.replace("  en: A fictional webinar", "  en: [a, b]"),
    "title-en-mapping": WEBINAR.replace("  en: A fictional webinar", "  en: {x: 1}"),
    "title-null": retitle("null"),
    "title-lost-indentation": WEBINAR.replace("  en: A fictional webinar", "en: A fictional webinar"),
    "number-text": replace("number", "three"),
    "number-true": replace("number", "true"),
    "number-float": replace("number", "2.5"),
    "number-list": replace("number", "[1]"),
    "number-huge": replace("number", "1" * 40),
    "series-null": replace("series", "~"),
    "series-number": replace("series", "2019"),
    "series-mapping": replace("series", "{a: 1}"),
    "language-list": replace("language", "[en]"),
    "date-number": replace("date", "20300502"),
    "date-words": replace("date", "next Monday"),
    "date-null": replace("date", ""),
    "start-number": WEBINAR + "start: 1400\ntimezone: Europe/Zurich\n",
    "start-unquoted": WEBINAR + "start: 14.00\ntimezone: Europe/Zurich\n",
    "timezone-number": WEBINAR + 'start: "14:00"\ntimezone: 1\n',
    "experts-mapping": replace("experts", "{a: 1}"),
    "experts-item-mapping": replace("experts", "[{a: 1}]"),
    "experts-item-null": replace("experts", "[null]"),
    "recording-text": WEBINAR + "recording: https://example.org/v.mp4\n",
    "recording-list": WEBINAR + "recording: [https://example.org/v.mp4]\n",
    "recording-url-lost-indent": WEBINAR + "recording:\nurl: https://example.org/v.mp4\n",
    "slides-mapping": WEBINAR + "slides: {language: en}\n",
    "slides-item-text": WEBINAR + "slides: [deck.pdf]\n",
    "stats-bools": WEBINAR + "stats:\n  registrations: true\n  participants: false\n  survey_response_rate: true\n",
    "stats-text": WEBINAR + "stats:\n  registrations: many\n",
    "registration-phone-yes": WEBINAR + "registration:\n  url: https://example.org/r\n  phone: yes\n",
    "organizer-name-text": WEBINAR + "organizers:\n  - role: opening\n    name: The Division\n",
    "status-bool": replace("status", "true"),
    "unknown-field-long": WEBINAR + "x" * 500 + ": 1\n",
    "unknown-field-number-key": WEBINAR + "3: x\n",
    "list-key": WEBINAR + "? [a, b]\n: c\n",
    "mapping-key": WEBINAR + "? {a: b}\n: c\n",
    "file-is-text": "just a sentence\n",
    "file-is-number": "42\n",
    "file-is-empty": "",
    "file-is-list": "- a\n- b\n",
    "control-character": WEBINAR.replace("A fictional webinar", "A \x07 webinar"),
    "newline-in-title": WEBINAR.replace("  en: A fictional webinar", '  en: "two\\nlines"'),
    "colon-in-title": WEBINAR.replace("A fictional webinar", "Patents: a primer"),
    "tab-indent": WEBINAR.replace("  en: A fictional webinar", "\ten: A fictional webinar"),
    "unclosed-quote": WEBINAR.replace("A fictional webinar", '"A fictional webinar'),
    "unclosed-bracket": replace("experts", "[test-expert"),
    "two-documents": WEBINAR + "---\nseries: x\n",
    "bad-indent": WEBINAR.replace("  en: A fictional webinar", "  en: A fictional webinar\n fr: Un webinaire"),
    "at-sign": replace("series", "@series"),
    "not-utf8": None,
}


def _messages(tmp_path: Path, name: str, text: str | None) -> list[str]:
    root = write_data(tmp_path / name, WEBINAR)
    path = root / "webinars" / "w.yml"
    if text is None:
        path.write_bytes(WEBINAR.replace("A fictional webinar", "caf\xe9").encode("latin-1"))
    else:
        path.write_text(text, encoding="utf-8")
    return problems(root)


def test_every_message_is_located_and_in_plain_words_with_the_right_form(tmp_path):
    seen = 0
    for name, text in BAD_WEBINARS.items():
        reported = _messages(tmp_path, name, text)
        assert reported, name
        for line in reported:
            seen += 1
            assert LOCATED.match(line), (name, line)
            assert not PYTHON.search(line), (name, line)
            assert len(line) < 700, (name, line)
            where, _, rest = line.partition(": ")
            if re.match(r"^[^ :]+: ", rest) and not rest.startswith("malformed YAML: "):  # a field's message
                assert re.search(r"for example|e\.g\.|did you mean|indent|known fields", rest), (name, line)
            else:  # the file as a whole: what to do
                assert re.search(r"for example|e\.g\.|remove|put|use|save|indent|close|keep|check", rest), (name, line)
    assert seen > len(BAD_WEBINARS)


def test_the_old_python_forms_are_gone(tmp_path):
    reported = _messages(tmp_path, "title", retitle("A title without a language"))
    assert reported == ["webinars/w.yml:3:8: title: expected a text per language: fields named by language code "
                        f"({listed()}), indented below, got text ('A title without a language'); for "
                        "example: title: {en: Patent basics for small firms}"]


def test_a_lost_indentation_says_where_the_field_belongs(tmp_path):
    reported = _messages(tmp_path, "a", WEBINAR.replace("  en: A fictional webinar", "en: A fictional webinar"))
    assert only(reported, "webinars/w.yml:4:1: en: unknown field; 'en' is a language code: a text in en belongs "
                          "under a field such as title:, indented by two spaces")
    reported = _messages(tmp_path, "b", WEBINAR + "registration:\nurl: https://example.org/r\n")
    assert only(reported, "webinars/w.yml:9:1: url: unknown field; 'url' is a field of registration: did it lose "
                          "its indentation? Indent it by two spaces under registration:")
    reported = _messages(tmp_path, "c", WEBINAR + "stats:\nparticipants: 3\n")
    assert only(reported, "webinars/w.yml:9:1: participants: unknown field; 'participants' is a field of stats")


def test_a_colon_in_an_unquoted_text_gets_the_quoting_hint(tmp_path):
    reported = _messages(tmp_path, "a", WEBINAR.replace("A fictional webinar", "Patents: a primer"))
    assert reported == ["webinars/w.yml:4:14: malformed YAML: a text that contains ': ' (colon and space) must be in "
                        "quotes, e.g. title: \"Patents: a primer\"; or a line lost its indentation (the YAML reader "
                        "says: mapping values are not allowed in this context)"]


# Blind spots --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, accepted", [
    (replace("number", "3999"), True), (replace("number", "4000"), False), (replace("number", "0"), False),
    (WEBINAR + "duration: 1440\n", True), (WEBINAR + "duration: 1441\n", False), (WEBINAR + "duration: 0\n", False),
    (WEBINAR + "stats:\n  survey_response_rate: 100\n", True),
    (WEBINAR + "stats:\n  survey_response_rate: 100.01\n", False),
    (WEBINAR.replace("A fictional webinar", "a" * 300), True), (WEBINAR.replace("A fictional webinar", "a" * 301), False),
    (WEBINAR + "summary:\n  en: " + "a" * 20_000 + "\n", True), (WEBINAR + "summary:\n  en: " + "a" * 20_001 + "\n", False),
    (WEBINAR + "registration:\n  url: https://example.org/" + "a" * (2000 - 20) + "\n", True),
    (WEBINAR + "registration:\n  url: https://example.org/" + "a" * (2000 - 19) + "\n", False),
    (replace("date", "2030-05-02") + "registration:\n  url: https://example.org/r\n  closes: 2030-05-02\n", True),
    (replace("date", "2030-05-02") + "registration:\n  url: https://example.org/r\n  closes: 2030-05-03\n", False),
])
def test_each_bound_is_inclusive_and_the_next_value_refused_in_the_build_and_the_editor(tmp_path, text, accepted):
    import json

    import jsonschema

    from hub.yamlload import load_text

    root = write_data(tmp_path, text)
    if accepted:
        ok(root)
    else:
        problems(root)
    schema = json.loads((ROOT / "webinars" / "schema" / "webinar.schema.json").read_text())
    data = json.loads(json.dumps(load_text(text), default=str))
    if "closes" not in text:  # the editor cannot compare two fields
        assert jsonschema.Draft202012Validator(schema).is_valid(data) == accepted


@pytest.mark.parametrize("text", [
    replace("series", "null"), WEBINAR + "recording:\n  url: ~\n", retitle(""),
    WEBINAR + "report_links:\n  - label: {en: News}\n    url: null\n",
    replace("date", "~"), WEBINAR.replace("  en: A fictional webinar", "  en: null"),
    WEBINAR + "registration:\n  url: null\n", WEBINAR + "registration: {url: }\n",
    WEBINAR + "slides:\n  - language: null\n    format: pdf\n    url: https://example.org/s.pdf\n",
    WEBINAR + "organizers:\n  - role: ~\n    name: {en: x}\n",
], ids=["series", "recording.url", "title", "report_links.url", "date", "title.en", "registration.url", "registration.url-flow",
        "slides.language", "organizers.role"])
def test_null_is_refused_for_every_required_field(tmp_path, text):
    reported = problems(write_data(tmp_path, text))
    assert any("got nothing (an empty value)" in line or "is empty" in line for line in reported), reported


@pytest.mark.parametrize("text", [
    replace("number", "true"), replace("number", "false"), WEBINAR + "duration: true\n",
    WEBINAR + "stats:\n  registrations: true\n", WEBINAR + "stats:\n  participants: false\n",
    WEBINAR + "stats:\n  survey_response_rate: true\n", WEBINAR + "recording:\n  url: https://e.org/v.mp4\n  duration: true\n",
], ids=["number-true", "number-false", "duration", "registrations", "participants", "rate", "recording.duration"])
def test_true_and_false_are_never_numbers(tmp_path, text):
    reported = problems(write_data(tmp_path, text))
    assert any("got true/false" in line for line in reported), reported


def test_true_is_not_a_period_either(tmp_path):
    root = write_data(tmp_path)
    (root / "webinars" / "series" / "test-series.yml").write_text(SERIES.replace("period: 2030", "period: true"))
    assert only(problems(root), "webinars/series/test-series.yml:4:9: period: expected text or a whole number, "
                                "got true/false (true)")


@pytest.mark.parametrize("where, text", [
    ("webinars/w.yml:4:7: title.en", WEBINAR.replace("A fictional webinar", "Profit > loss")),
    ("webinars/w.yml:4:7: title.en", WEBINAR.replace("A fictional webinar", "a < b")),
    ("webinars/w.yml:4:7: title.en", WEBINAR.replace("A fictional webinar", "<b>bold</b>")),
    ("webinars/w.yml:5:7: title.fr", WEBINAR.replace("  en: A fictional webinar", "  en: ok\n  fr: '>'")),
    ("webinars/w.yml:9:7: region.en", WEBINAR + "region:\n  en: Africa > East\n"),
])
def test_angle_brackets_are_refused_in_every_title(tmp_path, where, text):
    assert only(problems(write_data(tmp_path, text)), f"{where}: must be plain text without HTML")


def test_angle_brackets_are_refused_in_expert_and_series_names(tmp_path):
    root = write_data(tmp_path)
    (root / "webinars" / "experts" / "test-expert.yml").write_text(
        "name: Ada <Example>\nlinks:\n  - label: {en: Profile >}\n    url: https://example.org/\n")
    (root / "webinars" / "series" / "test-series.yml").write_text(SERIES.replace("Test series", "Series > one"))
    reported = problems(root)
    assert only(reported, "webinars/experts/test-expert.yml:1:7: name: must be plain text without HTML")
    assert only(reported, "webinars/experts/test-expert.yml:3:17: links[0].label.en: must be plain text without HTML")
    assert only(reported, "webinars/series/test-series.yml:2:7: title.en: must be plain text without HTML")


def test_upcoming_and_past_at_the_build_date(tmp_path):
    from hub.extras.calendars import calendar_links
    from hub.model import build_hub

    catalog = load_catalog(write_data(tmp_path, replace("date", "2030-05-02")))
    day = date(2030, 5, 2)
    for today, upcoming in ((day - timedelta(days=1), True), (day, True), (day + timedelta(days=1), False)):
        hub = build_hub(catalog, today)
        webinar = hub.by_slug["w"]
        assert webinar.upcoming is upcoming, today
        assert (hub.upcoming == (webinar,)) is upcoming and (hub.past == (webinar,)) is not upcoming
        assert (calendar_links(hub, webinar, "https://example.org/", "en") is not None) is upcoming


@pytest.mark.parametrize("moment, expected", [
    ("2030-05-01T23:59:59+00:00", date(2030, 5, 1)), ("2030-05-02T00:00:00+00:00", date(2030, 5, 2)),
    ("2030-05-02T08:30:00+10:00", date(2030, 5, 1)),  # just after midnight in Sydney: still the 1st in UTC
    ("2030-05-01T20:00:00-05:00", date(2030, 5, 2)),  # evening in Bogotá: already the 2nd in UTC
])
def test_the_build_date_is_the_utc_date(moment, expected):
    from hub.model import build_date

    now = datetime.fromisoformat(moment)
    assert build_date({}, now=now) == expected
    epoch = str(int(now.timestamp()))
    assert build_date({"SOURCE_DATE_EPOCH": epoch}) == expected
    assert build_date({"HUB_TODAY": "2030-05-02", "SOURCE_DATE_EPOCH": epoch}) == date(2030, 5, 2)


@pytest.mark.parametrize("path", ["webinars/files/../../mkdocs.yml", "webinars/files/a/../../../mkdocs.yml",
                                  "webinars/files/..", "webinars/files/x/.."])
def test_a_file_path_cannot_climb_out_of_webinars_files(tmp_path, path):
    """The file exists (mkdocs.yml at the root): only the rule keeps it from being published as a slide deck."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    text = WEBINAR + f"slides:\n  - file: {path}\n    language: en\n    format: pdf\n"
    assert only(problems(write_data(tmp_path, text)), "webinars/w.yml:9:11: slides[0].file: must be a path under "
                                                      "webinars/files/")


def test_null_is_refused_for_a_required_field_of_two_kinds():
    """No required field of schema.py is of two kinds today (a year or a text...); the rule is the validator's
    own, so a future one gets it too: only a field whose type allows None takes null."""
    from typing import Annotated

    from hub.rules import Range
    from hub.validate import Collector, _Invalid, convert
    from hub.yamlload import Mark

    for hint in (int | str, Annotated[int, Range(0)] | str):
        out = Collector("webinars/w.yml")
        with pytest.raises(_Invalid):
            convert(None, hint, "period", Mark(3, 9), out)
        assert [str(problem) for problem in out.problems][0].startswith(
            "webinars/w.yml:3:9: period: expected a whole number or text, got nothing (an empty value)")
    assert convert(None, int | str | None, "period", Mark(3, 9), Collector("webinars/w.yml")) is None
