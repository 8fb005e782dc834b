"""The staff editor at /admin/, in Chromium, without GitHub; and that visitors never meet it.

In the browser: Sveltia CMS's Test backend keeps the
repository in the browser's origin-private file system, so a test can put the project's data files there,
create a webinar through the editor's own form, and read back the file the editor writes.

The file is then put in the webinars/ folder of a copy of the project (never the real one), and must pass
``hub check`` unchanged and build into a page that shows the French title typed in the editor.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect

from browser_support import ARTIFACTS, is_local, serve
from conftest import FIXTURES, ROOT, build, build_in_process, make_project, small_project
from hub.catalog import load_catalog
from hub.relayout import relayout
from hub.schema import Webinar


TEST_REPOSITORY = "sveltia-cms-test"  # the Test backend's folder in the origin-private file system

SEED = """async (files) => {
  const top = await navigator.storage.getDirectory();
  await top.removeEntry(%(repo)r, {recursive: true}).catch(() => {});
  const repo = await top.getDirectoryHandle(%(repo)r, {create: true});
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/');
    let folder = repo;
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, {create: true});
    const writable = await (await folder.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(text);
    await writable.close();
  }
}""" % {"repo": TEST_REPOSITORY}

# A file the editor is still writing cannot be read (NotReadableError: it changed after getFile()): such a
# read is made again, not failed (the editor writes several files after a save; seen once under load).
READ_AGAIN = """async (handle) => {
  for (let attempt = 0; ; attempt++) {
    try { return await (await handle.getFile()).text(); }
    catch (error) {
      if (error.name !== 'NotReadableError' || attempt >= 50) throw error;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
}"""

READ = """async (folderName) => {
  const readAgain = %(again)s;
  const top = await navigator.storage.getDirectory();
  const folder = await (await top.getDirectoryHandle(%(repo)r)).getDirectoryHandle(folderName);
  const files = {};
  for await (const [name, handle] of folder.entries()) {
    if (handle.kind === 'file') files[name] = await readAgain(handle);
  }
  return files;
}""" % {"repo": TEST_REPOSITORY, "again": READ_AGAIN}


def editor_project(target: Path, project: Path | None = None) -> Path:
    """A copy of the project (by default with the fixture data), its lockfile (the pinned editor) and the npm
    cache."""
    project = project or make_project(target, FIXTURES / "hub")
    shutil.copy(ROOT / "package-lock.json", project)
    if (ROOT / ".cache" / "npm").is_dir():  # else the build downloads the pinned tarballs
        shutil.copytree(ROOT / ".cache" / "npm", project / ".cache" / "npm")
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return editor_project(tmp_path_factory.mktemp("editor"))


@pytest.fixture(scope="module")
def editor_url(editor_site) -> str:
    with serve(editor_site) as url:
        yield url


@pytest.fixture(scope="module")
def editor_site(project) -> Path:
    return built_with_test_backend(project)


def built_with_test_backend(project: Path) -> Path:
    """The built site, its editor pointed at the Test backend (the one change from what staff get)."""
    result = build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    site = project / "site"
    config_file = site / "admin" / "config.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    assert config["backend"]["name"] == "github"
    config["backend"] = {"name": "test-repo"}
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return site


def data_files(project: Path) -> dict[str, str]:
    return {path.relative_to(project).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted((project / "webinars").rglob("*.yml")) if "schema" not in path.parts}


class Watched:
    """A page whose console errors, failed requests and requests to other hosts are recorded."""

    def __init__(self, page):
        self.page, self.errors, self.failed, self.outside = page, [], [], []
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("requestfailed", lambda request: self.failed.append(request.url))
        page.on("response", lambda response: response.status >= 400 and self.failed.append(
            f"{response.status} {response.url}"))
        page.on("request", lambda request: is_local(request.url) or self.outside.append(request.url))

    def assert_clean(self):
        assert self.outside == [], f"requests to other hosts: {self.outside}"
        assert self.failed == [], f"failed requests: {self.failed}"
        assert self.errors == [], f"console errors: {self.errors}"


# The editor's own words for the two buttons the tests press, from the pinned package's locales/.
UI = {
    "en-US": {"sign_in": "Work with Test Repository", "create": "Create New Entry", "save": "Save",
              "preview": "Content Preview"},
    "ar": {"sign_in": "العمل مع مستودع تجريبي", "create": "إنشاء عنصر جديد", "save": "حفظ",
           "preview": "معاينة المحتوى"},
}
TITLES = {  # fictional
    "en": "Fictional editor test: patents for puppeteers",
    "fr": "Test fictif de l'éditeur : brevets pour marionnettistes",
    "zh": "虚构的编辑器测试：木偶师的专利",
    "ar": "اختبار وهمي للمحرر: براءات لمحركي الدمى",
}


def open_editor(browser, site_url: str, project: Path, locale: str = "en-US", height: int = 4000):
    """A fresh context with the project's data in the Test backend, signed in, a new webinar's form open.

    The form is laid out in a tall window: the editor draws only the fields in view."""
    context = browser.new_context(viewport={"width": 1280, "height": height}, locale=locale)
    seed = context.new_page()
    seed.goto(site_url)  # the origin whose private file system the editor reads
    seed.evaluate(SEED, data_files(project))
    seed.close()
    page = context.new_page()
    watched = Watched(page)
    page.goto(site_url + "admin/")
    page.get_by_role("button", name=UI[locale]["sign_in"]).click()
    page.get_by_role("button", name=UI[locale]["create"]).click()
    page.get_by_role("textbox", name="English (en)").first.wait_for()
    return context, page, watched


def type_into(page, box, text: str) -> None:
    """Type ``text`` into ``box`` and wait until the entry's preview shows it.

    The editor creates the new entry's draft just after its form first appears; what is typed before that is
    lost. The preview is drawn from the draft, so text shown there is held: type again until it is (a ready
    signal, not a sleep; a few tries at most)."""
    locale = page.evaluate("document.documentElement.lang")
    preview = page.get_by_role("document", name=UI.get(locale, UI["en-US"])["preview"])
    for _ in range(5):
        box.fill(text)
        try:
            preview.get_by_text(text, exact=True).first.wait_for(timeout=2000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the editor's preview never showed {text!r}")


def wait_in_page(page, condition: str, arg, timeout_ms: int = 15000) -> bool:
    """Whether the async ``condition`` (a JavaScript function of ``arg``) became true within the time allowed.

    Playwright's wait_for_function takes a Promise for a true value and returns at once, so an async check
    (the origin-private file system is read asynchronously) is polled in the page instead."""
    return page.evaluate("""async ([source, arg, timeout]) => {
      const condition = eval(source);
      const deadline = Date.now() + timeout;
      while (Date.now() < deadline) {
        try {
          if (await condition(arg)) return true;
        } catch (error) {  // a file the editor is still writing: read it again at the next turn
          if (error.name !== 'NotReadableError') throw error;
        }
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      return false;
    }""", [condition, arg, timeout_ms])


def field(page, name: str):
    """One field of the form, by its label (the editor names each field's group "“Label” Field")."""
    return page.get_by_role("group", name=re.compile(f"^.{{0,2}}{re.escape(name)}.{{0,2}}. ")).first


def written(page) -> dict[str, str]:
    return page.evaluate(READ, "webinars")


@pytest.mark.browser
def test_editor_loads_with_no_error_and_no_request_elsewhere(browser, editor_url, project):
    context, page, watched = open_editor(browser, editor_url, project, height=900)
    try:
        type_into(page, page.get_by_role("textbox", name="English (en)").first, TITLES["en"])
        type_into(page, page.get_by_role("textbox", name="Français (fr)").first, TITLES["fr"])
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "editor-en-desktop.png"), animations="disabled")  # no view half faded
        labels = page.locator("main, body").first.inner_text()
        for label in ("Series", "Title", "English (en)", "العربية (ar)", "中文 (zh)", "Français (fr)"):
            assert label in labels
        watched.assert_clean()
    finally:
        context.close()


@pytest.mark.browser
def test_arabic_editor_and_right_to_left_fields(browser, editor_url, project):
    context, page, watched = open_editor(browser, editor_url, project, locale="ar", height=900)
    try:
        assert page.evaluate("document.documentElement.dir") == "rtl"  # the editor's own Arabic interface
        arabic = page.get_by_role("textbox", name="العربية (ar)").first
        type_into(page, arabic, TITLES["ar"])
        chinese = page.get_by_role("textbox", name="中文 (zh)").first
        type_into(page, chinese, TITLES["zh"])
        assert arabic.evaluate("element => element.matches(':dir(rtl)')"), "Arabic text must run right to left"
        assert chinese.evaluate("element => element.matches(':dir(ltr)')")
        assert chinese.input_value() == TITLES["zh"]
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "editor-ar-desktop.png"), animations="disabled")
        watched.assert_clean()
    finally:
        context.close()


