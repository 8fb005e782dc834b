"""The editor's one JavaScript file, from the npm package pinned in ``package-lock.json``, without npm.

The build must work on a machine with Python only, and the site must serve the editor itself (no script
from a CDN at run time). So the tarball the lockfile pins is fetched from the npm registry once, checked
against the lockfile's ``integrity`` (sha512, the digest npm itself checks), kept in ``.cache/npm/`` under
that digest, and the one file the page needs is read out of it. Nothing unpinned is ever fetched: the
version and the digest come from the lockfile, and a tarball whose digest differs is refused.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REGISTRY = "https://registry.npmjs.org/"  # npm's default; the lockfile leaves out "resolved" for it
TIMEOUT_SECONDS = 60


class BundleError(Exception):
    """The pinned editor cannot be had: the message says why and what to do."""


@dataclass(frozen=True)
class Pin:
    name: str  # "@sveltia/cms"
    version: str
    integrity: str  # "sha512-<base64>"
    url: str
    license: str

    @property
    def cache_name(self) -> str:
        """A file name from the digest: two pins of the same bytes share it, another version cannot."""
        algorithm, _, digest = self.integrity.partition("-")
        return f"{algorithm}-{base64.b64decode(digest).hex()}.tgz"


def tarball_url(name: str, version: str, registry: str = REGISTRY) -> str:
    """The registry's tarball address, as npm forms it: ``@scope/pkg`` → ``@scope/pkg/-/pkg-1.2.3.tgz``."""
    return f"{registry}{name}/-/{name.rpartition('/')[2]}-{version}.tgz"


def read_pin(lockfile: Path, name: str) -> Pin:
    """The version, digest and address of package ``name`` in an npm lockfile (version 2 or 3)."""
    try:
        lock = json.loads(lockfile.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BundleError(f"{lockfile.name}: cannot be read for the editor's pinned package: {error}") from None
    entry = lock.get("packages", {}).get(f"node_modules/{name}")
    if not isinstance(entry, dict) or not entry.get("version") or not entry.get("integrity"):
        raise BundleError(f"{lockfile.name}: {name} is not pinned (no version and integrity): run "
                          f"`npm install --save-dev --save-exact {name}@VERSION --package-lock-only`")
    integrity = entry["integrity"].split()[0]
    if not integrity.startswith("sha512-"):
        raise BundleError(f"{lockfile.name}: {name}: expected a sha512 integrity, got {integrity!r}")
    url = entry.get("resolved") or tarball_url(name, entry["version"])
    if not url.startswith("https://"):
        raise BundleError(f"{lockfile.name}: {name}: resolved must be an https:// address, got {url!r}")
    return Pin(name, entry["version"], integrity, url, entry.get("license", ""))


def verified(pin: Pin, data: bytes) -> bool:
    algorithm, _, digest = pin.integrity.partition("-")
    return hashlib.new(algorithm, data).digest() == base64.b64decode(digest)


def _download(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (https only, above)
        return response.read()


def tarball(pin: Pin, cache: Path, download=_download) -> bytes:
    """The pinned tarball: from ``cache`` when there and intact, else downloaded, checked and cached."""
    path = cache / pin.cache_name
    if path.is_file():
        data = path.read_bytes()
        if verified(pin, data):
            return data
        path.unlink()  # a damaged copy: fetch it again
    try:
        data = download(pin.url)
    except OSError as error:
        raise BundleError(
            f"the editor ({pin.name} {pin.version}, pinned in package-lock.json) is not in {cache} and could "
            f"not be downloaded from {pin.url}: {error}. Build once with access to the npm registry, or put "
            f"that tarball at {path}") from None
    if not verified(pin, data):
        raise BundleError(f"{pin.url}: the download does not match the integrity pinned in package-lock.json "
                          f"({pin.integrity[:20]}…): refused")
    cache.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(path)
    return data


def member(data: bytes, name: str) -> bytes:
    """One file of an npm tarball (its paths start with ``package/``)."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        try:
            extracted = archive.extractfile(f"package/{name}")
        except KeyError:
            extracted = None
        if extracted is None:
            raise BundleError(f"the pinned tarball has no package/{name}")
        return extracted.read()


def members(data: bytes, folder: str) -> list[tuple[str, bytes]]:
    """The files directly in one folder of an npm tarball, as (name, bytes), by name."""
    found = []
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for info in archive.getmembers():
            name = info.name.removeprefix("package/" + folder)
            if info.isfile() and info.name.startswith("package/" + folder) and "/" not in name:
                found.append((name, archive.extractfile(info).read()))
    return sorted(found)
