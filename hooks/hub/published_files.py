"""What ``webinars/files/`` may publish: slide decks and portraits of the types the site links to, recognised
by their first bytes as well as their name, and of a bounded size.

Everything there is served from the site's own origin, beside the editor (``/admin/``) that holds a staff
member's GitHub session: an HTML, SVG or script file would run there with that origin's rights. So nothing
but these types is published, and a file whose content is not what its name says is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024  # GitHub warns from 50 MB a file; a visitor on a slow line waits minutes already


@dataclass(frozen=True)
class FileType:
    name: str  # said in messages
    signatures: tuple[bytes, ...]  # the file starts with one of these
    riff: bytes | None = None  # a RIFF container's form type (bytes 8-11), e.g. WEBP


_ZIP = (b"PK\x03\x04",)
TYPES: dict[str, FileType] = {
    ".pdf": FileType("PDF document", (b"%PDF-",)),
    ".pptx": FileType("PowerPoint presentation", _ZIP),
    ".ppt": FileType("PowerPoint 97-2003 presentation", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    ".odp": FileType("OpenDocument presentation", _ZIP),
    ".jpg": FileType("JPEG image", (b"\xff\xd8\xff",)),
    ".jpeg": FileType("JPEG image", (b"\xff\xd8\xff",)),
    ".png": FileType("PNG image", (b"\x89PNG\r\n\x1a\n",)),
    ".webp": FileType("WebP image", (b"RIFF",), riff=b"WEBP"),
}
DECK_SUFFIXES = {"pdf": (".pdf",), "pptx": (".pptx",), "ppt": (".ppt",), "odp": (".odp",)}  # by slide format
DECK_FILE_SUFFIXES = tuple(suffix for suffixes in DECK_SUFFIXES.values() for suffix in suffixes)
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def listed(suffixes=None) -> str:
    return ", ".join(suffixes or TYPES)


def problem_with(path: Path) -> str | None:
    """Why the file cannot be published (its type, its content, its size), or None."""
    suffix = path.suffix.lower()
    kind = TYPES.get(suffix)
    if kind is None or path.suffix != suffix:
        return (f"is not a type the site publishes: webinars/files/ holds slide decks and portraits ending in "
                f"{listed()} (in lower case); other files, HTML, SVG and scripts above all, are not published")
    size = path.stat().st_size
    if size > MAX_BYTES:
        return (f"is {size / 1024 / 1024:.0f} MB, more than the {MAX_BYTES // 1024 // 1024} MB a file may have: "
                "make it smaller (e.g. export the slides as PDF with compressed images), or publish it elsewhere "
                "and give its address (url) instead")
    with path.open("rb") as file:
        head = file.read(16)
    if not head.startswith(kind.signatures) or (kind.riff is not None and head[8:12] != kind.riff):
        return (f"is named {suffix} but is not a {kind.name} (its first bytes say otherwise): export it again "
                f"as a {kind.name}, or give it the name its type has")
    return None
