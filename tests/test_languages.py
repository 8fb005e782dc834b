"""The languages are written once, in mkdocs.yml's i18n plugin entry; everything else reads hub.languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from conftest import LANGUAGES as SITE, ROOT
from hub import build as hub_build
from hub.languages import Languages, LanguageListError, read_languages

CODES, DEFAULT_LANGUAGE, BY_CODE, LANGUAGES = SITE.codes, SITE.default, SITE.by_code, SITE.all

I18N = """\
site_name: Test
site_url: !ENV [SITE_URL, "https://example.org/"]
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
{entries}
"""


def mkdocs_yml(tmp_path: Path, entries: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(I18N.format(entries=entries), encoding="utf-8")
    return path


def test_hub_languages_are_those_mkdocs_reads(monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"))
    languages = config.plugins["i18n"].config.languages
    assert CODES == tuple(language.locale for language in sorted(languages, key=lambda lang: not lang.default))
    assert DEFAULT_LANGUAGE == next(language.locale for language in languages if language.default)
    assert {language.locale: language.name for language in languages} == \
           {language.code: language.native_name for language in LANGUAGES}


def test_what_mkdocs_does_not_need_comes_from_babel():
    assert [code for code in CODES if BY_CODE[code].rtl] == ["ar"]
    assert {code: BY_CODE[code].regional_locale for code in ("en", "zh", "fr")} == \
           {"en": "en_US", "zh": "zh_CN", "fr": "fr_FR"}


def test_a_language_added_to_mkdocs_yml_is_complete(tmp_path):
    path = mkdocs_yml(tmp_path, "        - locale: en\n          default: true\n          name: English\n"
                                "        - locale: he\n          name: עברית\n        - locale: pt_BR\n")
    en, he, pt = read_languages(path)
    assert (en.code, en.default, en.rtl) == ("en", True, False)
    assert (he.code, he.native_name, he.rtl, he.babel_locale) == ("he", "עברית", True, "he")
    assert (pt.code, pt.rtl, pt.babel_locale, pt.regional_locale) == ("pt_BR", False, "pt_BR", "pt_BR")
    assert pt.native_name  # Babel's name of the language when mkdocs.yml gives none


def test_without_default_the_first_is_the_default(tmp_path):
    languages = read_languages(mkdocs_yml(tmp_path, "        - locale: fr\n        - locale: ar\n"))
    assert [(language.code, language.default) for language in languages] == [("fr", True), ("ar", False)]


@pytest.mark.parametrize("entries, message", [
    ("        - locale: en\n        - locale: en\n", "a locale is listed twice"),
    ("        - locale: en\n          default: true\n        - locale: fr\n          default: true\n",
     "only one language can be default"),
    ("        - locale: en\n        - locale: fr\n          build: false\n", "fr: build: false is not supported"),
    ("        - locale: xx-not-a-language\n", "is not a language code Babel knows"),
    ("        - name: English\n", "expected fields locale: and name:"),
    ("        []\n", "expected a list of languages"),
])
def test_a_language_list_the_hub_cannot_use_is_explained(tmp_path, entries, message):
    with pytest.raises(LanguageListError, match=re.escape(message)):
        read_languages(mkdocs_yml(tmp_path, entries))


def test_no_i18n_plugin_is_explained(tmp_path):
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: Test\nplugins:\n  - search\n", encoding="utf-8")
    with pytest.raises(LanguageListError, match="no i18n entry"):
        read_languages(path)


def test_the_parallel_build_starts_every_other_language_once():
    assert sorted(hub_build.start_order(SITE)) == sorted(CODES[1:])
    three = Languages(tuple(BY_CODE[code] for code in ("en", "fr", "es")))
    assert hub_build.start_order(three) == ["fr", "es"]  # no Chinese: none is started


# No second copy ---------------------------------------------------------------------------------------

SOURCES = [path for pattern in ("hooks/**/*.py", "overrides/**/*.html", "overrides/**/*.js", "tests/*.py",
                                "bench/*.py", "hub", ".ci/*", ".github/**/*.yml", "package.json")
           for path in sorted(ROOT.glob(pattern))]
CONTENT = ("tests/", "bench/")  # they write or expect text in given languages: a text per language is no copy
CODE = r"(?<![\w-])(?:{})(?![\w-])".format("|".join(CODES))
# Five or more language codes in a row (up to four: a sample, such as en, ar, zh, ru), separated only by quotes, commas, spaces, brackets or "or".
LIST = re.compile(rf"{CODE}(?:(?:[\s'\",()\[\]|/]|\bor\b)+{CODE}){{4,}}")
# A mapping keyed by language codes: 'en': …, 'fr': …, 'ar': … (three keys or more).
KEYED = re.compile(rf"(?:['\"]{CODE}['\"]\s*:[^\n]*?){{3,}}")
# A page's direction or a language's behaviour decided by comparing its code with a literal.
COMPARED = re.compile(rf"(?:==|!=|\bin)\s*\(?\s*['\"]{CODE}['\"]")
# The comparisons that are knowledge of one language, not a copy of the list (file, code): why.
ALLOWED = {
    ("hooks/hub/localize.py", "fr"): "French typography: no-break spaces before : ; ! ? »",
    ("hooks/hub/build.py", "zh"): "the largest build is started second to last",
}


def test_sources_exist():
    assert len(SOURCES) > 50 and ROOT / "hooks" / "hub" / "languages.py" in SOURCES


def test_no_second_list_of_the_languages():
    copies = []
    for path in SOURCES:
        name = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        copies += [(name, match.group(0)) for match in LIST.finditer(text)]
        if not name.startswith(CONTENT):
            copies += [(name, match.group(0)[:60]) for match in KEYED.finditer(text)]
    assert copies == [], "the languages are listed in mkdocs.yml only; read them from hub.languages"


def test_no_language_decided_by_its_code():
    found = []
    for path in SOURCES:
        name = path.relative_to(ROOT).as_posix()
        if name.startswith(CONTENT):
            continue
        for match in COMPARED.finditer(path.read_text(encoding="utf-8")):
            code = re.search(CODE, match.group(0)).group(0)
            if (name, code) not in ALLOWED:
                found.append((name, match.group(0)))
    assert found == [], "use the language's data (BY_CODE[code].rtl, Babel) rather than its code"


def test_a_language_list_the_hub_cannot_use_stops_every_command_plainly(tmp_path):
    import os
    import subprocess
    import sys

    from conftest import make_project

    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name: العربية\n", "name: العربية\n          default: true\n"),
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "hub", "check"], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(project / "hooks")})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == "hub: mkdocs.yml: plugins: i18n: languages: only one language can be default: true"


def test_env_tags_are_read_as_mkdocs_reads_them(tmp_path, monkeypatch):
    entries = "        - locale: en\n          name: !ENV [HUB_TEST_NAME, English]\n"
    assert read_languages(mkdocs_yml(tmp_path, entries))[0].native_name == "English"
    monkeypatch.setenv("HUB_TEST_NAME", "Anglais")
    assert read_languages(mkdocs_yml(tmp_path, entries))[0].native_name == "Anglais"
