"""``./hub serve``: the live preview's web server, watcher and error page. No MkDocs in here.

A ``SiteBuilder`` (``hooks/hub_serve.py`` builds with MkDocs) rebuilds the site one language at a time
and says when each is done; this module:

* watches the sources with the operating system's notifications (inotify on Linux: a save is seen in a
  few milliseconds, where polling adds up to half a second) and rebuilds once the saves stop for
  ``DEBOUNCE`` seconds, the language being viewed first (the language of the last page a browser asked for);
* serves the site, holding a request for a language being rebuilt (at most ``HOLD_SECONDS``: never a
  request left hanging), and adds a small script to each HTML page that waits for its language's next
  build and then reloads the page (long polling: one request at a time per open page);
* when a build fails, serves in place of every page a page listing the problems, each
  ``webinars/file.yml:LINE:COL: field: message`` on its own line, escaped; the same script reloads it
  as soon as a build succeeds, which shows the page again.
"""

from __future__ import annotations

import html
import logging
import mimetypes
import posixpath
import re
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterable, Iterator, Protocol
from urllib.parse import unquote, urlsplit

from .languages import active

log = logging.getLogger("mkdocs.hub.preview")

DEBOUNCE = 0.03  # seconds without a new change before a rebuild starts (editors write a file in steps)
HOLD_SECONDS = 20.0  # longest a page request waits for its language's build
POLL_SECONDS = 25.0  # longest a reload poll is held open before it is answered "nothing new"
ANY = "*"


class BuildFailed(Exception):
    """A build that could not finish; ``problems`` are the lines to show, one problem each."""

    def __init__(self, problems: Iterable[str], title: str = "The site could not be built"):
        self.problems = [line for line in problems if line.strip()] or ["(no message)"]
        self.title = title
        super().__init__("\n".join(self.problems))


class SiteBuilder(Protocol):
    def build(self, changed: set[Path], first: str) -> Iterator[str]:
        """Rebuild after ``changed`` (empty: everything), language ``first`` first; yield each language
        code once its pages are written. Raises ``BuildFailed``."""

    def locate(self, path: str) -> Path | None:
        """The built file for a site-relative path (``fr/webinars/x/index.html``), if there is one."""


@dataclass
class Failure:
    title: str
    problems: list[str]


RELOAD_SCRIPT = """<script>
(function () {{
  var seen = {epoch}, lang = "{lang}";
  function poll() {{
    fetch("/livereload/" + lang + "/" + seen, {{cache: "no-store"}})
      .then(function (response) {{ return response.text(); }})
      .then(function (text) {{ if (+text > seen) {{ location.reload(); }} else {{ poll(); }} }})
      .catch(function () {{ setTimeout(poll, 1000); }});
  }}
  poll();
}})();
</script>"""


def error_page(failure: Failure, lang: str, epoch: int) -> bytes:
    """The page shown in place of every page while the sources do not build."""
    direction = "rtl" if active().by_code.get(lang) and active().by_code[lang].rtl else "ltr"
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in failure.problems)
    return f"""<!doctype html>
<html lang="en" dir="ltr"><head><meta charset="utf-8"><title>{html.escape(failure.title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}}
h1{{font-size:1.4rem;color:#a00}}li{{margin:.4rem 0}}code{{white-space:pre-wrap;word-break:break-word}}</style>
</head><body data-page-direction="{direction}">
<h1 id="hub-build-failed">{html.escape(failure.title)}</h1>
<p>{len(failure.problems)} problem(s). Fix the file and save it: this page reloads by itself.</p>
<ol id="hub-problems">
{items}
</ol>
{RELOAD_SCRIPT.format(epoch=epoch, lang=lang)}
</body></html>""".encode("utf-8")


def language_of(path: str) -> str:
    """The language a site-relative path belongs to: its first segment, or the default language."""
    first = path.split("/", 1)[0]
    return first if first in active().codes and first != active().default else active().default


class Preview:
    """The server's state: what is built, what is being built, the last failure."""

    def __init__(self, builder: SiteBuilder, mount_path: str = "/"):
        self.builder = builder
        self.mount_path = "/" + mount_path.strip("/") + "/" if mount_path.strip("/") else "/"
        self.condition = threading.Condition()
        self.epoch = 0  # a counter: each language's pages carry the epoch they were built at
        self.built: dict[str, int] = {code: 0 for code in active().codes}  # 0: never built yet
        self.pending: set[str] = set(active().codes)
        self.failure: Failure | None = None
        self.viewed = active().default
        self.changes: set[Path] = set()
        self.changed = threading.Event()
        self.stopping = False

    # The build loop (main thread)

    def rebuild(self, changed: set[Path]) -> None:
        with self.condition:
            self.pending = set(active().codes)
            first = self.viewed
        started = time.perf_counter()
        try:
            for code in self.builder.build(changed, first):
                with self.condition:
                    self.epoch += 1
                    self.built[code] = self.epoch
                    self.pending.discard(code)
                    self.failure = None
                    self.condition.notify_all()
                if code == first:
                    log.info("preview: %s rebuilt in %.2f s", code, time.perf_counter() - started)
                if self.changed.is_set():
                    return  # newer changes: start again, with what is left pending
        except BuildFailed as error:
            self.fail(Failure(error.title, error.problems))
            for line in error.problems:
                log.error("%s", line)
        except Exception as error:  # noqa: BLE001 (any failure is shown in the browser, the server lives on)
            log.exception("preview: build failed")
            self.fail(Failure("The site could not be built", [f"{type(error).__name__}: {error}"]))
        else:
            log.info("preview: every language rebuilt in %.2f s", time.perf_counter() - started)

    def fail(self, failure: Failure) -> None:
        with self.condition:
            self.epoch += 1
            self.failure = failure
            self.built = {code: self.epoch for code in active().codes}  # every open page reloads, to the error page
            self.pending.clear()
            self.condition.notify_all()

    def notice(self, path: Path) -> None:
        with self.condition:
            self.changes.add(path)
        self.changed.set()

    def run(self) -> None:
        """Build everything, then rebuild after each burst of changes, until ``stop``."""
        self.rebuild(set())
        while not self.stopping:
            if not self.changed.wait(0.25):
                continue
            while True:  # wait until the saves stop for DEBOUNCE seconds
                self.changed.clear()
                if not self.changed.wait(DEBOUNCE):
                    break
            with self.condition:
                changes, self.changes = self.changes, set()
            if not self.stopping:
                self.rebuild(changes)

    def stop(self) -> None:
        self.stopping = True
        self.changed.set()
        with self.condition:
            self.condition.notify_all()

    # Requests (server threads)

    def wait_for_language(self, code: str) -> tuple[int, Failure | None]:
        with self.condition:
            self.viewed = code
            self.condition.wait_for(lambda: code not in self.pending or self.stopping, timeout=HOLD_SECONDS)
            return self.built[code], self.failure

    def wait_for_change(self, code: str, seen: int) -> int:
        with self.condition:
            self.condition.wait_for(lambda: self.built.get(code, self.epoch) > seen or self.stopping,
                                    timeout=POLL_SECONDS)
            return self.built.get(code, self.epoch)


