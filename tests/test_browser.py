"""The hub in a real browser: Debian's chromium, headless, driven by Playwright, on the built sites served from
127.0.0.1 (see browser_support.py): what a visitor does on a page (switch language, search, play, filter, print,
read the time). What every page view must be (overflow, overlap, axe, requests, focus order, screenshots) is
checked once per page, language and width in test_page_views.py.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from datetime import datetime
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest

from hub.localize import Formatter

from browser_support import (DESKTOP, MISSING, MOBILE, PILOT_SLUG, PREFIX, RECORDING, UPCOMING, VIMEO, WIDTHS,
                             browser_pages, is_local, wait_for_no_pending)
from conftest import LANGS, lang_url

pytestmark = pytest.mark.browser

PAGES = browser_pages()
SEARCH_BUTTON, SEARCH_FIELD = ".hub-search-open", "#hub-search-input"
SWITCHER_LINK = "a.md-select__link[hreflang]"


# ---------------------------------------------------------------------------------------------- fixtures

class Visit:
    """A browser tab on one page, with every request the page made recorded (none may leave 127.0.0.1)."""

    def __init__(self, browser, url: str, viewport: dict, lang: str = "en", timezone: str | None = None):
        self.requests: list[str] = []
        self.errors: list[str] = []  # uncaught JavaScript exceptions
        self.pending: set = set()
        options = {"viewport": viewport, "locale": lang}
        if timezone:
            options["timezone_id"] = timezone
        self.context = browser.new_context(**options)
        # Nothing may leave the machine: record every request, and abort any to another host.
        self.context.on("request", lambda req: (self.requests.append(req.url), self.pending.add(req)))
        self.context.on("requestfinished", lambda req: self.pending.discard(req))
        self.context.on("requestfailed", lambda req: self.pending.discard(req))
        self.context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.goto(url)

    def goto(self, url: str) -> None:
        """Open another page in this tab, ready (load event, fonts, no request pending) when it returns."""
        self.response = self.page.goto(url, wait_until="load")
        self.settle()

    def settle(self) -> None:
        """The page's ready signal: after its load event, its fonts loaded and no request of it pending."""
        wait_for_no_pending(self.page, self.pending)

    def external(self) -> list[str]:
        self.settle()
        return [url for url in self.requests if not is_local(url)]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser):
    opened: list[Visit] = []

    def open_(url: str, viewport: dict = DESKTOP, lang: str = "en", timezone: str | None = None) -> Visit:
        opened.append(Visit(browser, url, viewport, lang, timezone))
        return opened[-1]

    yield open_
    for tab in opened:
        tab.close()


def page_url(base: str, lang: str, path: str) -> str:
    return base + lang_url(lang, path)


# ---------------------------------------------------------------------------------------------- language switcher

def _switcher_targets(page) -> dict[str, str]:
    """The language switcher's links as {hreflang: resolved path}."""
    return page.evaluate("s => Object.fromEntries([...document.querySelectorAll(s)]"
                         ".map(a => [a.hreflang, new URL(a.href).pathname]))", SWITCHER_LINK)


# One page of each way a page is made: the generated home, a generated webinar page, a hand-written page.
SWITCHER_KINDS = ("home", "upcoming", "about")


