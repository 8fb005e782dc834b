"""The pipeline's own guarantees: MkDocs-free core, data loaded once per build, staging kept exact."""

from __future__ import annotations

import ast
from dataclasses import replace
from datetime import date

import hub.site
from conftest import ROOT, make_project
from hub.settings import load_settings
from hub.stage import sync_folder


def test_the_core_does_not_import_mkdocs():
    for path in (ROOT / "hooks" / "hub").rglob("*.py"):
        tree = ast.parse(path.read_text())
        imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
        imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert not [name for name in imported if name.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n")], path


def test_data_is_loaded_once_for_six_language_builds_and_again_after_a_change(tmp_path, monkeypatch):
    project = make_project(tmp_path / "p")
    calls = []
    real_load = hub.site.load_catalog
    monkeypatch.setattr(hub.site, "load_catalog", lambda root, today=None: calls.append(root) or real_load(root, today))
    settings = replace(load_settings(project), today=date(2026, 6, 1))
    staging = settings.staging
    for _ in range(6):
        hub.site.prepare(settings)
    assert len(calls) == 1
    webinar = project / "webinars" / "2019-12-17-ip-strategy.yml"
    webinar.write_text(webinar.read_text().replace("registrations: 535", "registrations: 536"))
    prepared = hub.site.prepare(settings)
    assert len(calls) == 2
    assert prepared.hub.by_slug["2019-12-17-ip-strategy"].data.stats.registrations == 536
    assert "536" in (staging / "webinars" / "2019-12-17-ip-strategy.en.md").read_text()


def test_staging_rewrites_only_changed_files_and_removes_stale_ones(tmp_path):
    target = tmp_path / "staged"
    assert sync_folder(target, {"a.md": b"1", "x/b.md": b"2"}.items()) == 2
    before = (target / "a.md").stat().st_mtime_ns
    assert sync_folder(target, {"a.md": b"1", "c.md": b"3"}.items()) == 1
    assert (target / "a.md").stat().st_mtime_ns == before
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["a.md", "c.md"]


def test_front_matter_reads_back_identically_as_yaml():
    import yaml

    from hub.render import front_matter

    meta = {"title": "Titre \u2028 « x » \"q\" \\ 😀 \t", "description": "a: b # c", "list": [{"k": "v"}]}
    assert yaml.safe_load(front_matter(meta)) == meta


def test_relative_links_match_path_arithmetic():
    import posixpath

    from hub.urls import relative

    pages = ["", "fr/", "webinars/", "webinars/a/", "fr/webinars/a/", "ar/experts/x/", "404.html", "x/y/z/"]
    targets = ["", "fr/", "webinars/a/", "webinars/b/", "webinars/a.ics", "files/deck.pdf", "fr/webinars/a/",
               "webinars/a", "fr/webinars"]  # files named as the page's own folder
    for page in pages:
        for target in targets:
            link = relative(page, target)
            folder = page if page.endswith("/") or not page else posixpath.dirname(page)
            resolved = posixpath.normpath(posixpath.join(folder, link))
            assert resolved == (posixpath.normpath(target) if target else "."), (page, target, link)
            assert link.endswith("/") == (target == "" or target.endswith("/")), (page, target, link)


# The direction of the imports inside the core: the links layer (and the data below it) serves both the
# pages and the output files; neither imports the other, and nothing imports what assembles it.
ASSEMBLY = {"site", "build", "search", "preview", "__main__", "scaffold"}  # put the parts together, or are commands
PAGES = {"views", "render", "stage"}  # the generated pages (stage lays them out beside docs/)


def _core_imports(path) -> set[str]:
    """The hub modules ``path`` imports (``hub.extras`` for any output writer), relative imports resolved."""
    package = path.parent.relative_to(ROOT / "hooks").as_posix().replace("/", ".")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            names = [module] if node.module else [f"{module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found |= {name for name in names if name == "hub" or name.startswith("hub.")}
    return found


def _layer(module: str) -> str:
    parts = module.split(".")
    if parts[1:2] == ["extras"]:
        return "outputs"
    name = parts[1] if len(parts) > 1 else ""
    return "assembly" if name in ASSEMBLY else "pages" if name in PAGES else "links and data"


ALLOWED = {  # layer -> the layers it may import
    "links and data": {"links and data"},
    "pages": {"links and data", "pages"},
    "outputs": {"links and data", "outputs"},
    "assembly": {"links and data", "pages", "outputs", "assembly"},
}


def test_imports_run_down_the_layers():
    wrong = []
    for path in sorted((ROOT / "hooks" / "hub").rglob("*.py")):
        module = "hub." + path.relative_to(ROOT / "hooks" / "hub").with_suffix("").as_posix().replace("/", ".")
        module = module.removesuffix(".__init__")
        for imported in _core_imports(path):
            if imported in ("hub", "hub.extras") and _layer(module) == "outputs":
                continue  # the package itself (extras/__init__ gathers the writers)
            if _layer(imported) not in ALLOWED[_layer(module)]:
                wrong.append(f"{module} ({_layer(module)}) imports {imported} ({_layer(imported)})")
    assert wrong == []


def test_the_import_check_sees_a_wrong_import(tmp_path):
    """The check above reads relative imports as Python does: a writer importing the pages is caught."""
    extras = ROOT / "hooks" / "hub" / "extras" / "sitemap.py"
    assert "hub.urls" in _core_imports(extras)
    assert _layer("hub.extras.sitemap") == "outputs" and _layer("hub.stage") == "pages"
    assert "pages" not in ALLOWED["outputs"] and "outputs" not in ALLOWED["pages"]
