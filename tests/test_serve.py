"""Preview: `mkdocs serve` rebuilds the site when a staff YAML file changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import BUILD_DATE, make_project


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_a_webinar_file_changes(tmp_path):
    project = make_project(tmp_path / "project")
    port = free_port()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUB_TODAY": BUILD_DATE}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload",
         "-a", f"127.0.0.1:{port}"],
        cwd=project, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/webinar-hub/webinars/2019-12-17-ip-strategy/"
    try:
        assert wait_for(lambda: "535" in (fetch(url) or ""), 240), "the preview never served the page"
        source = project / "webinars" / "2019-12-17-ip-strategy.yml"
        source.write_text(source.read_text().replace("registrations: 535", "registrations: 777"))
        assert wait_for(lambda: "777" in (fetch(url) or ""), 240), "the preview did not rebuild"
    finally:
        server.terminate()
        server.wait(timeout=30)
