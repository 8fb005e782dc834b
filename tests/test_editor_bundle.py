"""The editor's script comes from the npm tarball pinned in package-lock.json, checked against its sha512,
without npm; a tarball that does not match, or none at all, stops the build with the reason."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest

from conftest import LANGUAGES
from hub.editor import PACKAGE, write_editor
from hub.editor.bundle import BundleError, Pin, member, read_pin, tarball, tarball_url
from hub.editor.offline import UPDATE_FILE, fonts, localized

ROOT = Path(__file__).resolve().parents[1]


def fake_tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def pin_of(data: bytes) -> Pin:
    digest = base64.b64encode(hashlib.sha512(data).digest()).decode()
    return Pin("@example/fictional", "1.0.0", f"sha512-{digest}", "https://registry.example/fictional.tgz", "MIT")


def test_the_lockfile_pins_sveltia_cms_exactly_and_its_licence_is_mit():
    pin = read_pin(ROOT / "package-lock.json", PACKAGE)
    declared = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"][PACKAGE]
    assert declared == pin.version, "package.json must pin the exact version the lockfile holds"
    assert pin.license == "MIT"
    assert pin.url == f"https://registry.npmjs.org/@sveltia/cms/-/cms-{pin.version}.tgz"
    assert pin.integrity.startswith("sha512-")


def test_tarball_url_is_npms():
    assert tarball_url("@sveltia/cms", "0.1.0") == "https://registry.npmjs.org/@sveltia/cms/-/cms-0.1.0.tgz"
    assert tarball_url("axe-core", "4.0.0") == "https://registry.npmjs.org/axe-core/-/axe-core-4.0.0.tgz"


def test_a_download_is_checked_cached_and_reused(tmp_path):
    data = fake_tarball({"dist/app.js": b"console.log('fictional')"})
    calls = []
    pin = pin_of(data)
    assert tarball(pin, tmp_path, download=lambda url: calls.append(url) or data) == data
    assert tarball(pin, tmp_path, download=lambda url: pytest.fail("the cached copy is used")) == data
    assert calls == [pin.url]
    assert member(data, "dist/app.js") == b"console.log('fictional')"


def test_a_tarball_that_does_not_match_the_pin_is_refused_and_not_cached(tmp_path):
    pin = pin_of(b"the bytes the lockfile pins")
    with pytest.raises(BundleError, match="does not match the integrity pinned in package-lock.json"):
        tarball(pin, tmp_path, download=lambda url: b"other bytes")
    assert list(tmp_path.iterdir()) == []


def test_a_damaged_cached_copy_is_fetched_again(tmp_path):
    data = fake_tarball({"a": b"1"})
    pin = pin_of(data)
    (tmp_path / pin.cache_name).write_bytes(b"damaged")
    assert tarball(pin, tmp_path, download=lambda url: data) == data


def test_no_network_says_what_to_do(tmp_path):
    def offline(url):
        raise OSError("Temporary failure in name resolution")

    with pytest.raises(BundleError) as raised:
        tarball(pin_of(b"x"), tmp_path, download=offline)
    message = str(raised.value)
    assert "could not be downloaded from https://registry.example/fictional.tgz" in message
    assert "Build once with access to the npm registry, or put that tarball at" in message


def test_an_unpinned_package_is_an_error(tmp_path):
    lockfile = tmp_path / "package-lock.json"
    lockfile.write_text(json.dumps({"lockfileVersion": 3, "packages": {}}), encoding="utf-8")
    with pytest.raises(BundleError, match="@sveltia/cms is not pinned"):
        read_pin(lockfile, PACKAGE)


def test_a_project_without_a_lockfile_has_no_editor(tmp_path):
    assert write_editor(tmp_path, tmp_path / "site", "/", LANGUAGES.all) is False
    assert not (tmp_path / "site" / "admin").exists()


def test_fonts_and_the_update_check_are_pointed_at_the_site():
    script = ("a=`https://unpkg.com/@sveltia/cms`,b=`${a}/package.json`,c=`${a}@${v}/locales`;"
              "src:url(https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2)"
              "src:url(https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2)")
    found = fonts(script)
    assert [(font.package, font.version, font.member) for font in found] == [
        ("@fontsource-variable/source-sans-3", "5.3.0", "files/source-sans-3-latin-wght-normal.woff2"),
        ("@fontsource/noto-mono", "5.3.0", "files/noto-mono-latin-400-normal.woff2")]
    rewritten = localized(script)
    assert "cdn.jsdelivr.net" not in rewritten and "unpkg.com/@sveltia/cms/package.json" not in rewritten
    assert f"b=`{UPDATE_FILE}`" in rewritten and "c=`locales`" in rewritten
    assert "url(fonts/source-sans-3-latin-wght-normal.woff2)" in rewritten


def test_a_bundle_that_loads_from_a_cdn_differently_stops_the_build():
    with pytest.raises(BundleError, match="cdn.jsdelivr.net"):
        localized("a=`https://unpkg.com/@sveltia/cms`,b=`${a}/package.json`;url(https://cdn.jsdelivr.net/npm/x.css)")
    with pytest.raises(BundleError, match="interface languages"):
        localized("a=`https://unpkg.com/@sveltia/cms`,b=`${a}/package.json`")
    with pytest.raises(BundleError, match="no longer names unpkg.com"):
        localized("nothing to rewrite")