@pytest.mark.parametrize("kind", SWITCHER_KINDS)
def test_language_switcher_lands_on_the_same_page(visit, served, kind):
    """Following the switcher's links with the keyboard, en → ar → zh → fr → ru → es → en, lands on the same
    page in each language (<html lang> and address), and on each the links point to the same page. Here the
    keyboard's path, on one page of each way a page is made, at one width; that the links name the same page
    is checked on every page view, every page type, both widths (test_page_views, which also loads each of
    those pages and checks its language, and that the Tab key reaches the switcher)."""
    site, path = PAGES[kind]
    tab = visit(page_url(served(site), "en", path), DESKTOP)
    page, problems = tab.page, []
    order = list(LANGS) + [LANGS[0]]
    for lang, target in zip(order, order[1:]):
        links = _switcher_targets(page)
        expected = {other: PREFIX + lang_url(other, path) for other in LANGS}
        if links != expected:
            problems.append(f"on the {lang} page the switcher links are {links}, expected {expected}")
        link = page.locator(f'{SWITCHER_LINK}[hreflang="{target}"]')
        if link.count() != 1:
            problems.append(f"on the {lang} page: {link.count()} switcher links to {target}")
            break
        link.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        landed, html_lang = urlsplit(page.url).path, page.evaluate("document.documentElement.lang")
        if landed != expected[target] or html_lang != target:
            problems.append(f"{lang} → {target}: landed on {landed} (lang={html_lang}), expected {expected[target]}")
            break
    assert not problems, f"switcher on the {kind} page:\n  " + "\n  ".join(problems)


# ---------------------------------------------------------------------------------------------- 404

@pytest.mark.parametrize("lang", LANGS)
def test_not_found_page(visit, served, lang):
    """A missing address gets a 404 that speaks the language of its path first and links to that home."""
    tab = visit(page_url(served("real_site"), lang, MISSING), DESKTOP, lang)
    page = tab.page
    assert tab.response.status == 404
    sections = page.evaluate("""() => [...document.querySelectorAll('.hub-not-found > section')].map(s => ({
        lang: s.getAttribute('data-lang'), langAttr: s.closest('[lang]').getAttribute('lang'),
        dir: getComputedStyle(s).direction, visible: s.checkVisibility(),
        links: [...s.querySelectorAll('a[href]')].map(a => a.href)}))""")
    assert sections, "the 404 page has no .hub-not-found > section[data-lang] (one per language)"
    assert sorted(s["lang"] for s in sections) == sorted(LANGS)
    first = next(s for s in sections if s["visible"])
    assert first["lang"] == lang, f"the first visible section is in {first['lang']}, expected {lang}"
    for section in sections:
        assert section["langAttr"] == section["lang"], f"section {section['lang']} lacks lang={section['lang']}"
        assert section["dir"] == ("rtl" if section["lang"] == "ar" else "ltr"), section
    home = PREFIX + lang_url(lang, "")  # absolute (site_url) or root-relative: the path counts
    assert home in [urlsplit(link).path for link in first["links"]], f"the {lang} section does not link to {home}"


# ---------------------------------------------------------------------------------------------- search

def _search_word(site, lang: str, slug: str) -> str:
    """The word of the webinar's title (in ``lang``) that the fewest other webinar titles share."""
    from bs4 import BeautifulSoup

    def title(path):
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select_one("article h1").get_text(" ", strip=True)

    def words(text: str) -> set[str]:
        if lang == "zh":  # words as the browser splits a query (ICU, as hooks/hub/search.py does for the index)
            from icu4py.breakers import WordBreaker
            from icu4py.locale import Locale
            words = (text[a:b] for a, b in WordBreaker(text, Locale("zh")).segments())
            return {w for w in words if len(w) >= 2 and re.fullmatch(r"\w+", w)}
        return {w for w in re.findall(r"\w+", text) if len(w) >= 4 and not w.isdigit()}

    folder = site / lang_url(lang, "webinars")
    titles = {p.parent.name: words(title(p)) for p in folder.glob("*/index.html")}
    return min(titles[slug], key=lambda w: (sum(w in t for t in titles.values()), -len(w), w))


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_a_webinar_by_a_word_of_its_title(visit, served, real_site, lang):
    """Typing a word of a webinar's title into the search field lists that webinar, in the page's language."""
    word = _search_word(real_site, lang, PILOT_SLUG)
    tab = visit(page_url(served("real_site"), lang, ""), DESKTOP, lang)
    page = tab.page
    page.locator(SEARCH_BUTTON).click()
    page.locator(SEARCH_FIELD).press_sequentially(word, delay=20)
    expected = PREFIX + lang_url(lang, f"webinars/{PILOT_SLUG}/")
    with contextlib.suppress(Exception):
        page.wait_for_function("w => document.querySelector('#hub-search').dataset.query === w", arg=word, timeout=10000)
    found = page.evaluate("[...document.querySelectorAll('.hub-search__result a[href]')]"
                          ".map(a => new URL(a.href).pathname)")
    meta = page.evaluate("(document.querySelector('.hub-search__status') || {}).textContent || ''").strip()
    assert expected in found, (
        f"typing {word!r} in {lang} did not list {expected} (results: {sorted(set(found))[:8]}; search says {meta!r})")


