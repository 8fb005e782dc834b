"""The site's search index: Pagefind (PyPI ``pagefind[extended]``), run over a whole assembled site.

Pagefind reads every HTML page of the site, keeps the part marked ``data-pagefind-body`` (the page's
content, ``overrides/main.html``) minus what is marked ``data-pagefind-ignore`` (charts, fact panels,
what is drawn for the eye only), and writes one index per ``<html lang>`` into ``pagefind/`` at the site
root, in chunks: a search fetches only the chunks its words need (``hub.js`` loads it when a search
starts). The extended binary segments Chinese.

Chinese: Pagefind 1.5 splits the *index* into words with its own dictionary segmenter, but the browser
splits the *query* with ICU (``Intl.Segmenter``); where they disagree a query finds nothing (Pagefind
issue #1237: "协同增效" is one word in the index, "协同|增|效" in the query, so "增效" or the whole word
fail). So Pagefind indexes a copy of each Chinese page whose text is already split at ICU's word
boundaries (ICU 78 through ``icu4py``, as Chromium's ICU), with zero-width spaces, which Pagefind keeps as
word boundaries: the index then holds the words the browser looks for. The visitors' pages are unchanged
(the copy is only read by Pagefind; ``hub.js`` drops the zero-width spaces from what results show).

``index(site)`` is called by ``hub.build`` on the fresh, assembled site before it is swapped in (so a
failed index leaves the previous site as it was), by a plain ``mkdocs build`` after its last language
(``hooks/hub_mkdocs.py``) and by ``./hub serve`` after each rebuild. The binary runs through its Python
package (``python -m pagefind``), with a time limit.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Left out besides data-pagefind-ignore: the "¶" permalink Markdown's toc extension adds to each heading
# (no attribute of ours can be set on it).
EXCLUDE = ".headerlink"
BUNDLE = "pagefind"
TIMEOUT_S = 600  # ≈ 1 s for the real data, ≈ 30 s at 1 000 webinars: a hung binary fails the build
SEGMENTED = ("zh",)  # languages whose words are not separated by spaces (Pagefind's needsWordSegmentation)
ZWSP = "\u200b"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
TEXT = re.compile(r">([^<]+)<")
LANG = re.compile(rb'<html[^>]*\slang="([A-Za-z-]+)"')


class SearchIndexError(Exception):
    """Pagefind could not index the site (its message, or why it could not run)."""


def index(site: Path, output: Path | None = None, timeout: float = TIMEOUT_S) -> str:
    """Index every page of ``site`` into ``output`` (default ``site/pagefind``); returns a one-line
    summary. Raises SearchIndexError when Pagefind is missing, fails, times out or writes no index.

    Pagefind runs once per language, one after the other, and the bundles are put together: its memory grows
    with the pages it holds (≈ 520 MiB for the 8 000 pages of 1 000 webinars in one run), and each language's
    files are its own (``<lang>_<hash>`` index, fragments and metadata, ``wasm.<lang>``), listed by language in
    ``pagefind-entry.json``, which is the union of the runs' (the same scripts in each run)."""
    site = site.resolve()
    output = (output or site / BUNDLE).resolve()
    started = time.perf_counter()
    deadline = started + timeout
    entry: dict = {}
    pages = 0
    with tempfile.TemporaryDirectory(prefix=".search-", dir=site.parent) as work:
        views, segmented = lay_out(site, Path(work) / "views", exclude=output)
        bundle = Path(work) / "bundle"
        for lang, view in sorted(views.items()):
            part = Path(work) / f"bundle-{lang}"
            result = _pagefind(view, part, deadline - time.perf_counter(), timeout)
            found = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
            if set(found["languages"]) != {lang}:
                raise SearchIndexError(f"search index: the {lang} pages were indexed as {sorted(found['languages'])}")
            entry = {**found, "languages": {**entry.get("languages", {}), **found["languages"]}}
            pages += found["languages"][lang]["page_count"]
            for path in sorted(part.rglob("*")):
                target = bundle / path.relative_to(part)
                if path.is_file() and not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    path.rename(target)
        if not entry:  # no page says its language (an engine that writes no HTML pages): nothing to search
            return "search index: no page with a language to index"
        # Sorted: two builds of the same pages are byte-identical.
        (bundle / "pagefind-entry.json").write_text(json.dumps(entry, sort_keys=True, ensure_ascii=False,
                                                               separators=(",", ":")), encoding="utf-8")
        shutil.rmtree(output, ignore_errors=True)
        output.parent.mkdir(parents=True, exist_ok=True)
        bundle.rename(output)
    return (f"search index: {len(entry['languages'])} languages, {pages} pages ({segmented} Chinese pages split "
            f"at ICU's word boundaries) in {time.perf_counter() - started:.1f} s")


