"""Lighthouse (npm ``lighthouse``, in Debian's chromium): what no other test measures.

Every page type twice: on the desktop (performance at least 95, best practices and SEO 100) and on
Lighthouse's default phone (best practices and SEO 100: their phone audits, image sizes for the screen's
pixel ratio, the viewport), each time in another of English, Arabic and Chinese, taken in turn, so that each
language is audited on a third of the page types at each form factor. Why not every page in every language:
what these audits look at is the page type's markup, styles, scripts and fonts, the same in every language,
and what does change with the language (direction, lengths, overflow, overlaps, the faces used, the requests
and their sizes, console errors, axe-core's accessibility) is measured on every page, in the six languages, at
both widths, by test_page_views.py; 36 runs took ≈ 4 minutes of the suite, 18 take half. All runs share one
chromium (``tests/lighthouse.mjs``), started once for the module.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess

import pytest

from browser_support import ARTIFACTS, CHROMIUM, ROOT, lighthouse_pages, missing, require_chromium, serve
from conftest import lang_url

pytestmark = [pytest.mark.browser, pytest.mark.lighthouse]  # lighthouse: run alone (./hub test)

LANGS = ("en", "ar", "zh")  # in turn: page type i on the desktop in LANGS[i % 3], on the phone in the next one
FORM_FACTORS = ("desktop", "mobile")
PAGES = lighthouse_pages()
RUNS = [(kind, LANGS[(index + shift) % len(LANGS)], form_factor) for index, kind in enumerate(PAGES)
        for shift, form_factor in enumerate(FORM_FACTORS)]
SCRIPT = ROOT / "tests" / "lighthouse.mjs"
DESKTOP_PERFORMANCE = 95


def categories(kind: str, form_factor: str) -> list[str]:
    wanted = ["best-practices", "seo"]
    if form_factor == "desktop":
        wanted.insert(0, "performance")
    return wanted


@pytest.fixture(scope="module")
def reports(request) -> dict[tuple[str, str, str], dict]:
    """{(kind, lang, form factor): Lighthouse's scores and failing audits}, from one run of the script."""
    require_chromium()
    node = shutil.which("node")
    if not node or not (ROOT / "node_modules" / "lighthouse").is_dir():
        missing("Node.js with the npm package lighthouse", "Install Node.js and npm, then run `npm ci` at the "
                "repository root (`./hub test` does it when npm is present).")
    runs, keys = [], {}
    with contextlib.ExitStack() as stack:
        bases = {name: stack.enter_context(serve(request.getfixturevalue(name)))
                 for name in {site for site, _ in PAGES.values()}}
        for kind, lang, form_factor in RUNS:
            site, path = PAGES[kind]
            url = bases[site] + lang_url(lang, path)
            runs.append({"url": url, "formFactor": form_factor, "categories": categories(kind, form_factor)})
            keys[(url, form_factor)] = (kind, lang, form_factor)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        runs_file = ARTIFACTS / "lighthouse-runs.json"
        runs_file.write_text(json.dumps(runs), encoding="utf-8")
        result = subprocess.run([node, str(SCRIPT), str(runs_file)], cwd=ROOT, capture_output=True, text=True,
                                timeout=1800, env={"HUB_CHROMIUM": CHROMIUM, "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-3000:]
    found = {}
    for line in result.stdout.splitlines():
        report = json.loads(line)
        found[keys[(report["url"], report["formFactor"])]] = report
    (ARTIFACTS / "lighthouse.json").write_text(json.dumps(list(found.values()), indent=1), encoding="utf-8")
    return found


@pytest.mark.parametrize("run", RUNS, ids="-".join)
def test_lighthouse_scores(reports, run):
    kind, lang, form_factor = run
    report = reports[run]
    assert not report["error"], report["error"]
    wanted = {category: 100 for category in categories(kind, form_factor)}
    if form_factor == "desktop":
        wanted["performance"] = DESKTOP_PERFORMANCE
    low = {category: report["scores"][category] for category, minimum in wanted.items()
           if report["scores"][category] is None or report["scores"][category] < minimum}
    failing = [audit for audit in report["failing"] if not audit.startswith("performance/")] \
        + ([audit for audit in report["failing"] if audit.startswith("performance/")] if "performance" in low else [])
    assert not low, f"{kind} page in {lang}, {form_factor} ({report['url']}): scores {low}\n  " + "\n  ".join(failing)