# ---------------------------------------------------------------------------------------------- recording facade

@pytest.mark.parametrize("path, host", [(RECORDING, "www.youtube-nocookie.com"), (VIMEO, "player.vimeo.com")])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_recording_facade_loads_the_player_only_on_click(visit, served, path, host, lang):
    tab = visit(page_url(served("fixture_site"), lang, path), DESKTOP, lang)
    page = tab.page
    button = page.locator(".hub-player button.hub-player__play[data-embed-src]")
    assert button.count() == 1, "no .hub-player with a button.hub-player__play[data-embed-src] on the page"
    embed = button.get_attribute("data-embed-src")
    assert urlsplit(embed).hostname == host, embed
    assert page.locator(".hub-player iframe, .hub-player video").count() == 0, "the player is embedded before the click"
    before_click = tab.external()
    button.focus()
    page.keyboard.press("Enter")  # keyboard users can start it too
    frame = page.locator(".hub-player iframe, .hub-player video")
    frame.first.wait_for(state="attached", timeout=5000)
    src = frame.first.get_attribute("src")
    assert urlsplit(urljoin(page.url, src)).hostname == host, src
    assert not before_click, f"requests left 127.0.0.1 before the click: {before_click}"
    assert {urlsplit(url).hostname for url in tab.external()} <= {host}, tab.external()


# ---------------------------------------------------------------------------------------------- local time

def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)


@pytest.mark.parametrize("lang, timezone", [(lang, "Asia/Tokyo") for lang in LANGS]
                         + [("en", "America/Los_Angeles"), ("fr", "Pacific/Auckland")])
def test_start_time_is_shown_in_the_visitors_time_zone(visit, served, lang, timezone):
    tab = visit(page_url(served("fixture_site"), lang, UPCOMING), DESKTOP, lang, timezone)
    page = tab.page
    start = page.get_attribute(".hub-time[data-start]", "data-start")
    assert start, "no .hub-time[data-start] on the upcoming webinar page"
    local = datetime.fromisoformat(start.replace("Z", "+00:00")).astimezone(ZoneInfo(timezone))
    visitor = page.locator(".hub-time[data-start] .hub-time-visitor")
    assert visitor.count() == 1, "no .hub-time-visitor inside .hub-time[data-start]"
    with contextlib.suppress(Exception):
        visitor.wait_for(state="visible", timeout=5000)
    assert visitor.is_visible(), f"JavaScript did not un-hide .hub-time-visitor (errors: {tab.errors})"
    text = _ascii_digits(visitor.inner_text())
    assert not re.search(r"[ \t\n\u2009][\u2013\u2014]", text), f"a line may start with the range's dash: {text!r}"
    hours = {local.hour, local.hour % 12 or 12}
    pattern = rf"(?<!\d)0?({'|'.join(map(str, sorted(hours)))})\D{{1,3}}{local.minute:02d}(?!\d)"
    assert re.search(pattern, text), f"{timezone}: expected {local:%H:%M} in {text!r}"


# ---------------------------------------------------------------------------------------------- hostile data