def _pagefind(view: Path, output: Path, timeout: float, limit: float) -> subprocess.CompletedProcess:
    """Pagefind over one language's pages, within what is left (``timeout``) of the index's ``limit``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(view), "--output-path", str(output),
               "--exclude-selectors", EXCLUDE]
    try:
        result = subprocess.run(command, cwd=view.parent, capture_output=True, text=True,
                                timeout=max(timeout, 1), stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise SearchIndexError(f"search index: Pagefind did not finish within {limit:g} s") from None
    except OSError as error:
        raise SearchIndexError(f"search index: Pagefind could not be started: {error}") from None
    if result.returncode != 0 or not (output / "pagefind-entry.json").is_file():
        why = (result.stderr.strip() or result.stdout.strip()).splitlines()[-8:]
        if "No module named pagefind" in result.stderr:
            why = ["the pagefind package is not installed (pip install -r requirements.txt)"]
        raise SearchIndexError(f"search index: Pagefind failed on {view.name} (exit status {result.returncode}): "
                               + " / ".join(why))
    return result


def lay_out(site: Path, views: Path, exclude: Path | None = None) -> tuple[dict[str, Path], int]:
    """One folder per language under ``views``: the HTML pages of ``site`` that say that language in their
    ``<html lang>``, at the same paths, as hard links (a copy where links cannot be made), the pages in a
    language of ``SEGMENTED`` rewritten with their words split. Returns the folders by language and how many
    pages were split. Pages without a language are left out (Pagefind would not index them either)."""
    folders: dict[str, Path] = {}
    split = 0
    for page in sorted(site.rglob("*.html")):
        if exclude is not None and page.is_relative_to(exclude):
            continue
        with page.open("rb") as file:
            found = LANG.search(file.read(512))
        if not found:
            continue
        lang = found.group(1).decode()
        folder = folders.setdefault(lang, views / lang)
        target = folder / page.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        if lang.split("-")[0] in SEGMENTED:
            target.write_text(split_words(page.read_text(encoding="utf-8"), lang), encoding="utf-8")
            split += 1
            continue
        try:
            os.link(page, target)
        except OSError:
            shutil.copyfile(page, target)
    return folders, split


def split_words(html: str, lang: str) -> str:
    """Every run of Han characters in the text of ``html`` (not its tags) with a zero-width space at each of
    ICU's word boundaries, as the browser's ``Intl.Segmenter(lang, {granularity: "word"})`` splits a query."""
    return TEXT.sub(lambda match: ">" + HAN.sub(lambda run: _split_run(run.group(0), lang), match.group(1)) + "<",
                    html)


@functools.lru_cache(maxsize=65536)
def _split_run(text: str, lang: str) -> str:
    """One run of Han characters, split (cached: the menus, footers and labels repeat on every page)."""
    from icu4py.breakers import WordBreaker
    from icu4py.locale import Locale

    return ZWSP.join(text[start:end] for start, end in WordBreaker(text, Locale(lang)).segments())
