"""The series in figures: computed from the YAML, equal to the seed's, localized, charted accessibly."""

from __future__ import annotations

import re

import pytest
from babel.numbers import parse_decimal

from conftest import LANGS, LANGUAGES, lang_url, page
from hub.localize import Formatter

# CDIP/25/3, paragraph 14 (registrations, participants, survey response rate) and 19 (budget).
SEED = [(161, 77, 56), (159, 56, 30), (273, 92, 52), (209, 58, 43), (98, 32, 50), (155, 67, 61), (91, 26, 65),
        (535, 62, 3)]


def pilot(site, lang):
    """The pilot series' section of the figures page (the page also has the later series)."""
    return page(site, lang_url(lang, "figures/")).select_one('section[aria-labelledby="figures-pilot-2019"]')


def number(text: str, lang: str) -> float:
    """A localized number read back with Babel's parser (percent signs and currency names removed)."""
    core = re.sub(r"^[^\d]+|[^\d]+$", "", text)
    return float(parse_decimal(core, locale=LANGUAGES.by_code[lang].babel_locale, strict=False))


@pytest.mark.parametrize("lang", LANGS)
def test_table_rows_equal_the_seed_and_attendance_is_computed(real_site, lang):
    soup = pilot(real_site, lang)
    rows = soup.select(".hub-figures-table tbody tr")
    assert len(rows) == 8
    for row, (registrations, participants, survey) in zip(rows, SEED):
        cells = [td.get_text(strip=True) for td in row.find_all("td")]
        assert number(cells[1], lang) == registrations
        assert number(cells[2], lang) == participants
        assert number(cells[3], lang) == round(100 * participants / registrations)
        assert number(cells[4], lang) == survey


@pytest.mark.parametrize("lang", LANGS)
def test_totals_averages_and_budget_use(real_site, lang):
    soup = pilot(real_site, lang)
    total = [td.get_text(strip=True) for td in soup.select(".hub-total td")]
    assert number(total[0], lang) == sum(r for r, _, _ in SEED) == 1681
    assert number(total[1], lang) == sum(p for _, p, _ in SEED) == 470
    assert number(total[2], lang) == round(100 * 470 / 1681)
    # A total of survey rates, and a mean of attendance rates, mean nothing: their cells say so to a screen reader.
    from hub.localize import Formatter

    average = [td.get_text(strip=True) for td in soup.select(".hub-average td")]
    assert total[3] == average[2] == Formatter(lang).t("not_applicable"), (total, average)
    assert all(cell.select_one(".md-visually-hidden") for cell in (soup.select(".hub-total td")[3],
                                                                   soup.select(".hub-average td")[2]))
    budget = [dd.get_text(strip=True) for dd in soup.select(".hub-budget dd")]
    assert number(budget[0], lang) == 75745 and number(budget[1], lang) == 56847
    assert number(budget[2], lang) == 75  # utilisation rate, as the report says
    assert "CHF" in budget[0] or "فرنك" in budget[0] or "瑞士法郎" in budget[0]


def test_french_formats_numbers_the_french_way(real_site):
    soup = pilot(real_site, "fr")
    total = soup.select(".hub-total td")[0].get_text().replace("\u202f", " ").replace("\xa0", " ")
    assert total == "1 681"
    assert soup.select(".hub-budget dd")[2].get_text().replace("\u202f", " ").replace("\xa0", " ") == "75 %"


@pytest.mark.parametrize("lang", LANGS)
def test_chart_is_html_with_a_text_alternative_and_bars_to_scale(real_site, lang):
    """An HTML chart (no SVG text placed by font metrics): an image named by its caption and described by a
    summary, an HTML legend, each bar's value printed as text, bar lengths on one scale."""
    soup = pilot(real_site, lang)
    assert soup.select_one(".hub-chart svg") is None
    plot = soup.select_one(".hub-chart .hub-chart__plot")
    assert plot["role"] == "img"
    labelled = [soup.find(id=i) for i in plot["aria-labelledby"].split() + plot["aria-describedby"].split()]
    assert all(element is not None and element.get_text(strip=True) for element in labelled)
    f = Formatter(lang)
    legend = [li.get_text(strip=True) for li in soup.select(".hub-chart .hub-chart__legend li")]
    assert legend == [f.t("registrations"), f.t("participants")]
    bars = plot.select(".hub-chart__bar")
    assert len(bars) == 16
    shares = [float(bar["style"].removeprefix("--hub-share:").strip()) for bar in bars]
    values = [value for r, p, _ in SEED for value in (r, p)]
    assert [value.get_text() for value in plot.select(".hub-chart__value")] == [f.number(v) for v in values]
    ratios = {round(share / value, 6) for share, value in zip(shares, values)}
    assert max(ratios) - min(ratios) < 1e-4 and max(shares) == 1  # one scale; the longest bar is whole
    assert [label.get_text() for label in plot.select(".hub-chart__label")][:2] == [f.numeral(1), f.numeral(2)]  # data order
    assert soup.select_one(".hub-figures-table caption")  # the same data as a table


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("site_name", ["real_site", "figures_site"])
def test_no_column_of_a_figures_table_is_only_dashes(request, site_name, lang):
    """A series whose webinars give no value for a figure has no column for it (the later webinars
    publish participants and countries only)."""
    soup = page(request.getfixturevalue(site_name), lang_url(lang, "figures/"))
    tables = soup.select("table.hub-figures-table")
    assert tables
    for table in tables:
        headers = [th.get_text(strip=True) for th in table.select("thead th")][1:]
        rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
        assert rows and all(len(row) == len(headers) for row in rows), (headers, rows)
        for index, header in enumerate(headers):
            assert any(row[index] not in ("", "—") for row in rows), f"{header}: only dashes"