HOVER_AND_FOCUS_EVERYTHING = """() => {
    const events = ["pointerover", "pointerenter", "mouseover", "mouseenter", "mousemove", "pointerdown",
                    "mousedown", "pointerup", "mouseup", "focus", "focusin", "blur", "focusout", "mouseout", "mouseleave"];
    const elements = [...document.body.querySelectorAll("*")];
    for (const element of elements) {
        for (const type of events) {
            const Kind = type.startsWith("pointer") ? PointerEvent : type.startsWith("mouse") ? MouseEvent : FocusEvent;
            element.dispatchEvent(new Kind(type, {bubbles: !["mouseenter", "mouseleave", "pointerenter", "focus", "blur"].includes(type)}));
        }
        if (typeof element.focus === "function") element.focus();
    }
    return elements.length; }"""

TRAP = """
window.__fired = [];
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = (...args) => { window.__fired.push(name + ":" + args.join(",")); };
}
"""


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", ["webinars/2030-01-01-hostile/", "webinars/2020-01-01-hostile-past/", "experts/mallory/",
                                  "webinars/", ""])
def test_hostile_data_runs_no_script_in_the_browser(browser, served, lang, path):
    """Load pages made from hostile data, hover and focus every element, click the player: no dialog, no injected
    call. The pointer and focus events are dispatched to each element in the page (an injected handler runs on a
    dispatched event as on a real one), which reaches every element, not a sample, in a fraction of a second."""
    context = browser.new_context(viewport=DESKTOP, locale=lang)
    context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
    dialogs: list[str] = []
    try:
        context.add_init_script(TRAP)
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(page_url(served("hostile_site"), lang, path), wait_until="load")
        wait_for_no_pending(tab, set())  # fonts loaded: what an image's or a font's error handler would do is done
        touched = tab.evaluate(HOVER_AND_FOCUS_EVERYTHING)
        assert touched > 20, f"only {touched} elements on the page"
        if tab.locator(".hub-player__play").count():
            tab.click(".hub-player__play")
        fired = tab.evaluate("window.__fired")
    finally:
        context.close()
    assert dialogs == [] and fired == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_keyboard_alone_reaches_and_starts_the_player(visit, served, lang):
    tab = visit(page_url(served("fixture_site"), lang, RECORDING), DESKTOP, lang)
    page = tab.page
    page.evaluate("document.activeElement && document.activeElement.blur(); scrollTo(0, 0)")
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.matches('.hub-player__play')"):
            break
    else:
        pytest.fail("the recording's play button is not reachable with the Tab key")
    assert page.evaluate("document.activeElement.checkVisibility({visibilityProperty: true})")
    page.keyboard.press("Enter")
    page.locator(".hub-player iframe").first.wait_for(state="attached", timeout=5000)


# ---------------------------------------------------------------------------------------------- what a person sees

def _times(text: str) -> list[str]:
    return re.findall(r"\d{1,2}\D{1,2}\d{2}", _ascii_digits(text))


SERVICES = """() => [...document.querySelectorAll('p:has(> .hub-service)')].map(p => [...p.querySelectorAll('.hub-service')].map(a => {
    const range = document.createRange(); range.selectNodeContents(a);
    const rects = [...range.getClientRects()].filter(r => r.width > 0);
    // The "·" before it (a text node) stands on the line of the name it follows: no line starts with it.
    const dot = a.previousSibling, dotRange = document.createRange();
    if (dot && dot.nodeType === Node.TEXT_NODE) dotRange.selectNodeContents(dot);
    const dotTop = dot && dot.nodeType === Node.TEXT_NODE && dot.textContent.includes('·')
        ? Math.round([...dotRange.getClientRects()].find(r => r.width > 0).top) : null;
    const before = a.previousElementSibling;
    return {name: a.innerText, lines: new Set(rects.map(r => Math.round(r.top))).size, top: Math.round(rects[0].top),
            left: rects[0].left, dotTop, beforeTop: before ? Math.round(before.getClientRects()[0].top) : null}; }))"""