@pytest.mark.browser
def test_a_webinar_made_in_the_editor_passes_the_check_and_builds(browser, editor_url, project, tmp_path):
    context, page, watched = open_editor(browser, editor_url, project)
    try:
        before = set(written(page))
        type_into(page, page.get_by_role("textbox", name="English (en)").first, TITLES["en"])
        type_into(page, page.get_by_role("textbox", name="Français (fr)").first, TITLES["fr"])
        field(page, "Series").get_by_role("radio", name="Demonstration series").click()
        page.get_by_role("group", name="Experts", exact=True).get_by_role("checkbox", name="Ada Example").click()

        # No date: refused before anything is saved, in plain words.
        page.get_by_role("button", name="Save").click()
        date_field = field(page, "Date")
        assert "This field is required." in date_field.inner_text()
        assert set(written(page)) == before
        page.get_by_role("textbox", name="Date", exact=True).fill("2027-05-20")

        # A recording address without http(s)://: refused with ./hub check's words.
        page.get_by_role("checkbox", name=re.compile("Recording")).click()
        recording = field(page, "Recording")
        recording.get_by_role("textbox", name="Url").fill("www.example.org/fictional-recording")
        page.get_by_role("button", name="Save").click()
        assert "must be an absolute http(s) address, e.g. https://example.org/page" in recording.inner_text()
        assert set(written(page)) == before
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "editor-refused-url.png"), clip={"x": 0, "y": 0, "width": 1280,
                                                                               "height": 2200})
        recording.get_by_role("textbox", name="Url").fill("https://www.example.org/fictional-recording")
        page.get_by_role("button", name="Save").click()
        assert wait_in_page(page, """async ([repo, count]) => {
          const top = await navigator.storage.getDirectory();
          const folder = await (await top.getDirectoryHandle(repo)).getDirectoryHandle('webinars');
          let files = 0;
          for await (const [, handle] of folder.entries()) files += handle.kind === 'file';
          return files > count;
        }""", [TEST_REPOSITORY, len(before)]), "the editor wrote no new file"
        files = written(page)
        watched.assert_clean()
    finally:
        context.close()

    new = sorted(set(files) - before)
    print("WRITTEN", {name: files[name] for name in new})
    assert new == ["2027-05-20-fictional-editor-test-patents-for-puppeteers.yml"]
    text = files[new[0]]
    data = yaml.safe_load(text)
    assert data["title"] == {"en": TITLES["en"], "fr": TITLES["fr"]}
    assert data["series"] == "demo-series" and data["experts"] == ["ada-example"]
    assert data["recording"] == {"url": "https://www.example.org/fictional-recording"}

    # The file in the webinars/ folder of another copy of the project: checked and built unchanged.
    copy = make_project(tmp_path / "with-new-webinar", project / "webinars")
    (copy / "webinars" / new[0]).write_text(text, encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "hub", "check"], cwd=copy, capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(copy / "hooks")})
    assert check.returncode == 0, check.stderr
    result = build(copy)
    assert result.returncode == 0, result.stderr[-4000:]
    slug = new[0].removesuffix(".yml")
    french = BeautifulSoup((copy / "site" / "fr" / "webinars" / slug / "index.html").read_text(encoding="utf-8"),
                           "html.parser")
    shown = french.h1.get_text(" ", strip=True)
    # The site sets French typography (’ for ', a narrow space before ':'): the same title, typeset.
    typeset = shown.replace("\u2019", "'").replace("\u202f", " ").replace("\u00a0", " ")
    assert typeset == TITLES["fr"], shown


