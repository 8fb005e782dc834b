"""Trust: the footer says who runs the site (only the addresses configured in mkdocs.yml, extra.hub), document
symbols link to the organisation's pages only with a configured pattern, and "option B" is said in words."""

from __future__ import annotations

import pytest
import yaml

from hub.localize import Formatter

from conftest import LANGS, build_in_process, lang_url, page, small_project

PILOT = "webinars/2019-12-17-ip-strategy/"
CONFIGURED_LANGS = ("en", "fr", "zh")  # the configured site is built in these only (a Latin, a CJK language)


@pytest.fixture(scope="module")
def configured_site(tmp_path_factory):
    """A small site, with fictional contact, privacy and document addresses configured."""
    project = small_project(tmp_path_factory.mktemp("trust"), CONFIGURED_LANGS)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace('contact_url: ""', 'contact_url: "https://example.org/{lang}/contact"')
    config = config.replace('privacy_url: ""', 'privacy_url: "https://example.org/privacy"')
    config = config.replace('document_url: ""', 'document_url: "https://example.org/docs/{lang}/{symbol}"')
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "docs" / "about.fr.md").write_text(
        (project / "docs" / "about.fr.md").read_text(encoding="utf-8") + "\nVoir `CDIP/99/1` et CDIP/23/9.\n",
        encoding="utf-8")
    return build_in_process(project)


@pytest.mark.parametrize("lang", LANGS)
def test_the_footer_names_the_organisation_and_invents_no_address(real_site, lang):
    f = Formatter(lang)
    soup = page(real_site, lang_url(lang, ""))
    footer = soup.select_one(".md-footer")
    organisation = footer.select_one("a.hub-organisation")
    assert organisation.get_text(strip=True) == f.t("organisation_name")
    assert organisation["href"] == yaml.safe_load(open("mkdocs.yml").read().split("extra:", 1)[1].replace(
        "!ENV", ""))["hub"]["organisation"]["url"]
    assert footer.select_one(".hub-contact, .hub-privacy") is None  # not configured: not shown
    assert not soup.select("a.hub-document")  # no document pattern configured: symbols stay text


@pytest.mark.parametrize("lang", CONFIGURED_LANGS)
def test_configured_contact_privacy_and_document_links(configured_site, lang):
    f = Formatter(lang)
    footer = page(configured_site, lang_url(lang, "")).select_one(".md-footer")
    assert footer.select_one("a.hub-contact")["href"] == f"https://example.org/{lang}/contact"
    assert footer.select_one("a.hub-contact").get_text(strip=True) == f.t("contact")
    assert footer.select_one("a.hub-privacy")["href"] == "https://example.org/privacy"
    about = page(configured_site, lang_url(lang, "about/"))
    links = {a.get_text(): a["href"] for a in about.select("article a.hub-document")}
    assert links.get("CDIP/23/9") == f"https://example.org/docs/{lang}/CDIP/23/9", links
    if lang == "fr":  # a symbol in code stays code
        assert "CDIP/99/1" not in links and [code for code in about.find_all("code") if code.get_text() == "CDIP/99/1"]


@pytest.mark.parametrize("lang", LANGS)
def test_option_b_is_explained_in_words_where_it_is_cited(real_site, lang):
    soup = page(real_site, lang_url(lang, PILOT))
    note = soup.select_one(".hub-webinar .hub-mandate-note")
    assert note is not None
    text = note.get_text()
    assert "CDIP/23/9" in text and len(text) > 40
    assert note.get("lang") in (None, lang)  # written in every language
