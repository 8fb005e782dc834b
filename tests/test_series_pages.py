"""A page per series (issue 19.3), in the six languages, and the links that lead to it from the webinar pages, the
home page, the webinars page and the figures page: what the data says and nothing else (the real data and the
fictional fixture data; every expected value is read from the data, none typed here)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import BUILD_DATE, FIXTURES, LANGS, LANGUAGES, ROOT, heading_text, lang_url, page
from hub.catalog import load_catalog
from hub.figures import series_figures
from hub.localize import Formatter, pick
from hub.model import Hub, build_hub
from hub.structured import plain, shorten

SITES = ("real_site", "fixture_site")
SITE_URL = "https://example.github.io/webinar-hub/"


def _hub(root: Path) -> Hub:
    return build_hub(load_catalog(root), date.fromisoformat(BUILD_DATE))


@pytest.fixture(scope="module")
def hubs(tmp_path_factory) -> dict[str, Hub]:
    """The data each test site is built from, read as the build reads it."""
    fixture = tmp_path_factory.mktemp("series-data")
    (fixture / "docs").symlink_to(ROOT / "docs")
    shutil.copytree(FIXTURES / "hub", fixture / "webinars")
    return {"real_site": _hub(ROOT), "fixture_site": _hub(fixture)}


@pytest.fixture(params=SITES)
def site(request, hubs):
    """(the built site, its data) for each test site."""
    return request.getfixturevalue(request.param), hubs[request.param]


def series_url(lang: str, series_id: str) -> str:
    return lang_url(lang, f"series/{series_id}/")


def target(site: Path, from_url: str, href: str) -> Path:
    """The file a relative link on the page at ``from_url`` leads to."""
    assert "://" not in href and not href.startswith("/"), href
    return (site / from_url / href).resolve() / "index.html"


def series_file(site: Path, lang: str, series_id: str) -> Path:
    return (site / series_url(lang, series_id) / "index.html").resolve()


# The page itself ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_series_has_its_page_in_its_language_and_direction(site, lang):
    built, hub = site
    assert hub.series
    for series_id, series in hub.series.items():
        soup = page(built, series_url(lang, series_id))
        assert soup.html["lang"] == lang
        assert soup.body["dir"] == ("rtl" if LANGUAGES.by_code[lang].rtl else "ltr")  # Material sets it on <body>
        title = pick(series.title, lang)
        h1 = soup.select_one("article h1")
        assert heading_text(h1) == title.text
        assert h1.get("lang") == (None if title.lang == lang else title.lang)  # a fallback says its language
        assert soup.title.get_text().startswith(title.text)
        assert soup.select_one("article .hub-kicker").get_text(strip=True) == Formatter(lang).t("series_kicker")


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_lists_the_webinars_of_the_series_in_order(site, lang):
    built, hub = site
    for series_id in hub.series:
        url = series_url(lang, series_id)
        cards = page(built, url).select("article ul.hub-webinars > li.hub-webinar-card")
        expected = [(built / lang_url(lang, f"webinars/{w.slug}/") / "index.html").resolve()
                    for w in hub.in_series.get(series_id, ())]
        assert [target(built, url, card.select_one("a.hub-title")["href"]) for card in cards] == expected
        assert all(path.is_file() for path in expected)


@pytest.mark.parametrize("lang", LANGS)
def test_the_lead_gives_how_many_webinars_and_when(site, lang):
    built, hub = site
    f = Formatter(lang)
    for series_id in hub.series:
        webinars = hub.in_series.get(series_id, ())
        lead = page(built, series_url(lang, series_id)).select_one("article .hub-lead")
        if not webinars:
            assert lead is None
            continue
        dates = sorted(w.data.date for w in webinars)
        assert [t["datetime"] for t in lead.find_all("time")] == sorted({dates[0].isoformat(), dates[-1].isoformat()})
        text = lead.get_text()
        period = f.date(dates[0]) + (f.t("date_range") + f.date(dates[-1]) if dates[0] != dates[-1] else "")
        assert text.startswith(period), (text, period)  # "2025年11月2日至2027年6月10日" in Chinese, no spaced dash
        home = page(built, lang_url(lang, "")).select("article .hub-series-card__meta")
        assert any(meta.get_text().startswith(period) for meta in home), [meta.get_text() for meta in home]
        assert f.t("series_webinar_count", count=f.number(len(webinars))) in text


@pytest.mark.parametrize("lang", LANGS)
def test_only_the_facts_the_data_gives_each_with_a_value(site, lang):
    built, hub = site
    f = Formatter(lang)
    for series_id, series in hub.series.items():
        article = page(built, series_url(lang, series_id)).select_one("article")
        facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
                 for dt in article.select(".hub-facts-panel dt")}
        expected = {}
        if series.period not in (None, ""):
            expected[f.t("period")] = str(series.period)
        if series.decision:
            decision = series.decision if isinstance(series.decision, str) else pick(series.decision, lang).text
            expected[f.t("mandate")] = decision
        assert facts == expected, series_id
        assert (article.select_one(".hub-facts-panel") is None) == (not expected)
        note = article.select_one(".hub-mandate-note")
        explained = pick(series.decision_explained, lang) if series.decision else None
        assert (note.get_text(strip=True) if note else None) == (explained.text if explained else None)
        assert bool(article.select_one(".hub-series-description")) == bool(series.description)
        steps = [li.get_text(strip=True) for li in article.select(".hub-programme li")]
        assert steps == [pick(step, lang).text for step in series.programme]
        assert bool(article.select_one(".hub-materials")) == bool(series.materials)
        for empty in ("None", "Not specified", "—"):
            assert empty not in [dd.get_text(strip=True) for dd in article.find_all("dd")]


@pytest.mark.parametrize("lang", LANGS)
def test_figures_and_budget_are_those_of_the_series(site, lang):
    built, hub = site
    f = Formatter(lang)
    for series_id in hub.series:
        figures = series_figures(hub, series_id)
        article = page(built, series_url(lang, series_id)).select_one("article")
        block = article.select_one(".hub-figures")
        if figures.empty:
            assert block is None, series_id
            continue
        rows = block.select("table.hub-figures-table tbody tr")
        assert len(rows) == len(figures.webinars)
        for row, webinar in zip(rows, figures.webinars):
            assert target(built, series_url(lang, series_id), row.find("a")["href"]) == \
                (built / lang_url(lang, f"webinars/{webinar.slug}/") / "index.html").resolve()
        charted = [w for w in figures.webinars
                   if isinstance(w.data.stats.registrations, int) and isinstance(w.data.stats.participants, int)]
        assert len(block.select(".hub-chart__label")) == len(charted)
        budget = figures.budget
        shown = block.select_one(".hub-budget")
        assert bool(shown) == bool(budget)
        if budget:
            assert f.money(budget.planned, budget.currency) in shown.get_text()
        assert block.find_parent(attrs={"data-pagefind-ignore": True}) is None  # the table and chart are:
        assert all(part.has_attr("data-pagefind-ignore") for part in block.select(".hub-chart, .md-typeset__scrollwrap"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_description_is_the_data_s_else_the_site_s_words(site, lang):
    built, hub = site
    f = Formatter(lang)
    for series_id, series in hub.series.items():
        soup = page(built, series_url(lang, series_id))
        described = pick(series.description, lang)
        title = pick(series.title, lang).text
        expected = shorten(plain(described.text)) if described else f.t("series_description", title=title)
        assert soup.find("meta", attrs={"name": "description"})["content"] == expected


# Head, sitemap, search -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_head_canonical_alternates_and_preview_card_in_its_language(real_site, hubs, lang):
    for series_id in hubs["real_site"].series:
        soup = page(real_site, series_url(lang, series_id))
        url = SITE_URL + series_url(lang, series_id)
        assert [link["href"] for link in soup.find_all("link", rel="canonical")] == [url]
        alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate", hreflang=True)}
        assert alternates == {**{code: SITE_URL + series_url(code, series_id) for code in LANGS},
                              "x-default": SITE_URL + series_url(LANGS[0], series_id)}
        og = {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}
        assert og["og:url"] == url and og["og:title"] == pick(hubs["real_site"].series[series_id].title, lang).text
        image = og["og:image"].removeprefix(SITE_URL)
        assert f".{lang}." in image and (real_site / image).is_file()


def test_the_sitemap_lists_every_series_page_of_every_language(real_site, hubs):
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    for series_id in hubs["real_site"].series:
        for lang in LANGS:
            assert sitemap.count(f"<loc>{SITE_URL}{series_url(lang, series_id)}</loc>") == 1


@pytest.mark.parametrize("lang", LANGS)
def test_the_search_result_opens_with_the_dates_not_the_header_or_the_facts(real_site, hubs, lang):
    """The kicker and the facts panel carry data-pagefind-ignore, as on the webinar pages: the result is the page's
    title, then its first text, the lead."""
    from test_search_results import fragments

    docs = {entry["url"]: entry for entry in fragments(real_site)[lang]}
    f = Formatter(lang)
    for series_id, series in hubs["real_site"].series.items():
        entry = docs["/" + series_url(lang, series_id)]
        title = pick(series.title, lang).text
        text = " ".join(entry["content"].replace("\u200b", "").split())
        assert text.replace(" ", "").startswith(title.replace(" ", "")), text[:120]
        text = text.replace(" ", "")[len(title.replace(" ", "")):] if lang == "zh" else text[len(title):].strip()
        text = text.lstrip(". ")  # Pagefind ends each block of text with a full stop
        first = min(w.data.date for w in hubs["real_site"].in_series[series_id])
        assert text.startswith(f.date(first).split()[0]), text[:120]
        for label in (f.t("mandate"), f.t("period")):  # the panel's labels (the kicker is before the dates: above)
            assert label not in text, (label, text[:200])
        if series.decision:
            assert (series.decision if isinstance(series.decision, str) else pick(series.decision, lang).text) not in text


# Links to the page ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_each_webinar_page_links_to_its_series(site, lang):
    built, hub = site
    for webinar in hub.webinars:
        url = lang_url(lang, f"webinars/{webinar.slug}/")
        link = page(built, url).select_one("article .hub-kicker a.hub-kicker__series")
        assert link.get_text(strip=True) == pick(hub.series[webinar.data.series].title, lang).text
        assert target(built, url, link["href"]) == series_file(built, lang, webinar.data.series)
        assert series_file(built, lang, webinar.data.series).is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_links_to_every_series_with_webinars(site, lang):
    built, hub = site
    url = lang_url(lang, "")
    links = page(built, url).select("article .hub-series-card h3 a")
    assert [target(built, url, a["href"]) for a in links] == \
        [series_file(built, lang, series_id) for series_id in hub.series if hub.in_series.get(series_id)]
    assert links and all(target(built, url, a["href"]).is_file() for a in links)


@pytest.mark.parametrize("lang", LANGS)
def test_the_figures_page_heads_each_series_with_a_link_to_it(site, lang):
    built, hub = site
    url = lang_url(lang, "figures/")
    sections = page(built, url).select("article section.hub-series-figures")
    ids = [section["aria-labelledby"].removeprefix("figures-") for section in sections]
    assert ids and set(ids) == {series_id for series_id in hub.series if not series_figures(hub, series_id).empty}
    for series_id, section in zip(ids, sections):
        link = section.select_one("h2 a")
        assert target(built, url, link["href"]) == series_file(built, lang, series_id)
        assert target(built, url, link["href"]).is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_the_webinars_page_series_headings_link_to_the_series(site, lang):
    built, hub = site
    url = lang_url(lang, "webinars/")
    for section in page(built, url).select("article section.hub-series"):
        link = section.select_one("h3 a")
        first = section.select_one("a.hub-title")
        slug = target(built, url, first["href"]).parent.name
        assert target(built, url, link["href"]) == series_file(built, lang, hub.by_slug[slug].data.series)