def _services_problems(rows: list, lang: str) -> list[str]:
    problems = []
    for services in rows:
        if [s["name"] for s in services][-3:] != ["Google Calendar", "Outlook.com", "Microsoft 365"]:
            problems.append(f"not the three services: {services}")
        if any(s["lines"] != 1 for s in services):
            problems.append(f"a service's name breaks across lines: {services}")
        if any(s["dotTop"] is not None and s["dotTop"] != s["beforeTop"] for s in services):
            problems.append(f"a line starts with a separator: {services}")
        for before, after in zip(services, services[1:]):
            if before["top"] == after["top"] and (before["left"] > after["left"]) != (lang == "ar"):
                problems.append(f"out of reading order: {services}")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["ar", "zh", "en"])
def test_calendar_services_and_pager_read_in_the_pages_direction(visit, served, lang, width):
    """"Or add it in: Google Calendar · Outlook.com · Microsoft 365" (a webinar page) and "Subscribe: …" (the
    webinars page): each name whole on one line, in the page's reading order (from the right in Arabic, not one
    left-to-right block). The pager: each label over its webinar's number and title, the number at the start
    of the title's own line (a French title on an Arabic page reads "III. Un seminario…" left to right)."""
    tab = visit(page_url(served("fixture_site"), lang, UPCOMING), WIDTHS[width], lang)
    rows = tab.page.evaluate(SERVICES)
    pager = tab.page.evaluate("""() => [...document.querySelectorAll('.hub-pager__title')].map(title => {
        const boxes = el => { const range = document.createRange(); range.selectNodeContents(el);
                              return [...range.getClientRects()].filter(r => r.width > 0); };
        const n = boxes(title.querySelector('bdi'))[0], rest = boxes(title).filter(r => r.top === n.top);
        const rtl = getComputedStyle(title).direction === 'rtl';
        return {text: title.innerText, label: title.previousElementSibling.getBoundingClientRect().bottom <= n.top + 1,
                first: rtl ? Math.max(...rest.map(r => r.right)) <= n.right + 1 : Math.min(...rest.map(r => r.left)) >= n.left - 1};
    })""")
    tab.goto(page_url(served("fixture_site"), lang, "webinars/"))
    rows += tab.page.evaluate(SERVICES)
    assert len(rows) == 2, rows
    assert not _services_problems(rows, lang), _services_problems(rows, lang)
    assert len(pager) == 2, pager
    assert all(p["label"] and p["first"] for p in pager), f"the pager's number is not at its title's start: {pager}"


class ZoneTab:
    """One tab on the upcoming webinar's page in one language and width, whose visitor's time zone is set
    before each load (Chromium's own emulation, as a context's ``timezone_id``: one tab serves every zone),
    and the facts panel's height without JavaScript (the same in every zone), measured once."""

    def __init__(self, browser, url: str, viewport: dict, lang: str):
        self.url = url
        self.tab = Visit(browser, "about:blank", viewport, lang)
        self.emulation = self.tab.context.new_cdp_session(self.tab.page)
        context = browser.new_context(viewport=viewport, locale=lang, java_script_enabled=False)
        try:
            bare = context.new_page()
            bare.goto(url, wait_until="load")
            self.bare_height = bare.evaluate(PANEL_HEIGHT)
        finally:
            context.close()

    def in_zone(self, timezone: str) -> Visit:
        self.emulation.send("Emulation.setTimezoneOverride", {"timezoneId": timezone})
        self.tab.goto(self.url)
        return self.tab


PANEL_HEIGHT = "document.querySelector('.hub-facts-panel').getBoundingClientRect().height"


@pytest.fixture(scope="module")
def zone_tabs(browser, served):
    tabs: dict[tuple[str, str], ZoneTab] = {}

    def tab(lang: str, width: str) -> ZoneTab:
        if (lang, width) not in tabs:
            tabs[lang, width] = ZoneTab(browser, page_url(served("fixture_site"), lang, UPCOMING), WIDTHS[width], lang)
        return tabs[lang, width]

    yield tab
    for each in tabs.values():
        each.tab.close()


