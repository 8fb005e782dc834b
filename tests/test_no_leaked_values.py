"""No Python value is ever printed from data into a page or a file: ``None``, ``True``, ``False``, ``[]``, ``{}``.

A template that prints a missing value writes "None" (the webinars page's language filter once offered
``<option value="None">``). Every built file of every test site is scanned: an HTML attribute whose value
is one of these, a text standing alone as one of these words, a string of a JSON file (open data, the
search index, JSON-LD) or a line of a feed or calendar holding one. Words of running text ("None of …")
are not the class looked for: only the tokens standing alone (between tags, quotes or separators).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

SITES = ("real_site", "fixture_site", "figures_site", "hostile_site")
LEAKED = {"None", "True", "False", "[]", "{}", "undefined", "nan", "NaN"}  # not "null": a JSON Schema type
# A leaked token standing alone in a text: after a start or separator, before an end or separator ("None of
# the …" is prose, "Language: None" a leak).
TOKEN = re.compile(r"(?:^|[\s,;:(|·/=])(None|True|False|\[\]|\{\}|undefined|NaN)(?=\s*(?:$|[,;:)|·/.]))")
TEXT_SUFFIXES = {".xml", ".ics", ".txt", ".csv", ".md"}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _html_leaks(text: str) -> list[str]:
    soup = BeautifulSoup(text, "lxml")
    found = []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            for item in value if isinstance(value, list) else [value]:
                if item.strip() in LEAKED:
                    found.append(f"<{tag.name} {name}={item!r}>")
    for string in soup.find_all(string=True):
        parent = string.parent.name
        if parent == "script" and string.parent.get("type") == "application/ld+json":
            found += [f"JSON-LD {s!r}" for s in _strings(json.loads(string)) if TOKEN.search(s) or s in LEAKED]
        elif parent not in ("script", "style") and (string.strip() in LEAKED or TOKEN.search(string)):
            found.append(f"text {string.strip()[:80]!r} in <{parent}>")
    return found


def leaks(site: Path) -> list[str]:
    found = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        where = path.relative_to(site)
        if path.suffix == ".html":
            found += [f"{where}: {leak}" for leak in _html_leaks(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".json":
            found += [f"{where}: {s[:80]!r}" for s in _strings(json.loads(path.read_text(encoding="utf-8")))
                      if s in LEAKED or TOKEN.search(s)]
        elif path.suffix in TEXT_SUFFIXES:
            found += [f"{where}:{number}: {line[:80]!r}"
                      for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                      if TOKEN.search(line)]
    return found


@pytest.mark.parametrize("name", SITES)
def test_no_python_value_is_printed_into_any_built_file(request, name):
    site = request.getfixturevalue(name)
    found = leaks(site)
    assert not found, f"{name}: {len(found)} leaked values:\n  " + "\n  ".join(found[:30])


def test_the_scan_finds_a_leaked_value(tmp_path):
    """The scan itself: each kind of leak is found, and prose with the same words is not."""
    (tmp_path / "a.html").write_text('<p>None of the speakers</p><option value="None">x</option>'
                                     '<span>True</span><p>Language: None</p>', encoding="utf-8")
    (tmp_path / "b.json").write_text('{"x": ["[]", "a fine sentence"]}', encoding="utf-8")
    (tmp_path / "c.ics").write_text("LOCATION:None\r\nSUMMARY:ok\r\n", encoding="utf-8")
    found = leaks(tmp_path)
    assert len(found) == 5, found