@pytest.mark.browser
def test_an_existing_webinar_edited_in_the_editor_still_passes_the_check(browser, editor_url, project, tmp_path):
    """What an edit keeps and what it restyles (measured: comments dropped, flow lists written as blocks,
    "14:00" unquoted, the default status written): the file must still pass the check, its data unchanged
    but for the edit."""
    name = "2027-03-28-upcoming-across-dst.yml"
    context, page, watched = open_editor(browser, editor_url, project)
    try:
        page.get_by_role("button", name=re.compile("Cancel Editing")).click()
        page.get_by_text("2027-03-28").first.click()
        french = page.get_by_role("textbox", name="Français (fr)").first
        expect(french).not_to_have_value("")  # the entry's text is loaded into the form
        type_into(page, french, french.input_value() + " (modifié)")
        page.get_by_role("button", name="Save").click()
        assert wait_in_page(page, """async ([repo, name]) => {
          const top = await navigator.storage.getDirectory();
          const folder = await (await top.getDirectoryHandle(repo)).getDirectoryHandle('webinars');
          return (await (await (await folder.getFileHandle(name)).getFile()).text()).includes('(modifié)');
        }""", [TEST_REPOSITORY, name]), "the editor did not save the edit"
        text = written(page)[name]
        watched.assert_clean()
    finally:
        context.close()
    copy = make_project(tmp_path / "edited", project / "webinars")
    (copy / "webinars" / name).write_text(text, encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "hub", "check"], cwd=copy, capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(copy / "hooks")})
    assert check.returncode == 0, check.stderr
    # The same data but for the edit, as the contract reads it: a default the editor writes out (status:
    # scheduled, registration.state: open) or a time it no longer quotes reads the same.
    slug = name.removesuffix(".yml")
    original = load_catalog(project).webinars[slug].data
    edited = load_catalog(copy).webinars[slug].data
    assert edited.title["fr"] == original.title["fr"] + " (modifié)"
    assert dataclasses.replace(edited, title=original.title) == original
    # What the pull request's relayout step (./hub relayout) makes of it: the file as staff wrote it, comments
    # and quotes kept, with one line changed, the edited title.
    before = (project / "webinars" / name).read_text(encoding="utf-8")
    restored = relayout(before, text, Webinar)
    diff = [line for line in difflib.unified_diff(before.splitlines(), restored.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(diff) == 2 and diff[1] == diff[0].replace("-", "+", 1).replace("heure", "heure (modifié)"), diff


# Visitors never meet the editor (no browser needed) ----------------------------------------------------

@pytest.fixture(scope="module")
def staff_site(tmp_path_factory) -> Path:
    """A small site (English and Arabic) built inside the test process with the editor as staff get it."""
    target = tmp_path_factory.mktemp("staff-editor")
    return build_in_process(editor_project(target, small_project(target, ("en", "ar"))))


def test_the_editor_is_built_and_noindex(staff_site):
    page = BeautifulSoup((staff_site / "admin" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert [script["src"] for script in page.find_all("script")] == ["sveltia-cms.js", "editor-direction.js"]
    script = (staff_site / "admin" / "sveltia-cms.js").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in script and "unpkg.com/@sveltia/cms/package.json" not in script
    assert {path.name for path in (staff_site / "admin" / "fonts").iterdir()} == {
        "source-sans-3-latin-wght-normal.woff2", "noto-mono-latin-400-normal.woff2",
        "material-symbols-outlined-latin-wght-normal.woff2"}


def test_no_page_feed_sitemap_or_search_index_leads_to_the_editor(staff_site):
    """No link to admin/ anywhere; no feed, calendar, open-data or sitemap entry for it; no search result.
    (The staff guide names the address in its text, for staff: a mention, not a link.)"""
    for path in staff_site.rglob("*"):
        relative = path.relative_to(staff_site)
        if path.is_dir() or "admin" in relative.parts:
            continue
        if path.suffix == ".html":
            page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            links = [tag.get("href") or tag.get("src") or "" for tag in page.find_all(["a", "link", "script", "iframe"])]
            assert not [link for link in links if re.search(r"(^|/)admin(/|$)", link)], f"{relative} links to the editor"
        elif path.suffix in (".xml", ".ics", ".txt") or (path.suffix == ".json" and "pagefind" not in relative.parts):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not re.search(r"/admin(/|\b)", text), f"{relative} names the editor"
    from test_search_results import fragments

    indexed = [entry["url"] for entries in fragments(staff_site).values() for entry in entries]
    assert indexed and not [url for url in indexed if re.search(r"(^|/)admin(/|$)", url)]
