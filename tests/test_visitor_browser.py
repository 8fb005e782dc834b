"""What a visitor meets, in a real browser (Debian's chromium through Playwright, browser_support.py): the
webinars page's filters kept in the address, the 404 page in the visitor's language, a visible keyboard
focus, an upcoming webinar's essentials. Screenshots go to test-artifacts/visitor/ (git-ignored).
"""

from __future__ import annotations

import contextlib
import re

import pytest

from hub.localize import Formatter

from browser_support import (ARTIFACTS, DESKTOP, MOBILE, PREFIX, WIDTHS, full_page_screenshot, is_local, track_pending,
                             wait_for_no_pending)
from conftest import LANGS, lang_url

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "visitor"


class Tab:
    """One page in its own browser context; uncaught errors, console errors and failed requests recorded.

    Each navigation returns once the page is ready (``wait_for_no_pending``) and starts only once the page before
    it is: leaving a page while its favicon is still loading aborts that request, which is no fault of the page."""

    def __init__(self, browser, url: str, viewport: dict = DESKTOP, lang: str = "en", **options):
        self.errors: list[str] = []
        self.context = browser.new_context(viewport=viewport, locale=lang, **options)
        self.context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        self.page.on("console", lambda m: m.type == "error" and not m.text.startswith("Failed to load resource: "
                                                                                      "the server responded with a status of 404")
                     and self.errors.append(f"console: {m.text}"))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        self.pending = track_pending(self.page)
        self.response = self.page.goto(url, wait_until="load")
        self.settle()

    def settle(self) -> None:
        """The page's ready signal: load event, fonts loaded, none of its requests pending."""
        wait_for_no_pending(self.page, self.pending)

    def reload(self) -> None:
        self.settle()
        self.page.reload(wait_until="load")
        self.settle()

    def shot(self, name: str) -> None:
        full_page_screenshot(self.page, SHOTS / f"{name}.png")


@pytest.fixture
def tab(browser):
    opened: list[Tab] = []

    def open_(url: str, viewport: dict = DESKTOP, lang: str = "en", **options) -> Tab:
        opened.append(Tab(browser, url, viewport, lang, **options))
        return opened[-1]

    yield open_
    for item in opened:
        item.context.close()


def url_of(base: str, lang: str, path: str) -> str:
    return base + lang_url(lang, path)


# ------------------------------------------------------------------------------------------- filters

def _shown(page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('.hub-index .hub-webinar-card')]"
                         ".filter(c => c.checkVisibility()).map(c => c.querySelector('time').getAttribute('datetime'))")


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_language_not_stated_is_the_last_option_and_filters_its_webinars(tab, served, lang):
    """The real data has two webinars whose language no source states: the option finds exactly them."""
    item = tab(url_of(served("real_site"), lang, "webinars/"), MOBILE, lang)
    page = item.page
    page.locator("form.hub-filters").wait_for(state="visible", timeout=5000)
    options = page.evaluate("[...document.querySelectorAll('#hub-filter-language option')]"
                            ".map(o => [o.value, o.innerText.trim()])")
    f = Formatter(lang)
    assert options[-1] == ["unstated", f.t("language_unknown")], options
    assert all(value not in ("None", "null", "undefined") for value, _ in options), options
    page.select_option("#hub-filter-language", "unstated")
    assert sorted(_shown(page)) == ["2024-09-12", "2025-04-03"]
    assert not item.errors, item.errors


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_filters_are_kept_in_the_address_shared_and_reloaded(tab, served, lang):
    """Choosing filters writes them into the address; that address, opened afresh or reloaded, shows the same
    list with the same choices; clearing removes them from the address."""
    base = url_of(served("fixture_site"), lang, "webinars/")
    item = tab(base, MOBILE, lang)
    page = item.page
    page.locator("form.hub-filters").wait_for(state="visible", timeout=5000)
    page.select_option("#hub-filter-year", "2027")
    page.select_option("#hub-filter-language", "es")
    assert _shown(page) == ["2027-06-10"]
    query = dict(part.split("=") for part in page.evaluate("location.search").lstrip("?").split("&"))
    assert query == {"year": "2027", "language": "es"}, query
    item.reload()
    page.locator("form.hub-filters").wait_for(state="visible", timeout=5000)
    assert _shown(page) == ["2027-06-10"], "a reload lost the filters"
    assert page.input_value("#hub-filter-language") == "es" and page.input_value("#hub-filter-year") == "2027"
    shared = tab(f"{base}?language=fr", DESKTOP, lang)  # a link someone shared
    shared.page.locator("form.hub-filters").wait_for(state="visible", timeout=5000)
    assert _shown(shared.page) == ["2027-03-28"]
    f = Formatter(lang)
    assert shared.page.inner_text(".hub-filters__count").strip() == f.t("filter_count", count=f.number(1),
                                                                       total=f.number(4))
    unknown = tab(f"{base}?language=xx&year=1900", DESKTOP, lang)  # values no option has: ignored
    unknown.page.locator("form.hub-filters").wait_for(state="visible", timeout=5000)
    assert len(_shown(unknown.page)) == 4
    page.click(".hub-filters button[type=reset]")
    page.wait_for_function("location.search === ''")
    assert len(_shown(page)) == 4
    assert not item.errors + shared.errors + unknown.errors


