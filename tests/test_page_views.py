"""Every page type, in the six languages, at a desktop and a phone width, in Debian's chromium: ONE visit each.

A visit (``visit_page``) loads the page, waits for its ready signal (the load event, the fonts loaded, no request
of the page still pending: no fixed sleep, no network-idle wait) and collects everything the checks below look
at: status, language and direction, horizontal overflow, overlapping parts, the chart, axe-core, a screenshot
(Arabic, Chinese and English), then where the Tab key reaches; and every request, failed request, error status,
console message and JavaScript error of the whole visit. Each check is a test of its own over the collected
visits, so that each fails by name.

On the pages where text meets text (cards, the chart), the same visit then forces other fonts than the site's, a
wide and a narrow one for Latin, Arabic and Chinese (browser_support.FORCED_FONTS), one after the other, and lays
the page out again in each: the checks assert that those fonts are the ones used, and find no overlap, no
overflow, and no chart text under 12 px.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_support import (ARTIFACTS, FORCED_FAMILY, FORCED_FONTS, PREFIX, SCRIPTS, WIDTHS, browser_pages,
                             forced_font_css, full_page_screenshot, require_axe, require_fonts, track_pending,
                             wait_for_no_pending)
from conftest import LANGS, lang_url

pytestmark = pytest.mark.browser

PAGES = browser_pages()
SCREENSHOT_LANGS = ("ar", "zh", "en")
SEARCH_FIELD = ".hub-search-open"  # the header's search button (opens the Pagefind dialog)
SWITCHER_LINK = "a.md-select__link[hreflang]"
VIEWS = [(kind, lang, width) for kind in PAGES for lang in LANGS for width in WIDTHS]
CHART_KINDS = ("figures",)
# Forced fonts: the pages where texts stand side by side (cards, the facts panel, the chart).
FONT_KINDS = ("figures", "home-next", "upcoming", "experts", "webinars")
MIN_CHART_TEXT_PX = 12
FONT_VIEWS = [(kind, lang, width, font) for kind in FONT_KINDS for lang in LANGS for width in WIDTHS
              for font in FORCED_FONTS if kind == "figures" or lang in ("ar", "zh", "en", "ru")]


def view_id(view) -> str:
    return "-".join(view)


# ---------------------------------------------------------------------------------------------- what a visit collects

# Pieces of a card that must never cover one another (webinar cards, expert cards, the facts panel).
CARD_PARTS = {
    ".hub-webinar-card": ".hub-card__date, .hub-card__kicker, a.hub-title, .hub-next__date, .hub-time-event, "
                         ".hub-time-visitor, .hub-card__facts, .hub-register",
    ".hub-expert-card": ".hub-expert-card__initial, .hub-expert-card__name, .hub-expert-card__affiliation, "
                        ".hub-expert-card__country",
    ".hub-facts-panel": ".hub-fact",
    ".hub-kicker": ".hub-badge, .hub-kicker > span:not(.hub-badge)",
}

# One evaluate: what the page looks like once ready (boxes as laid out, in CSS px).
LAYOUT = """([parts, minSize, switcher]) => {
    const name = e => e.tagName.toLowerCase() + (e.classList.length ? '.' + [...e.classList].join('.') : '');
    const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
        && e.checkVisibility({visibilityProperty: true}); };
    const meet = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
        && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    const result = {lang: document.documentElement.lang, dir: getComputedStyle(document.body).direction,
        material: [...document.styleSheets].some(s => s.href && s.href.includes('/assets/stylesheets/main')),
        overflow: [], overlaps: [], hidden: [], code: [], chart: [], charts: 0};
    const scroll = document.scrollingElement.scrollWidth;
    if (scroll > innerWidth) {
        const out = e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > innerWidth + 1 || r.left < -1); };
        const wide = [...document.querySelectorAll('.md-main *, .md-header *, .md-footer *')]
            .filter(e => out(e) && !out(e.parentElement) && e.checkVisibility({visibilityProperty: true}))
            .slice(0, 5).map(e => name(e) + ` (${Math.round(e.getBoundingClientRect().width)} px)`);
        result.overflow.push(`scrollWidth ${scroll} > innerWidth ${innerWidth} (widest: ${wide.join(', ')})`);
    }
    for (const [card, selector] of Object.entries(parts)) {
        for (const box of document.querySelectorAll(card)) {
            if (!visible(box)) continue;
            const outer = box.getBoundingClientRect();
            const items = [...box.querySelectorAll(selector)].filter(visible);
            for (const item of items) {
                const r = item.getBoundingClientRect();
                if (r.left < outer.left - 1 || r.right > outer.right + 1 || r.top < outer.top - 1 || r.bottom > outer.bottom + 1)
                    result.overlaps.push(`${name(item)} sticks out of its ${card}`);
            }
            for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) {
                if (items[i].contains(items[j]) || items[j].contains(items[i])) continue;
                if (meet(items[i].getBoundingClientRect(), items[j].getBoundingClientRect()))
                    result.overlaps.push(`${name(items[i])} and ${name(items[j])} overlap in ${card}`);
            }
        }
    }
    result.overlaps = [...new Set(result.overlaps)].slice(0, 6);
    // Code within a sentence: left to right and isolated, whatever the page's direction.
    result.code = [...document.querySelectorAll('.md-typeset :not(pre) > code')].filter(visible)
        .filter(c => { const s = getComputedStyle(c); return s.direction !== 'ltr' || !s.unicodeBidi.startsWith('isolate'); })
        .slice(0, 3).map(c => `"${c.textContent.slice(0, 40)}" is ${getComputedStyle(c).direction}, ${getComputedStyle(c).unicodeBidi}`);
    // A table wider than its box: columns a reader may never find, hidden in a sideways scroll.
    result.hidden = [...document.querySelectorAll('.md-main table')].filter(visible).map(table => {
        const box = table.closest('.md-typeset__scrollwrap') || table.parentElement;
        return box.scrollWidth > box.clientWidth + 1
            ? `${name(table)}: ${box.scrollWidth} px of columns in a box of ${box.clientWidth} px` : null; })
        .filter(Boolean);
    // The chart: every text as laid out (one box per line of each text node), at least 12 px, inside the
    // figure, meeting no other text; the figure as wide as its column; bars growing from the reading start.
    for (const figure of document.querySelectorAll('figure.hub-chart')) {
        result.charts++;
        const box = figure.getBoundingClientRect(), column = figure.parentElement.getBoundingClientRect();
        if (box.width < column.width - 1) result.chart.push(`the chart is ${Math.round(box.width)} px wide in a column of ${Math.round(column.width)} px`);
        if (figure.querySelector('svg text')) result.chart.push('SVG text in the chart');
        const texts = [];
        const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode, element = node.parentElement;
            if (!node.textContent.trim() || !visible(element) || element.closest('.md-visually-hidden')) continue;
            const size = parseFloat(getComputedStyle(element).fontSize);
            if (size < minSize) result.chart.push(`"${node.textContent.trim()}" is ${size} px`);
            const range = document.createRange(); range.selectNodeContents(node);
            for (const r of range.getClientRects()) texts.push({text: node.textContent.trim(), r});
        }
        for (const {text, r} of texts)
            if (r.left < box.left - 1 || r.right > box.right + 1) result.chart.push(`"${text}" sticks out of the chart`);
        for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++)
            if (meet(texts[i].r, texts[j].r)) result.chart.push(`"${texts[i].text}" and "${texts[j].text}" overlap`);
        for (const bar of figure.querySelectorAll('.hub-chart__bar')) {
            const value = bar.nextElementSibling.getBoundingClientRect(), r = bar.getBoundingClientRect();
            if (meet(r, value)) result.chart.push(`the value ${bar.nextElementSibling.textContent} covers its bar`);
        }
        const label = figure.querySelector('.hub-chart__label'), bar = figure.querySelector('.hub-chart__bar');
        if (label && bar) {
            const l = label.getBoundingClientRect(), b = bar.getBoundingClientRect();
            if (getComputedStyle(figure).direction === 'rtl' ? !(l.left >= b.right) : !(l.right <= b.left))
                result.chart.push('the webinar labels do not stand where the lines start');
        }
    }
    result.chart = [...new Set(result.chart)].slice(0, 8);
    // A heading's "¶" permalink (invisible until hovered) on a line of its own: a blank line under the heading.
    result.lonely = [...document.querySelectorAll('.md-content .headerlink')].filter(visible).filter(link => {
        const heading = link.closest('h1, h2, h3, h4, h5, h6'), range = document.createRange();
        range.setStartBefore(heading.firstChild); range.setEndBefore(link);
        const text = [...range.getClientRects()].filter(r => r.width > 0);
        return text.length && link.getBoundingClientRect().top >= Math.max(...text.map(r => r.bottom)) - 1;
    }).slice(0, 3).map(link => link.closest('h1, h2, h3, h4, h5, h6').innerText.slice(0, 60));
    // What reads as one unit (.hub-keep: a count and its label, a heading's last word and its "¶") on one line.
    result.split = [...document.querySelectorAll('.hub-keep')].filter(visible).filter(e =>
        new Set([...e.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size > 1)
        .slice(0, 3).map(e => `"${e.textContent.trim().slice(0, 50)}" is split over lines`);
    // A figure shown with its column's name (a phone's table rows as blocks) has a figure to show.
    result.blank = [...document.querySelectorAll('td[data-label]')].filter(visible).filter(cell =>
        getComputedStyle(cell, '::before').content.includes(cell.dataset.label) &&
        ![...cell.childNodes].some(n => n.nodeType === 3 ? n.textContent.trim() : visible(n) && !n.matches('.md-visually-hidden')))
        .slice(0, 3).map(cell => `"${cell.dataset.label}" shown with no figure in row "${cell.parentElement.innerText.split('\\n')[0]}"`);
    // A webinar's action buttons (Register, Join, Add to calendar): once they stack, they line up, one width.
    result.buttons = [...document.querySelectorAll('.hub-calendar')].filter(visible).flatMap(row => {
        const boxes = [...row.querySelectorAll('.md-button')].filter(visible).map(b => b.getBoundingClientRect());
        const rows = new Set(boxes.map(b => Math.round(b.top))).size;
        const widths = boxes.map(b => Math.round(b.width));
        return rows > 1 && Math.max(...widths) - Math.min(...widths) > 1 ? [`stacked buttons of ${widths.join(', ')} px`] : [];
    });
    // A comment in code reads in its own direction (the code's lines stay left to right): one that starts with an
    // Arabic letter has its "#" at its right end, where a right-to-left line starts; one in Latin letters at its left.
    // Found in the code's text ("#" at a line's start or after a space, outside double quotes), whatever the markup.
    const letter = /[A-Za-z\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/, rtlLetter = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
    result.comments = [...document.querySelectorAll('pre > code')].filter(visible).flatMap(code => {
        const nodes = [], walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
        for (let total = 0; walker.nextNode(); total += walker.currentNode.length) nodes.push([walker.currentNode, total]);
        const at = offset => { const [node, first] = nodes.findLast(([, first]) => first <= offset); return [node, offset - first]; };
        const range = (from, to) => { const r = document.createRange(); r.setStart(...at(from)); r.setEnd(...at(to)); return r.getBoundingClientRect(); };
        const problems = [];
        let lineStart = 0;
        for (const line of code.textContent.split('\\n')) {
            const hash = [...line.matchAll(/(?:^|(?<=[ \t]))#/g)].map(m => m.index)
                .find(i => (line.slice(0, i).match(/"/g) || []).length % 2 === 0);
            const first = hash === undefined ? null : line.slice(hash).match(letter);
            if (first) {
                const rtl = rtlLetter.test(first[0]);
                const mark = range(lineStart + hash, lineStart + hash + 1), box = range(lineStart + hash, lineStart + line.length);
                if (!(rtl ? box.right - mark.right < 1 : mark.left - box.left < 1))
                    problems.push(`"${line.slice(hash, hash + 40)}": its "#" is not at its ${rtl ? 'right' : 'left'} end`);
            }
            lineStart += line.length + 1;
        }
        return problems;
    }).slice(0, 3);
    // Where the content's text starts, from the page's start side (left, or right on a right-to-left page).
    const content = document.querySelector('.md-content').getBoundingClientRect();
    result.contentStart = Math.round(result.dir === 'rtl' ? document.documentElement.clientWidth - content.right : content.left);
    // The page's title: its size against the text's (the text's own size: the typeset content's).
    const h1 = [...document.querySelectorAll('article h1, .md-content h1')].find(visible);
    result.title = h1 ? {scale: parseFloat(getComputedStyle(h1).fontSize) / parseFloat(getComputedStyle(h1.closest('.md-typeset')).fontSize),
                         text: h1.innerText} : null;
    // The filters: each label above its field; on a phone the field as wide as the form (a chosen value fits).
    result.filters = [...document.querySelectorAll('.hub-filters label')].filter(visible).map(label => {
        const l = label.getBoundingClientRect(), c = label.control.getBoundingClientRect(), text = label.innerText;
        const row = label.closest('.hub-filters__fields').getBoundingClientRect();
        if (meet(l, c) || l.bottom > c.top + 1) return `"${text}" is not above its field`;
        if (innerWidth <= 480 && c.width < row.width - 1) return `"${text}": a field of ${Math.round(c.width)} px in a form of ${Math.round(row.width)} px`;
        return null;
    }).filter(Boolean);
    const reset = document.querySelector('.hub-filters__reset .md-button'), field = document.querySelector('.hub-filters select');
    if (reset && field && visible(reset) && innerWidth > 480) {
        const b = reset.getBoundingClientRect(), f = field.getBoundingClientRect();
        if (b.height < f.height - 1 || Math.abs(b.bottom - f.bottom) > 1)
            result.filters.push(`the reset button (${Math.round(b.height)} px) does not stand level with the fields (${Math.round(f.height)} px)`);
    }
    // The language switcher's links: {hreflang: path}.
    result.switcher = Object.fromEntries([...document.querySelectorAll(switcher)]
        .map(a => [a.hreflang, new URL(a.href).pathname]));
    return result; }"""

LAYOUT_ARGS = [CARD_PARTS, MIN_CHART_TEXT_PX, SWITCHER_LINK]


def axe_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is (axe is in every page of a ``Tab``)."""
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:4])} — "
            f"{v['nodes'][0]['failureSummary'].splitlines()[-1].strip()}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def tab_reaches(page, presses: int = 60) -> set[str]:
    """Press Tab from the top of the page until the language switcher and the search button have had the focus.

    A switcher link must be visible when focused; so must the search button (within a second).
    """
    page.evaluate("document.activeElement && document.activeElement.blur(); scrollTo(0, 0)")
    reached: set[str] = set()
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate("""([switcher, search]) => {
            const e = document.activeElement;
            if (!e) return null;
            if (e.matches(switcher)) return e.checkVisibility({visibilityProperty: true}) ? "language switcher" : null;
            return e.matches(search) ? "search button" : null; }""", [SWITCHER_LINK, SEARCH_FIELD])
        if focused == "search button":
            try:
                page.wait_for_function("s => document.activeElement.matches(s) && document.activeElement"
                                       ".checkVisibility({visibilityProperty: true, opacityProperty: true})",
                                       arg=SEARCH_FIELD, timeout=1000)
                reached.add(focused)
            except Exception:  # noqa: BLE001  (not visible in time: not reached)
                pass
        elif focused:
            reached.add(focused)
        if len(reached) == 2:
            break
    return reached


@dataclass
class Collected:
    """What one visit saw (or the error that stopped it)."""

    url: str
    status: int = 0
    layout: dict = field(default_factory=dict)
    axe: list[str] = field(default_factory=list)
    reached: set[str] = field(default_factory=set)
    requests: list[str] = field(default_factory=list)
    requests_before_search: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    error_statuses: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)
    in_fonts: dict[str, dict] = field(default_factory=dict)  # forced font → {"fonts": …, "layout": …}
    error: str | None = None


class Tab:
    """A browser tab, kept for the page views of one language and width, that records every request and what went
    wrong since its last ``open``, and knows when its page is ready.

    One tab goes from page to page as a visitor's does (no new browser context for each view: 0.3 s, and axe-core
    parsed and warmed again): each view starts once the page before it is ready, so nothing of that page is left
    to be recorded against the next one. No HTTP cache (a routed context has none): each page fetches what it uses.
    axe-core (``axe``, a file) is put in every page before the page's own scripts, as a script the browser compiles
    once for the tab (added to each page after its load, its 0.5 MB were sent and parsed again: 0.1 s a view).
    """

    def __init__(self, browser, viewport: dict, lang: str, axe: str):
        self.context = browser.new_context(viewport=viewport, locale=lang)
        self.context.add_init_script(path=axe)
        # Nothing may leave the machine: abort any request to another host (it is recorded, and fails).
        self.context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
        self.seen = Collected(url="")
        self.page = page = self.context.new_page()
        self.pending = track_pending(page)
        page.on("request", lambda r: self.seen.requests.append(r.url))
        page.on("requestfailed", lambda r: self.seen.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.seen.error_statuses.append(f"HTTP {r.status}: {r.url}"))
        page.on("console", lambda m: m.type == "error" and self.seen.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.seen.js_errors.append(str(e)))

    def open(self, url: str) -> Collected:
        """Go to ``url`` and return, once it is ready (load event, fonts loaded, no request pending), what the
        visit has seen so far."""
        self.seen = Collected(url=url)
        response = self.page.goto(url, wait_until="load")
        self.seen.status = response.status if response else 0
        wait_for_no_pending(self.page, self.pending)
        return self.seen

    def close(self) -> None:
        self.context.close()


# Sets the page in forced fonts (or back in its own, with none): every element, one face per script; then waits
# for each script's face to load, and says what loaded and what the page's text asks for.
FORCE_FONTS = """async ([css, family, samples]) => {
    document.getElementById('hub-forced-fonts')?.remove();
    if (!css) { await document.fonts.ready; return null; }
    const style = document.createElement('style');
    style.id = 'hub-forced-fonts'; style.textContent = css;
    document.head.append(style);
    const status = {};
    for (const [script, sample] of Object.entries(samples)) {
        try {
            const faces = await document.fonts.load(`16px "${family}"`, sample);
            status[script] = faces.length ? faces.map(f => f.status).join(',') : 'no face';
        } catch (error) { status[script] = `not loaded (${error.message})`; }
    }
    await document.fonts.ready;
    const probe = document.querySelector('article h1') || document.body;
    return {status, computed: getComputedStyle(probe).fontFamily}; }"""


def shoot(page, folder, name: str) -> None:
    full_page_screenshot(page, folder / f"{name}.png")


def visit_page(tab: Tab, url: str, kind: str, lang: str, width: str, fonts: tuple[str, ...]) -> Collected:
    """The one visit of a page view: what the page is in its own fonts, then in each of ``fonts``, then where the
    Tab key reaches (last: the keyboard opens things). Raises if the tab itself broke (the caller drops it)."""
    seen = tab.open(url)
    page = tab.page
    seen.layout = page.evaluate(LAYOUT, LAYOUT_ARGS)
    if lang in SCREENSHOT_LANGS:
        shoot(page, ARTIFACTS / "screenshots", f"{kind}-{lang}-{width}")
    seen.axe = axe_violations(page)
    seen.requests_before_search = list(seen.requests)
    samples = {script: sample for script, (_, sample) in SCRIPTS.items()}
    for font in fonts:
        forced = {"fonts": page.evaluate(FORCE_FONTS, [forced_font_css(font), FORCED_FAMILY, samples]),
                  "layout": page.evaluate(LAYOUT, LAYOUT_ARGS)}
        seen.in_fonts[font] = forced
        if kind == "figures" and lang in SCREENSHOT_LANGS:
            shoot(page, ARTIFACTS / "screenshots" / "fonts", f"{kind}-{lang}-{width}-{font}")
    if fonts:
        page.evaluate(FORCE_FONTS, [None, FORCED_FAMILY, samples])
    seen.reached = tab_reaches(page)
    wait_for_no_pending(page, tab.pending)  # what the keyboard started, before the next view
    return seen


def fonts_of(view: tuple) -> tuple[str, ...]:
    """The forced fonts a view is also laid out in (those installed: a missing one fails its own tests)."""
    return tuple(font for kind, lang, width, font in FONT_VIEWS if (kind, lang, width) == view
                 and all(Path(path).is_file() for _, path, _ in FORCED_FONTS[font].values()))


@pytest.fixture(scope="module")
def visits(browser, served):
    """visits(kind, lang, width) → the one visit of that page (made on first use, kept for every check)."""
    done: dict[tuple, Collected] = {}
    tabs: dict[tuple, Tab] = {}  # one per language and width
    axe = str(require_axe())

    def get(kind: str, lang: str, width: str) -> Collected:
        view = (kind, lang, width)
        if view not in done:
            site, path = PAGES[kind]
            url = served(site) + lang_url(lang, path)
            tab = tabs.get((lang, width)) or tabs.setdefault((lang, width), Tab(browser, WIDTHS[width], lang, axe))
            try:
                done[view] = visit_page(tab, url, kind, lang, width, fonts_of(view))
            except Exception as error:  # noqa: BLE001  (every check of this view reports it; the next gets a new tab)
                done[view] = Collected(url=url, error=f"{type(error).__name__}: {error}")
                tabs.pop((lang, width)).close()
        seen = done[view]
        assert seen.error is None, f"the visit of {seen.url} failed: {seen.error}"
        return seen
    yield get
    for tab in tabs.values():
        tab.close()


@pytest.fixture(scope="module")
def font_visits(visits):
    """font_visits(kind, lang, width, font) → what the visit of that page saw in those forced fonts."""
    def get(kind: str, lang: str, width: str, font: str) -> dict:
        require_fonts(font)
        seen = visits(kind, lang, width)
        return {"url": seen.url, **seen.in_fonts[font]}
    return get


def _own_404(seen: Collected, kind: str, found: list[str], text: str) -> list[str]:
    """The 404 page's own address is a 404 (Chromium logs it once in the console): nothing else may be."""
    if kind != "missing":
        return found
    rest = [p for p in found if p != text]
    logged = [p for p in rest if "status of 404" in p]
    return [p for p in rest if p not in logged[:1]]


# ---------------------------------------------------------------------------------------------- the checks

@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_status_language_and_direction(visits, view):
    kind, lang, width = view
    seen = visits(*view)
    problems = []
    expected = 404 if kind == "missing" else 200
    if seen.status != expected:
        problems.append(f"HTTP status {seen.status}, expected {expected}")
    if kind != "missing":  # the one 404 page holds every language: see test_browser.test_not_found_page
        if seen.layout["lang"] != lang:
            problems.append(f'<html lang="{seen.layout["lang"]}">, expected "{lang}"')
        if seen.layout["dir"] != ("rtl" if lang == "ar" else "ltr"):
            problems.append(f"the body's direction is {seen.layout['dir']}")
    if not seen.layout["material"]:
        problems.append("Material's stylesheet did not load")
    assert not problems, f"{seen.url}: {problems}"


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_no_horizontal_overflow(visits, view):
    seen = visits(*view)
    assert not seen.layout["overflow"], f"{seen.url}: {seen.layout['overflow']}"


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_no_heading_leaves_a_blank_line_for_its_permalink(visits, view):
    """The "¶" after a heading wraps with the heading's last word, never alone onto a line of its own (seen:
    a blank line under Arabic headings on phones, the permalink being invisible until hovered)."""
    seen = visits(*view)
    assert not seen.layout["lonely"], f"{seen.url}: the permalink alone on a line after {seen.layout['lonely']}"


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_a_count_and_its_label_stay_on_one_line(visits, view):
    """What reads as one unit (.hub-keep) is never cut at a line's end: "عدد / الندوات الإلكترونية: 8" or
    "网络 / 研讨会：8场" on a phone (a series card's count) made the label and its number two lines apart, and
    "2026年1月15 / 日" a date."""
    seen = visits(*view)
    assert not seen.layout["split"], f"{seen.url}: {seen.layout['split']}"


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_no_figure_is_shown_blank(visits, view):
    """On a phone each figure of a table stands after its column's name; a total that means nothing for its
    column (the survey rate of all webinars together) is left out, not shown as a name with nothing after it."""
    seen = visits(*view)
    assert not seen.layout["blank"], f"{seen.url}: {seen.layout['blank']}"


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_stacked_buttons_line_up(visits, view):
    """Where a webinar's buttons no longer fit on one line (a phone), each takes the whole width: "Register"
    and "Add to calendar" one under the other, of one width, not two ragged boxes."""
    seen = visits(*view)
    assert not seen.layout["buttons"], f"{seen.url}: {seen.layout['buttons']}"


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_comments_in_code_read_in_their_own_direction(visits, view):
    """The staff guide's example file in Arabic: its comments are Arabic sentences in left-to-right code; each
    reads right to left from its "#", not with its full stop, a bracket or a path thrown to the other end."""
    seen = visits(*view)
    assert not seen.layout["comments"], f"{seen.url}: {seen.layout['comments']}"


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_the_text_starts_where_on_every_other_page(visits, view):
    """A page's content starts at the same distance from the page's start side as the home page's: the 404
    page had an empty navigation column and started 250 px further in."""
    kind, lang, width = view
    seen, home = visits(*view), visits("home", lang, width)
    assert abs(seen.layout["contentStart"] - home.layout["contentStart"]) <= 1, \
        f"{seen.url}: the content starts {seen.layout['contentStart']} px from the side, on the home page {home.layout['contentStart']} px"


@pytest.mark.parametrize("view", [view for view in VIEWS if view[2] == "mobile"], ids=view_id)
def test_a_title_leaves_room_on_a_phones_first_screen(visits, view):
    """On a phone a page's title is at most 1.6 times the text's size: at twice, the longest titles (a pilot
    question of 18 words, a later French title) took nine lines, 374 px of an 844 px screen, above their date.
    Its size, not its height, is what is checked: the lines a title takes depend on the machine's fonts."""
    seen = visits(*view)
    title = seen.layout["title"]
    assert title, f"{seen.url}: no visible title"
    if view[0] == "missing":  # the 404 page's short title keeps twice the text's size (test_visitor_browser)
        return
    assert title["scale"] <= 1.6 + 1e-6, f"{seen.url}: the title {title['text']!r} is {title['scale']:.2f} times the text's size"


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_every_column_of_every_table_is_in_view(visits, view):
    """A phone shows a table's rows as blocks (hub.css): nothing is left beyond the edge of its box."""
    seen = visits(*view)
    assert not seen.layout["hidden"], f"{seen.url}: {seen.layout['hidden']}"


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_code_in_a_sentence_reads_left_to_right(visits, view):
    """A path or a command inside Arabic text keeps its own order ("webinars/<name>.yml")."""
    seen = visits(*view)
    assert not seen.layout["code"], f"{seen.url}: {seen.layout['code']}"


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_no_part_of_a_card_covers_another(visits, view):
    seen = visits(*view)
    assert not seen.layout["overlaps"], f"{seen.url}: {seen.layout['overlaps']}"


@pytest.mark.parametrize("view", [v for v in VIEWS if v[0] == "webinars"], ids=view_id)
def test_each_filter_label_stands_above_its_field_and_a_phone_gives_it_the_whole_width(visits, view):
    """A filter's label stands above its field, never over it; on a phone each field takes the form's whole
    width, so that a long label keeps to one or two lines and a chosen value ("Asia and the Pacific") shows."""
    seen = visits(*view)
    assert not seen.layout["filters"], f"{seen.url}: {seen.layout['filters']}"


@pytest.mark.parametrize("view", [v for v in VIEWS if v[0] in CHART_KINDS], ids=view_id)
def test_chart_is_legible_and_fills_its_column(visits, view):
    """HTML chart: every text at least 12 px, inside the chart, meeting no other text; as wide as its column;
    the labels where a line starts (right in Arabic)."""
    seen = visits(*view)
    assert seen.layout["charts"] >= 1, f"{seen.url}: no chart"
    assert not seen.layout["chart"], f"{seen.url}: {seen.layout['chart']}"


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_axe_finds_nothing_serious(visits, view):
    seen = visits(*view)
    assert not seen.axe, f"{seen.url}:\n  " + "\n  ".join(seen.axe)


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_tab_key_reaches_the_language_switcher_and_the_search(visits, view):
    seen = visits(*view)
    assert seen.reached == {"language switcher", "search button"}, f"{seen.url}: the Tab key reached {seen.reached}"


@pytest.mark.parametrize("view", [view for view in VIEWS if view[0] != "missing"], ids=view_id)
def test_the_language_switcher_links_the_same_page_in_every_language(visits, view):
    """Each language of the switcher points to this very page in that language (following the links with the
    keyboard: test_browser.test_language_switcher_lands_on_the_same_page)."""
    kind, lang, _ = view
    seen = visits(*view)
    expected = {other: PREFIX + lang_url(other, PAGES[kind][1]) for other in LANGS}
    assert seen.layout["switcher"] == expected, f"{seen.url}: the switcher links {seen.layout['switcher']}"


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_nothing_is_fetched_from_another_host(visits, view):
    seen = visits(*view)
    assert seen.requests, f"{seen.url}: no request recorded at all (is the page served?)"
    external = sorted({u for u in seen.requests if urlsplit(u).scheme not in ("data", "blob", "about")
                       and urlsplit(u).hostname != "127.0.0.1"})
    assert not external, f"{seen.url}: {external[:6]}"


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_no_request_fails(visits, view):
    kind = view[0]
    seen = visits(*view)
    found = [f"request failed: {f}" for f in seen.failed]
    found += _own_404(seen, kind, seen.error_statuses, f"HTTP 404: {seen.url}")
    assert not found, f"{seen.url}:\n  " + "\n  ".join(found[:8])


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_no_console_or_javascript_error(visits, view):
    kind = view[0]
    seen = visits(*view)
    found = _own_404(seen, kind, seen.console_errors, "") + [f"JavaScript error: {e}" for e in seen.js_errors]
    assert not found, f"{seen.url}:\n  " + "\n  ".join(found[:8])


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_no_sitemap_is_fetched(visits, view):
    """The language switcher links each language's version of the page: Material's sitemap lookups are unused."""
    seen = visits(*view)
    fetched = [u for u in seen.requests if urlsplit(u).path.endswith("sitemap.xml")]
    assert not fetched, f"{seen.url}: {fetched}"


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_the_search_index_waits_for_a_search(visits, view):
    """Nothing of Pagefind (script, wasm, index) is fetched while no search has started."""
    seen = visits(*view)
    fetched = [u for u in seen.requests_before_search if "/pagefind/" in urlsplit(u).path
               or urlsplit(u).path.endswith(("search_index.json", ".wasm"))]
    assert not fetched, f"{seen.url}: fetched before any search: {fetched}"


# ---------------------------------------------------------------------------------------------- other fonts

@pytest.mark.parametrize("view", FONT_VIEWS, ids=view_id)
def test_forced_fonts_are_the_ones_used(font_visits, view):
    """The check below means something only if the page is set in the forced fonts: each script's face loads
    (a local() font that is not installed ends in "error") and the page's text asks for that family."""
    seen = font_visits(*view)
    assert set(seen["fonts"]["status"].values()) == {"loaded"}, f"{seen['url']}: {seen['fonts']}"
    assert seen["fonts"]["computed"].strip('"\'') == FORCED_FAMILY, f"{seen['url']}: {seen['fonts']}"


@pytest.mark.parametrize("view", FONT_VIEWS, ids=view_id)
def test_in_other_fonts_nothing_overlaps_or_overflows(font_visits, view):
    seen = font_visits(*view)
    layout = seen["layout"]
    problems = (layout["overflow"] + layout["overlaps"] + layout["hidden"] + layout["chart"] + layout["lonely"]
                + layout["filters"] + layout["split"] + layout["buttons"] + layout["blank"])
    if view[0] == "figures" and not layout["charts"]:
        problems.append("no chart")
    assert not problems, f"{seen['url']} in the {view[3]} fonts:\n  " + "\n  ".join(problems)