def make_handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
            log.debug("preview: " + format, *args)

        def do_HEAD(self) -> None:  # noqa: N802 (http.server's naming)
            self.do_GET(body=False)

        def do_GET(self, body: bool = True) -> None:  # noqa: N802
            path = unquote(urlsplit(self.path).path)
            poll = re.fullmatch(r"/livereload/([a-z]{2}|\*)/([0-9]+)", path)
            if poll:
                epoch = preview.wait_for_change(poll[1], int(poll[2]))
                return self.reply(HTTPStatus.OK, str(epoch).encode(), "text/plain", body)
            if path == "/" and preview.mount_path != "/":
                return self.redirect(preview.mount_path)
            if not (path + "/").startswith(preview.mount_path):
                return self.not_found(active().default, body)
            relative = path[len(preview.mount_path):]
            if path.endswith("/"):
                relative += "index.html"
            relative = posixpath.normpath("/" + relative).lstrip("/")  # no way out of the site
            code = language_of(relative)
            epoch, failure = preview.wait_for_language(code)
            if failure is not None and (relative.endswith(".html") or "." not in relative.rsplit("/", 1)[-1]):
                return self.reply(HTTPStatus.INTERNAL_SERVER_ERROR, error_page(failure, code, epoch),
                                  "text/html; charset=utf-8", body)
            file = preview.builder.locate(relative)
            if file is None and not path.endswith("/") and preview.builder.locate(relative + "/index.html"):
                return self.redirect(path + "/")
            if file is None:
                return self.not_found(code, body)
            content = file.read_bytes()
            if file.suffix == ".html":
                content = inject(content, epoch, code)
            return self.reply(HTTPStatus.OK, content, content_type(file), body)

        def not_found(self, code: str, body: bool) -> None:
            page = preview.builder.locate("404.html")
            epoch = preview.built.get(code, 0)
            content = inject(page.read_bytes(), epoch, code) if page else b"404 Not Found"
            self.reply(HTTPStatus.NOT_FOUND, content, "text/html; charset=utf-8", body)

        def redirect(self, location: str) -> None:
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def reply(self, status: HTTPStatus, content: bytes, kind: str, body: bool = True) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(content)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if body:
                self.wfile.write(content)

    return Handler


def inject(content: bytes, epoch: int, code: str) -> bytes:
    script = RELOAD_SCRIPT.format(epoch=epoch, lang=code).encode()
    end = content.rfind(b"</body>")
    return content + script if end < 0 else content[:end] + script + content[end:]


def content_type(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix in (".js", ".mjs"):
        kind = "application/javascript"
    return kind + ("; charset=utf-8" if kind.startswith("text/") or kind.endswith(("javascript", "json", "xml"))
                   else "")


def serve(builder: SiteBuilder, watched: list[Path], host: str, port: int, mount_path: str = "/") -> None:
    """Serve until interrupted (Ctrl+C)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    preview = Preview(builder, mount_path)

    folders = [path for path in watched if path.is_dir()]
    files = {path for path in watched if not path.is_dir()}

    def wanted(name: str) -> bool:
        path = Path(name)
        if "__pycache__" in path.parts or path.name.endswith((".tmp", "~", ".swp", ".pyc")):
            return False
        return path in files or any(path.is_relative_to(folder) for folder in folders)

    class Changes(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                return
            for name in (event.src_path, getattr(event, "dest_path", "")):
                if name and wanted(name):
                    preview.notice(Path(name))

    observer = Observer()
    for folder in folders:
        observer.schedule(Changes(), str(folder), recursive=True)
    for parent in {path.parent for path in files}:
        observer.schedule(Changes(), str(parent), recursive=False)
    observer.start()
    server = ThreadingHTTPServer((host, port), make_handler(preview))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    log.info("preview: serving on http://%s:%d%s", host, port, preview.mount_path)
    try:
        preview.run()
    except KeyboardInterrupt:
        log.info("preview: shutting down")
    finally:
        preview.stop()
        server.shutdown()
        observer.stop()
        observer.join(timeout=5)