# ------------------------------------------------------------------------------------------- 404

NOT_FOUND_PATHS = ("no-such-page/", "webinars/no-such-webinar/deeper/")


@pytest.mark.parametrize("lang", ["ar", "zh", "fr", "en"])
@pytest.mark.parametrize("missing", NOT_FOUND_PATHS)
def test_the_404_page_speaks_the_language_of_the_address(tab, served, lang, missing):
    """Under /webinar-hub/<lang>/… the one 404.html shows that language: lang and dir, title, heading and text,
    site name, menu and footer; the other languages stay links to their homes; at the site's root, English."""
    base = served("real_site")
    f = Formatter(lang)
    width = "mobile" if missing != NOT_FOUND_PATHS[0] else "desktop"
    item = tab(url_of(base, lang, missing), WIDTHS[width], lang)
    page = item.page
    assert item.response.status == 404
    page.wait_for_function("l => document.documentElement.lang === l", arg=lang, timeout=5000)
    if width == "mobile":  # the menu is in the drawer: open it, as a visitor does, to read what it shows
        page.click('label.md-header__button[for="__drawer"]')
        page.wait_for_function("() => [...document.querySelectorAll('.md-nav--primary a.md-nav__link')]"
                               ".some(a => a.checkVisibility({visibilityProperty: true}))", timeout=5000)
    seen = page.evaluate("""() => ({
        dir: document.documentElement.dir || 'ltr', bodyDir: getComputedStyle(document.body).direction,
        title: document.title,
        headings: [...document.querySelectorAll('.hub-not-found h1')].filter(h => h.checkVisibility()).map(h => h.innerText.trim()),
        // The title's size against its text's: the same in every language (the shown section is the page's title).
        scale: [...document.querySelectorAll('.hub-not-found h1')].filter(h => h.checkVisibility()).map(h =>
            parseFloat(getComputedStyle(h).fontSize) / parseFloat(getComputedStyle(h.nextElementSibling).fontSize)),
        text: document.querySelector('.hub-not-found').innerText,
        topic: document.querySelector('.md-header__topic').innerText.trim(),
        tabs: [...document.querySelectorAll('a.md-tabs__link')].map(a => [a.innerText.trim(), new URL(a.href).pathname]),
        drawer: [...document.querySelectorAll('.md-nav--primary a.md-nav__link')].map(a => [a.innerText.trim(), new URL(a.href).pathname]),
        languages: [...document.querySelectorAll('.hub-not-found__languages a')].filter(a => a.checkVisibility()).map(a => [a.getAttribute('hreflang'), new URL(a.href).pathname]),
        // The list's heading as shown, in the shown language's own lang (and what names the nav).
        languagesTitle: [...document.querySelectorAll('.hub-not-found__languages h2 [lang]')].filter(s => s.checkVisibility()).map(s => [s.lang, s.innerText.trim()]),
        languagesName: document.getElementById(document.querySelector('.hub-not-found__languages').getAttribute('aria-labelledby'))?.innerText.trim(),
        footer: [...document.querySelectorAll('.md-footer a')].map(a => [a.innerText.trim(), a.href]),
    })""")
    rtl = lang == "ar"
    assert (seen["dir"], seen["bodyDir"]) == (("rtl", "rtl") if rtl else ("ltr", "ltr")), seen
    assert seen["headings"] == [f.t("not_found_title")], seen["headings"]
    assert seen["scale"] == [2.0], f"the title is {seen['scale']} times its text's size (2 in every language)"
    assert f.t("not_found_text") in seen["text"]
    assert seen["title"] == f"{f.t('not_found_title')} - {f.t('site_name')}"
    assert seen["topic"] == f.t("site_name")
    prefix = PREFIX + lang_url(lang, "")
    menu = dict(seen["tabs"]) if width == "desktop" else dict(seen["drawer"])
    assert menu.get(f.t("menu_home")) == prefix, menu
    assert menu.get(f.t("webinars_title")) == prefix + "webinars/", menu
    assert f"/{lang}/agenda/" in menu[f.t("development_agenda")], menu
    others = dict(seen["languages"])
    assert sorted(others) == sorted(code for code in LANGS if code != lang), others
    assert all(path == PREFIX + lang_url(code, "") for code, path in others.items()), others
    assert seen["languagesTitle"] == [[lang, f.t("other_languages")]], seen["languagesTitle"]
    assert seen["languagesName"] == f.t("other_languages"), seen["languagesName"]
    footer = dict(seen["footer"])
    assert f"/{lang}/agenda/" in footer[f.t("development_agenda")], footer
    assert footer[f.t("staff_guide")].endswith(prefix + "staff-guide/"), footer
    assert f.t("organisation_name") in page.inner_text(".md-footer")
    assert not item.errors, item.errors
    if lang in ("ar", "zh", "en") and missing == NOT_FOUND_PATHS[0]:
        for name, viewport in WIDTHS.items():
            page.set_viewport_size(viewport)
            item.shot(f"404-{lang}-{name}")


