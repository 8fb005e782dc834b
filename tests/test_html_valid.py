"""Every generated page of both sites passes the Nu HTML Checker (vnu.jar, run once per site).

Errors from the Material theme that no override can fix are listed, each with its reason, in
tests/html-exceptions.yml; everything else fails the test, grouped by message.
"""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from browser_support import require_java, vnu_jar

pytestmark = pytest.mark.slow  # starts Java

EXCEPTIONS = Path(__file__).with_name("html-exceptions.yml")


def exceptions() -> list[dict]:
    entries = yaml.safe_load(EXCEPTIONS.read_text(encoding="utf-8")) or []
    for entry in entries:
        assert entry.get("message") and entry.get("reason"), f"{EXCEPTIONS.name}: {entry} needs a message and a reason"
    return entries


def excused(message: dict, entries: list[dict]) -> bool:
    return any(entry["message"] in message.get("message", "")
               and entry.get("extract", "") in message.get("extract", "") for entry in entries)


FRAGMENT = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>fragment</title></head>"
            "<body>\n{}\n</body></html>\n")


def documents(site: Path, scratch: Path) -> list[Path]:
    """Every HTML file of the site; fragments meant for embedding (no doctype) wrapped in a minimal page."""
    files = []
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if text.lstrip()[:9].lower() == "<!doctype":
            files.append(path)
        else:
            wrapped = scratch / path.relative_to(site)
            wrapped.parent.mkdir(parents=True, exist_ok=True)
            wrapped.write_text(FRAGMENT.format(text), encoding="utf-8")
            files.append(wrapped)
    return files


def check(site: Path, scratch: Path) -> list[dict]:
    """Run vnu.jar once over every HTML file of the site; return its error messages."""
    java = require_java()
    result = subprocess.run(
        [java, "-Xss8m", "-jar", str(vnu_jar()), "--errors-only", "--format", "json",
         *map(str, documents(site, scratch))], capture_output=True, text=True, timeout=600)
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu HTML Checker did not answer in JSON (exit {result.returncode}):\n"
                    f"{result.stderr[-2000:]}", pytrace=False)
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


@pytest.mark.parametrize("site_name", ["real_site", "fixture_site"])
def test_every_page_is_valid_html(request, tmp_path, site_name):
    site = request.getfixturevalue(site_name)
    assert len(list(site.rglob("*.html"))) > 10
    errors = [m for m in check(site, tmp_path) if not excused(m, exceptions())]
    grouped: dict[str, list[dict]] = defaultdict(list)
    for m in errors:
        grouped[m.get("message", "?")].append(m)
    report = []
    for text, found in sorted(grouped.items(), key=lambda item: -len(item[1])):
        first = found[0]
        where = first.get("url", "").replace(f"file:{site}/", "").replace(f"file:{tmp_path}/", "(fragment) ")
        report.append(f"{len(found)}× {text}\n    first in {where}, line {first.get('lastLine')}: "
                      f"{first.get('extract', '').strip()!r}")
    assert not errors, f"{len(errors)} HTML errors in {site_name}:\n" + "\n".join(report)


def test_every_exception_has_a_reason():
    assert all(len(entry["reason"]) > 40 for entry in exceptions())