@pytest.mark.parametrize("timezone", ["Europe/Zurich", "Europe/Paris", "Asia/Tokyo", "Pacific/Auckland"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_time_reads_at_a_glance(zone_tabs, lang, timezone, width):
    """The webinar's header as seen: the date once, ONE line in the event's zone with its name, no UTC line;
    a second line in the visitor's zone when its offset differs, with the date only when it is another day there
    (Auckland), else "The same time in your time zone" (Paris = Zurich), never a blank line; and filling it in
    moves nothing below it."""
    zone_tab = zone_tabs(lang, width)
    page = zone_tab.in_zone(timezone).page
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == timezone
    # hub.js has run: it runs at DOMContentLoaded (or on Material's document$), before the load event that
    # the tab waited for.
    header = page.inner_text(".hub-webinar")
    formatter = Formatter(lang)
    date_text = formatter.date(datetime(2027, 3, 28).date())
    starts = datetime(2027, 3, 28, 14, tzinfo=ZoneInfo("Europe/Zurich"))
    event_line = page.inner_text(".hub-time-event")
    visitor_line = page.inner_text(".hub-time-visitor").strip()
    problems = []
    if header.count(date_text) != 1:
        problems.append(f"the date {date_text!r} is written {header.count(date_text)} times in the header")
    if "\n" in event_line.strip() or formatter.timezone(starts) not in event_line:
        problems.append(f"the event's line is not one line with its zone's name: {event_line!r}")
    if "UTC" in header.replace(visitor_line, ""):  # (the browser may name the visitor's zone "UTC+9")
        problems.append("a UTC line in the header")
    differs = timezone not in ("Europe/Zurich", "Europe/Paris")
    if differs and not visitor_line:
        problems.append(f"no line in the visitor's zone ({timezone})")
    if not differs and visitor_line != formatter.t("time_same_zone"):  # said, not a blank line
        problems.append(f"{timezone} has the event's offset, but the visitor's line reads {visitor_line!r}")
    if differs:
        local = starts.astimezone(ZoneInfo(timezone))
        if f"{local.minute:02d}" not in _ascii_digits(visitor_line) or not _times(visitor_line):
            problems.append(f"the visitor's line {visitor_line!r} lacks {local:%H:%M}")
        if "\n" in visitor_line:
            problems.append(f"the visitor's line is more than one line: {visitor_line!r}")
        other_day = local.date() != starts.date()
        has_day = str(local.day) in re.sub(r"\d{1,2}:\d{2}", "", _ascii_digits(visitor_line))
        if other_day != has_day:
            problems.append(f"the visitor's line {'lacks' if other_day else 'repeats'} a date: {visitor_line!r}")
    # Nothing moves: the panel is as tall as without JavaScript (the visitor's line has its space kept).
    height, bare_height = page.evaluate(PANEL_HEIGHT), zone_tab.bare_height
    if abs(height - bare_height) > 0.5:
        problems.append(f"the facts panel is {height} px tall with the local time, {bare_height} px without it")
    assert not problems, f"{lang} at {width} width, visitor in {timezone}:\n  " + "\n  ".join(problems) + f"\n  header: {header!r}"


@pytest.mark.parametrize("lang", ["en", "ar", "zh", "ru"])
def test_filters_narrow_the_list_and_combine(visit, served, lang):
    """Year and delivery language together leave only the matching webinars; the count says so; a combination
    with none says so; clearing shows all again."""
    tab = visit(page_url(served("fixture_site"), lang, "webinars/"), MOBILE, lang)
    page = tab.page
    form = page.locator("form.hub-filters")
    form.wait_for(state="visible", timeout=5000)

    def shown():
        return page.evaluate("[...document.querySelectorAll('.hub-index .hub-webinar-card')]"
                             ".filter(c => c.checkVisibility()).map(c => c.querySelector('time').getAttribute('datetime'))")

    count = page.locator(".hub-filters__count")
    total = len(shown())
    assert total == 4
    # Accessible names: each select has its label.
    for name in ("year", "language"):
        select = page.locator(f'select[data-filter="{name}"]')
        assert page.evaluate("s => s.labels.length === 1 && s.labels[0].innerText.trim() !== ''",
                             select.element_handle()), f"the {name} filter has no label"
    page.select_option('select[data-filter="year"]', "2027")
    assert shown() == ["2027-06-10", "2027-03-28"]  # newest first, within a year too
    page.select_option('select[data-filter="language"]', "es")
    assert shown() == ["2027-06-10"]
    f = Formatter(lang)
    assert count.inner_text().strip() == f.t("filter_count", count=f.number(1), total=f.number(total))
    assert page.locator(".hub-year[data-year='2026']").is_hidden()  # a year with nothing left is hidden
    page.select_option('select[data-filter="year"]', "2026")
    assert shown() == []
    assert page.locator(".hub-filters__none").is_visible()
    assert count.inner_text().strip() == f.t("filter_count", count=f.number(0), total=f.number(total))
    page.click(".hub-filters button[type=reset]")
    page.wait_for_function("document.querySelectorAll('.hub-index .hub-webinar-card[hidden]').length === 0")
    assert len(shown()) == total and page.locator(".hub-filters__none").is_hidden()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_without_javascript_the_webinars_page_is_the_grouped_list(browser, served, lang):
    context = browser.new_context(viewport=MOBILE, locale=lang, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(page_url(served("fixture_site"), lang, "webinars/"), wait_until="load")
        assert page.locator("form.hub-filters").is_hidden(), "the filters show without the JavaScript they need"
        groups = page.evaluate("""[...document.querySelectorAll('.hub-index .hub-year')].map(y => [y.querySelector('h2').innerText.trim(),
            [...y.querySelectorAll('.hub-webinar-card')].filter(c => c.checkVisibility()).map(c => c.querySelector('time').getAttribute('datetime'))])""")
    finally:
        context.close()
    years = [_ascii_digits(year) for year, _ in groups]
    assert years == ["2027", "2026", "2025"], groups
    dates = [date for _, cards in groups for date in cards]
    assert dates == sorted(dates, reverse=True), f"not newest first throughout: {dates}"
    for year, dates in zip(years, (cards for _, cards in groups)):
        assert dates and all(d.startswith(year) for d in dates), groups


def test_a_webinar_page_prints_without_chrome_and_with_link_addresses(visit, served):
    tab = visit(page_url(served("fixture_site"), "en", RECORDING), DESKTOP)
    page = tab.page
    page.emulate_media(media="print")
    hidden = page.evaluate("""['.md-header', '.md-tabs', '.md-footer', '.hub-search-open'].filter(s => document.querySelector(s))
        .filter(s => document.querySelector(s).checkVisibility())""")
    assert hidden == [], f"printed: {hidden}"
    after = page.evaluate("""[...document.querySelectorAll('.md-content a[href]:not(.headerlink)')]
        .filter(a => a.checkVisibility()).map(a => [a.href, getComputedStyle(a, '::after').content])""")
    assert after, "no link in the printed content"
    missing = [href for href, content in after if href not in content and not href.split("#")[0] == page.url.split("#")[0]]
    assert not missing, f"printed without their address: {missing[:5]}"


@pytest.mark.parametrize("lang", ["ru", "ar", "en", "zh"])
def test_figures_table_fits_and_aligns_its_numbers(visit, served, lang):
    """(The chart beside it is checked on every page view: test_page_views.test_chart_is_legible_and_fills_its_column.)"""
    tab = visit(page_url(served("real_site"), lang, "figures/"), DESKTOP, lang)
    page = tab.page
    problems = page.evaluate("""() => {
        const out = [];
        for (const table of document.querySelectorAll('table.hub-figures-table')) {
            const wrap = table.closest('.md-typeset__scrollwrap') || table.parentElement;
            if (table.getBoundingClientRect().width > wrap.getBoundingClientRect().width + 1)
                out.push(`the figures table is cut: ${table.getBoundingClientRect().width} > ${wrap.getBoundingClientRect().width}`);
            for (const cell of table.querySelectorAll('td.hub-num')) {
                const style = getComputedStyle(cell);
                if (style.textAlign !== 'right') { out.push('a number is not right-aligned: ' + style.textAlign); break; }
                if (!style.fontVariantNumeric.includes('tabular-nums')) { out.push('numbers are not tabular'); break; }
            }
            // Each number column's header and numbers share their right edge (units under units, in Arabic
            // too: digits run left to right), and the header does not look sortable (no pointer): it is not.
            const edge = cell => { const range = document.createRange(); range.selectNodeContents(cell);
                                   return range.getBoundingClientRect().right; };
            const headers = [...table.querySelectorAll('thead th')];
            headers.forEach((th, column) => {
                if (getComputedStyle(th).cursor === 'pointer') out.push(`the header "${th.innerText}" shows a pointer`);
                if (!th.classList.contains('hub-num')) return;
                const number = [...table.querySelectorAll('tbody tr')].map(tr => tr.children[column])
                    .find(td => td && td.innerText.trim());
                if (number && Math.abs(edge(th) - edge(number)) > 2)
                    out.push(`the header "${th.innerText}" ends ${Math.round(edge(th) - edge(number))} px away from its numbers`);
            });
            for (const th of table.querySelectorAll('thead th')) {
                const range = document.createRange(); range.selectNodeContents(th);
                const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (document.documentElement.lang === 'zh' && lines.size > 1) {
                    // A Chinese header may wrap only between words: keep-all allows no break inside a word.
                    if (getComputedStyle(th).wordBreak !== 'keep-all') out.push('a Chinese header breaks inside a word: ' + th.innerText);
                }
            }
            // Plain numbers of a column (digits, separators and %) end on one edge: place values line up.
            const plain = /^[0-9\u0660-\u0669\u06F0-\u06F9.,\u066B\u066C\u00A0\u202F\u200E\u200F\u061C %\u066A]+$/;
            const rows = [...table.querySelectorAll('tbody tr')];
            headers.forEach((th, column) => {
                if (!th.classList.contains('hub-num')) return;
                const edges = new Set(rows.map(tr => tr.children[column])
                    .filter(td => td && plain.test(td.innerText.trim())).map(td => Math.round(edge(td))));
                if (edges.size > 1) out.push(`the numbers under "${th.innerText}" end on ${edges.size} edges`);
            });
        }
        return out; }""")
    assert not problems, f"figures in {lang}: {problems}"


# ---------------------------------------------------------------------------------------------- menu

@pytest.mark.parametrize("lang", LANGS)
def test_menu_tabs_fit_on_one_line_at_desktop_width(visit, served, lang):
    """Every tab of the header menu is whole and on one line at 1280 px, the first one "Home" in the page's
    language (not the site's long name), in each language (Russian and Arabic labels are the longest)."""
    from hub.localize import Formatter

    tab = visit(page_url(served("fixture_site"), lang, "webinars/"), DESKTOP, lang)
    tabs = tab.page.evaluate("""() => [...document.querySelectorAll('.md-tabs__item')].map(item => {
        const r = item.getBoundingClientRect(), link = item.querySelector('a');
        return {text: link.innerText.trim(), top: Math.round(r.top), left: r.left, right: r.right,
                clipped: link.scrollWidth > link.clientWidth + 1, visible: link.checkVisibility()}; })""")
    assert tabs and all(t["visible"] for t in tabs), tabs
    assert tabs[0]["text"] == Formatter(lang).t("menu_home")
    assert len({t["top"] for t in tabs}) == 1, f"the tabs wrap onto several lines: {tabs}"
    assert all(t["left"] >= 0 and t["right"] <= DESKTOP["width"] and not t["clipped"] for t in tabs), tabs
