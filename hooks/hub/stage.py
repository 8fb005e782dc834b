"""Lay out the docs folder MkDocs really builds: hand-written pages plus generated ones, on disk.

mkdocs-static-i18n can only sort pages that exist on disk (pages made in memory crash it), so the
generated pages are written beside a copy of ``docs/`` into a staging folder. Files are rewritten only
when their content changes, which keeps ``mkdocs serve`` from rebuilding in a loop.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from .render import Renderer, expand_markers
from .urls import page_language_and_path


def planned_files(root: Path, renderer: Renderer) -> Iterator[tuple[str, bytes]]:
    """Every file of the staging folder, as (docs-relative path, content), one at a time (memory)."""
    docs = root / "docs"
    for source in sorted(docs.rglob("*")):
        if source.is_symlink():  # never publish what a link points to (outside the repository, maybe)
            raise ValueError(f"{source.relative_to(root).as_posix()} is a symbolic link: replace it by the file itself")
        if not source.is_file():
            continue
        relative = PurePosixPath(source.relative_to(docs).as_posix())
        if relative.suffix == ".md":
            lang, path = page_language_and_path(relative)
            text = expand_markers(source.read_text(encoding="utf-8"), renderer, lang, path)
            yield str(relative), text.encode("utf-8")
        else:
            yield str(relative), source.read_bytes()
    for page in renderer.pages():
        yield page.filename, page.text().encode("utf-8")
    files = root / "webinars" / "files"
    if files.is_dir() and not files.is_symlink():
        # Only the files the data links to (Hub.linked_files). Links were refused by the catalog; never followed
        # here either (os.walk does not enter linked folders, and a linked file is skipped), so nothing outside
        # the repository is copied.
        linked = renderer.hub.linked_files
        published = []
        for folder, folders, names in os.walk(files, followlinks=False):
            folders[:] = [name for name in folders if not name.startswith(".")]
            published += [Path(folder) / name for name in names if not name.startswith(".")]
        for source in sorted(published):
            if source.relative_to(root).as_posix() in linked and source.is_file() and not source.is_symlink():
                yield "files/" + source.relative_to(files).as_posix(), source.read_bytes()


def sync_folder(target: Path, wanted: Iterable[tuple[str, bytes]]) -> int:
    """Make ``target`` hold exactly the ``wanted`` files; return how many were (re)written."""
    written = 0
    keep: set[str] = set()
    target.mkdir(parents=True, exist_ok=True)
    for relative, content in wanted:
        keep.add(relative)
        path = target / relative
        if path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(content)
        os.replace(temporary, path)
        written += 1
    for path in sorted(target.rglob("*"), reverse=True):
        relative = path.relative_to(target).as_posix()
        if path.is_file() and relative not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written
