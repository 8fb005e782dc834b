"""Approximate figures ("more than 5,000") are shown as published and never summed, averaged, charted or
used in a rate; webinars without figures or numbers leave the figures page correct (fictional fixture)."""

from __future__ import annotations

import csv
from datetime import date
import json

import pytest

from conftest import LANGS, lang_url, page
from hub.localize import Formatter
from hub.schema import Approximate
from test_figures import number

EXACT = "webinars/2021-01-10-exact/"
APPROXIMATE = "webinars/2021-02-10-approximate/"
NO_FIGURES = "webinars/2021-03-10-no-figures/"
VAGUE = "webinars/2021-04-10-only-approximate/"


def clean(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def section(site, lang, series_id):
    return page(site, lang_url(lang, "figures/")).select_one(f'section[aria-labelledby="figures-{series_id}"]')


@pytest.mark.parametrize("lang", LANGS)
def test_totals_and_means_over_exact_figures_only(figures_site, lang):
    mixed = section(figures_site, lang, "mixed-series")
    rows = mixed.select(".hub-figures-table tbody tr")
    assert len(rows) == 2  # the webinar without figures is not a row of zeros
    total = [td.get_text(strip=True) for td in mixed.select(".hub-total td")]
    # Columns: registrations, participants, countries, attendance rate, survey.
    assert number(total[0], lang) == 6100  # 100 + 6 000, both exact
    assert number(total[1], lang) == 40  # not 5 040: "more than 5 000" is not added
    assert number(total[3], lang) == 40  # 40 / 100, only the webinar with both figures exact
    mean = [td.get_text(strip=True) for td in mixed.select(".hub-average td")]
    assert number(mean[0], lang) == 3050 and number(mean[1], lang) == 40  # means over 2 and over 1 webinars
    f = Formatter(lang)
    counted = clean(mixed.select_one(".hub-figures-counted").get_text())
    assert counted == clean(f.t("figures_counted", registrations="2", participants="1", surveys="1"))
    assert clean(mixed.select_one(".hub-figures-approximate").get_text()) == clean(f.t("figures_approximate"))


@pytest.mark.parametrize("lang", LANGS)
def test_approximate_figures_listed_as_such(figures_site, lang):
    f = Formatter(lang)
    row = section(figures_site, lang, "mixed-series").select(".hub-figures-table tbody tr")[1]
    cells = [clean(td.get_text()) for td in row.find_all("td")]
    assert cells[2] == clean(f.figure(Approximate(5000)))
    assert cells[3] == clean(f.figure(Approximate(70)))
    assert cells[4] == "—"  # no attendance rate from an approximate figure
    webinar = page(figures_site, lang_url(lang, APPROXIMATE))
    assert clean(webinar.select_one(".hub-participants").get_text()) == clean(f.figure(Approximate(5000)))
    assert f.t("attendance_rate") not in webinar.select_one(".hub-stats").get_text()


@pytest.mark.parametrize("lang", LANGS)
def test_a_series_with_only_approximate_figures_has_no_totals(figures_site, lang):
    vague = section(figures_site, lang, "vague-series")
    assert vague.select(".hub-figures-table tbody tr")
    assert vague.select_one(".hub-total") is None and vague.select_one(".hub-average") is None
    assert vague.select_one(".hub-chart") is None
    assert vague.select_one(".hub-figures-approximate")
    # Unnumbered: the row is headed by its date, not "None".
    assert "None" not in vague.get_text()
    assert vague.select_one("tbody th time")["datetime"] == "2021-04-10"


def test_chart_only_draws_exact_pairs(figures_site):
    mixed = section(figures_site, "en", "mixed-series")
    bars = mixed.select(".hub-chart__bar")
    assert len(bars) == 2  # webinar I only: webinar II's participants are approximate


def test_open_data_keeps_approximate_figures_apart(figures_site):
    records = {r["slug"]: r for r in json.loads((figures_site / "webinars.json").read_text())["webinars"]}
    assert records["2021-02-10-approximate"]["stats"]["participants"] == {"more_than": 5000}
    assert records["2021-02-10-approximate"]["attendance_rate"] is None
    with open(figures_site / "webinars.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {row["slug"]: row for row in csv.DictReader(handle)}
    assert sum(int(row["participants"] or 0) for row in rows.values()) == 40  # summing a column adds no guess
    assert rows["2021-02-10-approximate"]["participants_more_than"] == "5000"
    assert rows["2021-02-10-approximate"]["countries_more_than"] == "70"
    assert rows["2021-02-10-approximate"]["format"] == "in-person"


@pytest.mark.parametrize("lang", LANGS)
def test_past_webinar_never_offers_registration(figures_site, lang):
    """Registration data on a past webinar stays off its page (only upcoming pages offer it)."""
    soup = page(figures_site, lang_url(lang, APPROXIMATE))
    assert soup.select_one(".hub-registration") is None
    assert "https://example.org/register/past" not in str(soup)


@pytest.mark.parametrize("lang", LANGS)
def test_webinar_without_figures_number_or_language(figures_site, lang):
    f = Formatter(lang)
    soup = page(figures_site, lang_url(lang, NO_FIGURES))
    assert soup.select_one(".hub-stats") is None and soup.select_one("#figures") is None
    assert soup.title.get_text().startswith("Fictional webinar without figures")
    # A past webinar whose language no source gives leaves it out (empty is not content).
    assert f.t("language_unknown") not in soup.select_one(".hub-facts-panel").get_text()
    assert f.t("language") not in [dt.get_text(strip=True) for dt in soup.select(".hub-facts-panel dt")]
    pager = soup.select_one(".hub-pager").get_text(" ", strip=True)
    assert "None" not in pager
    card = [c for c in page(figures_site, lang_url(lang, "webinars/")).select(".hub-webinar-card")
            if "2021-03-10" in c.select_one("time")["datetime"]][0]
    assert card.select_one(".hub-number") is None
    assert card.select_one(".hub-language") is None
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description == f.webinar_line(None, date(2021, 3, 10), None)


def test_moderators_are_shown_apart_from_speakers(figures_site):
    soup = page(figures_site, APPROXIMATE)
    assert [a.get_text() for a in soup.select(".hub-moderators a")] == ["Moe Moderator"]
    assert [a.get_text() for a in soup.select(".hub-speakers a")] == ["Sam Speaker"]
    assert soup.select_one(".hub-speakers .hub-expert-card__country").get_text(strip=True).endswith("Kenya")


# The sums, means and rates themselves, from the pipeline (hub/figures.py), over a series whose webinars each
# miss a different figure: a mean is over the webinars that give that figure, never over all of them.

def _series(tmp_path, *stats: str):
    from datetime import date

    from hub.catalog import load_catalog
    from hub.figures import series_figures
    from hub.model import build_hub
    from test_validation import WEBINAR, write_data

    files = {f"w{n}.yml": WEBINAR.replace("number: 1", f"number: {n + 2}").replace("2030-05-02", f"2020-05-0{n + 1}")
             + "stats:\n" + "".join(f"  {line}\n" for line in block.split("; ")) for n, block in enumerate(stats)}
    root = write_data(tmp_path, **files)
    hub = build_hub(load_catalog(root), date(2026, 6, 1))
    return series_figures(hub, "test-series")


def test_each_mean_is_over_the_webinars_that_give_the_figure(tmp_path):
    figures = _series(tmp_path,
                      "registrations: 100; participants: 50; countries: 10; survey_response_rate: 40",
                      "registrations: {more_than: 250}; participants: 30",
                      "participants: 70; countries: 5",
                      "survey_response_rate: 60")
    assert (figures.registrations, figures.counted_registrations, figures.mean_registrations) == (100, 1, 100)
    assert (figures.participants, figures.counted_participants, figures.mean_participants) == (150, 3, 50)
    assert (figures.counted_surveys, figures.mean_survey_response_rate) == (2, 50)
    assert figures.attendance_rate == 50  # only the webinar with both figures exact: 50 of 100
    assert figures.approximate


def test_an_approximate_count_of_countries_alone_is_said_approximate(tmp_path):
    figures = _series(tmp_path, "registrations: 100; participants: 50; countries: {more_than: 20}")
    assert figures.approximate and figures.registrations == 100


def test_exact_figures_only_are_not_said_approximate(tmp_path):
    figures = _series(tmp_path, "registrations: 100; participants: 50; countries: 20")
    assert not figures.approximate