# ------------------------------------------------------------------------------------------- keyboard focus

# For the element that has the focus: its focus indicator (outline) and the colour visibly behind the ring,
# found where the ring is drawn (just outside the box, or just inside for a negative offset), from the elements
# painted at that point, not from the DOM parent (a fixed skip link or a header button sits over other boxes).
FOCUS_PROBE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e), rect = e.getBoundingClientRect();
  const parse = c => { const m = c.match(/[\\d.]+/g) || []; return m.length < 3 ? null :
      [+m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1]; };
  const width = parseFloat(style.outlineWidth) || 0, offset = parseFloat(style.outlineOffset) || 0;
  const name = (e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string'
      ? '.' + e.className.trim().split(/\\s+/).slice(0, 2).join('.') : '') + ' "' + (e.innerText || e.value ||
      e.getAttribute('aria-label') || '').trim().slice(0, 30) + '"');
  const visible = e.checkVisibility({opacityProperty: true, visibilityProperty: true}) && rect.width > 0 && rect.height > 0;
  const inside = offset + width / 2 < 0;
  let x = inside ? rect.left + 1 - offset : rect.left - offset - width / 2 - 1, y = rect.top + rect.height / 2;
  if (!inside && x < 0) x = rect.right + offset + width / 2 + 1;
  x = Math.min(Math.max(x, 0), innerWidth - 1); y = Math.min(Math.max(y, 0), innerHeight - 1);
  const layers = document.elementsFromPoint(x, y).filter(el => inside ? true : !e.contains(el));
  // Blend the backgrounds from the top one down until an opaque one (white page below all).
  let colour = null, stack = [];
  const chain = [];
  for (const el of layers) { let a = el; while (a && !chain.includes(a)) { chain.push(a); if (layers.includes(a.parentElement)) break; a = a.parentElement; } }
  for (const el of chain) {
    const bg = parse(getComputedStyle(el).backgroundColor);
    if (bg && bg[3] > 0) { stack.push(bg); if (bg[3] >= 1) break; }
  }
  stack.push([255, 255, 255, 1]);
  colour = stack.pop().slice(0, 3);
  while (stack.length) { const [r, g, b, a] = stack.pop(); colour = [r * a + colour[0] * (1 - a), g * a + colour[1] * (1 - a), b * a + colour[2] * (1 - a)]; }
  const cx = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1), cy = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(cx, cy);
  const obscured = !!top && !e.contains(top) && !top.contains(e) && !(e.labels && [...e.labels].some(l => l.contains(top)));
  return {name, visible, obscured, style: style.outlineStyle, width, offset, ring: parse(style.outlineColor), behind: colour,
          inView: rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth};
}"""


def _luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


FOCUS_PAGES = {
    "home": ("real_site", ""),
    "webinars": ("real_site", "webinars/"),
    "upcoming": ("fixture_site", "webinars/2027-03-28-upcoming-across-dst/"),
    "recording": ("fixture_site", "webinars/2026-01-15-past-with-recording/"),
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("kind", FOCUS_PAGES)
def test_keyboard_focus_is_visible_at_3_to_1_everywhere(tab, served, kind, lang, width):
    """Tab through the page from the top (and back from the end): every element that takes the focus is
    visible, in view, and drawn with a ring at least 2 px wide whose colour has at least 3:1 contrast with
    the colour behind it (WCAG 2.2, 2.4.11 and 2.4.13)."""
    site, path = FOCUS_PAGES[kind]
    item = tab(url_of(served(site), lang, path), WIDTHS[width], lang)
    page = item.page
    page.wait_for_load_state("load")
    # The settled state is measured, not a frame of a fade: transitions and animations end at once.
    page.add_style_tag(content="*, *::before, *::after { transition-duration: 0s !important; "
                               "transition-delay: 0s !important; animation: none !important; }")
    problems, seen = [], []

    def check(key: str, presses: int) -> None:
        page.evaluate("document.activeElement && document.activeElement.blur(); scrollTo(0, 0)")
        for _ in range(presses):
            page.keyboard.press(key)
            probe = page.evaluate(FOCUS_PROBE)
            if probe is None:
                continue
            if not probe["visible"]:  # the search field shows once Material has opened the search (a ready signal)
                with contextlib.suppress(Exception):
                    page.wait_for_function("() => document.activeElement.checkVisibility({opacityProperty: true, "
                                           "visibilityProperty: true})", timeout=1000)
                probe = page.evaluate(FOCUS_PROBE)
            seen.append(probe["name"])
            if not probe["visible"] or not probe["inView"]:
                problems.append(f"{probe['name']}: has the focus but is not visible")
            elif probe["obscured"]:
                problems.append(f"{probe['name']}: has the focus but is hidden under another box")
            elif probe["style"] in ("none", "hidden") or probe["width"] < 2 or not probe["ring"] or probe["ring"][3] < 1:
                problems.append(f"{probe['name']}: no solid focus ring ({probe['style']} {probe['width']}px {probe['ring']})")
            else:
                ratio = contrast(probe["ring"], probe["behind"])
                if ratio < 3:
                    problems.append(f"{probe['name']}: ring {probe['ring'][:3]} on {[round(c) for c in probe['behind']]}"
                                    f" is {ratio:.2f}:1")

    check("Tab", 40)
    check("Shift+Tab", 12)
    assert len(seen) > 15, seen
    assert not problems, f"{kind} {lang} {width}:\n  " + "\n  ".join(dict.fromkeys(problems))


def _inside(inner, outer) -> bool:
    return (inner["x"] >= outer["x"] - 0.5 and inner["y"] >= outer["y"] - 0.5
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5)


def _overlap(a, b) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_skip_link_and_language_menu_show_whole(tab, served, lang, width):
    """The skip link, when focused, covers neither the logo nor the site's name; the language menu, opened
    from the keyboard, shows all six languages inside its box (none cut off, "Español" last)."""
    item = tab(url_of(served("real_site"), lang, "about/"), WIDTHS[width], lang)
    page = item.page
    page.add_style_tag(content="*, *::before, *::after { transition-duration: 0s !important; "
                               "transition-delay: 0s !important; animation: none !important; }")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    skip = page.locator("a.md-skip").bounding_box()
    for other in ("header a.md-logo", ".md-header__topic"):
        box = page.locator(other).first.bounding_box()
        if box and box["width"] and page.locator(other).first.is_visible():
            assert not _overlap(skip, box), f"the skip link covers {other}: {skip} {box}"
    page.locator(".md-select button").focus()
    page.keyboard.press("Tab")  # into the list: it opens (:focus-within)
    inner = page.locator(".md-select__inner").bounding_box()
    links = page.locator(".md-select__link")
    assert links.count() == len(LANGS)
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box and _inside(box, inner), f"{links.nth(index).inner_text()} is cut off: {box} outside {inner}"
    assert links.nth(len(LANGS) - 1).inner_text().strip() == "Español"
    if width == "desktop":
        item.shot(f"language-menu-{lang}")


# ------------------------------------------------------------------------------------------- consistency

@pytest.mark.parametrize("lang", LANGS)
def test_site_name_is_whole_at_390px_and_chart_text_in_the_page_font(tab, served, lang):
    item = tab(url_of(served("real_site"), lang, "figures/"), MOBILE, lang)
    page = item.page
    name = page.evaluate("""() => { const e = document.querySelector('.md-header__topic .md-ellipsis');
        const r = e.getBoundingClientRect(), h = document.querySelector('.md-header').getBoundingClientRect();
        return {text: e.innerText.trim(), sw: e.scrollWidth, cw: e.clientWidth, sh: e.scrollHeight, ch: e.clientHeight,
                top: r.top, bottom: r.bottom, htop: h.top, hbottom: h.bottom}; }""")
    assert name["text"] == Formatter(lang).t("site_name")
    assert name["sw"] <= name["cw"] + 1 and name["sh"] <= name["ch"] + 1, f"the site's name is cut off: {name}"
    assert name["top"] >= name["htop"] - 1 and name["bottom"] <= name["hbottom"] + 1, f"outside the header: {name}"
    fonts = page.evaluate("""() => [getComputedStyle(document.querySelector('.md-typeset p')).fontFamily,
        [...new Set([...document.querySelectorAll('.hub-chart *')]
            .filter(e => [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
            .map(e => getComputedStyle(e).fontFamily))]]""")
    assert fonts[1] == [fonts[0]], fonts  # every text of the chart (labels, values, legend) in the page's font
    if lang in ("ar", "zh", "en"):
        page.screenshot(path=str(SHOTS / f"header-{lang}-mobile.png"))


# ------------------------------------------------------------------------------------------- screenshots

# Pages of kinds test_page_views visits in another sample (its "upcoming" page, 2027-03-28, is one of its views).
SHOT_PAGES = {
    "upcoming-unknowns": ("fixture_site", "webinars/2027-06-10-upcoming-bogota/"),
    "past": ("real_site", "webinars/2019-12-17-ip-strategy/"),
    "later": ("real_site", "webinars/2024-09-12-virtual-technical-assistance/"),
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["ar", "zh", "en"])
@pytest.mark.parametrize("kind", SHOT_PAGES)
def test_changed_pages_fit_and_are_photographed(tab, served, kind, lang, width):
    """The pages this work changed: no horizontal overflow, the lead, note and facts inside the page; a
    screenshot of each in test-artifacts/visitor/ to look at."""
    site, path = SHOT_PAGES[kind]
    item = tab(url_of(served(site), lang, path), WIDTHS[width], lang)
    page = item.page
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{overflow}px of horizontal overflow"
    for selector in (".hub-lead", ".hub-facts-panel", ".hub-not-yet-known", ".hub-mandate-note", ".hub-calendar"):
        for box in page.evaluate(f"[...document.querySelectorAll('{selector}')].map(e => e.getBoundingClientRect().toJSON())"):
            assert box["left"] >= -1 and box["right"] <= WIDTHS[width]["width"] + 1, (selector, box)
    assert not item.errors, item.errors
    item.shot(f"{kind}-{lang}-{width}")


# ------------------------------------------------------------------------------------------- Chinese pages' faces

def _faces(session, selector: str) -> set[str]:
    """The font faces Chromium drew the text of ``selector``'s element with (its own text nodes)."""
    root = session.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    return {font["familyName"] for font in session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}


@pytest.mark.parametrize("width", WIDTHS)
def test_a_chinese_page_draws_latin_letters_in_one_latin_face(tab, served, width):
    """On a Chinese page Latin letters come from a Latin face, one for all of them (a French title, a mandate
    "TEST/1/1, option Z"), never from the face that draws the Han characters: CJK faces' Latin letters differ
    from one to the next (WenQuanYi's "II" has serifs) and set Latin punctuation full width."""
    item = tab(url_of(served("fixture_site"), "zh", "webinars/2027-03-28-upcoming-across-dst/"), WIDTHS[width], "zh")
    session = item.context.new_cdp_session(item.page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    title = _faces(session, "article h1")  # "Un webinaire à venir, …" (lang="fr")
    mandate = _faces(session, ".hub-fact:last-child dd")  # "TEST/1/1, option Z"
    han = _faces(session, ".hub-fact--date dt")  # "日期"
    assert len(title) == 1 and title == mandate, (title, mandate)
    assert not title & han, f"Latin letters drawn by the Han face: {title} and {han}"
