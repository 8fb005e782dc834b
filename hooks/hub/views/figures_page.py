"""The figures of each series (table, chart, budget), for the figures page and the series' pages."""

from __future__ import annotations

from typing import Any

from ..charts import grouped_bars
from ..figures import SeriesFigures, all_series_figures
from ..model import exact
from ..urls import series_path
from .cards import webinar_card
from .context import PageContext


FIGURE_COLUMNS = ("language", "registrations", "participants", "countries", "attendance_rate",
                  "survey_response_rate")


def figures_view(ctx: PageContext) -> list[dict[str, Any]]:
    """Every series' figures, formatted for the page's language, with its chart's bars."""
    return [series_figures_view(ctx, figures) for figures in all_series_figures(ctx.hub)]


def series_figures_view(ctx: PageContext, figures: SeriesFigures) -> dict[str, Any]:
    """One series' figures (``figures.series_figures``) for the page's language: its table's rows, chart and budget;
    the figures page and the series' own page show the same."""
    f = ctx.f

    def maybe(value, formatter):
        return formatter(value) if value is not None else None

    series = ctx.hub.series.get(figures.series_id)
    rows = []
    for webinar in figures.webinars:
        stats = webinar.data.stats
        card = webinar_card(ctx, webinar)
        rows.append({
            "card": card,
            "label": card.number or card.date,  # the one date style of the language
            "language": card.language if card.language_known else None,
            "registrations": maybe(stats.registrations, f.figure),
            "participants": maybe(stats.participants, f.figure),
            "countries": maybe(stats.countries, f.figure),
            "attendance_rate": maybe(webinar.attendance_rate, lambda v: f.percent(round(v))),
            "survey_response_rate": maybe(stats.survey_response_rate, f.percent),
        })
    # Only exact figures are charted: a bar for "more than 250" would draw 250 as if it were known.
    charted = [w for w in figures.webinars
               if exact(w.data.stats.registrations) is not None and exact(w.data.stats.participants) is not None]
    chart = grouped_bars([f.numeral(w.data.number) or f.date(w.data.date, "short")
                          for w in charted],
                         [(w.data.stats.registrations, w.data.stats.participants) for w in charted],
                         f.number) if charted else None
    budget = figures.budget
    return {
        "id": figures.series_id,
        "title": ctx.text(series.title) if series else None,
        "url": ctx.link(series_path(figures.series_id)) if series else None,
        "rows": rows,
        # Only the columns some webinar of the series has a value for: no column of dashes.
        "columns": [name for name in FIGURE_COLUMNS if any(row[name] for row in rows)],
        "approximate": figures.approximate,
        "has_exact": bool(figures.counted_registrations or figures.counted_participants
                          or figures.counted_surveys),
        "counted": f.t("figures_counted", registrations=f.number(figures.counted_registrations),
                       participants=f.number(figures.counted_participants),
                       surveys=f.number(figures.counted_surveys)),
        "chart": chart,
        "chart_summary": f.t("chart_summary", count=f.number(len(charted)),
                             registrations=f.number(sum(w.data.stats.registrations for w in charted)),
                             participants=f.number(sum(w.data.stats.participants for w in charted))),
        "totals": {
            "registrations": maybe(figures.registrations, f.number),
            "participants": maybe(figures.participants, f.number),
            "attendance_rate": maybe(figures.attendance_rate, lambda v: f.percent(round(v))),
        },
        "means": {
            "registrations": maybe(figures.mean_registrations, lambda v: f.number(round(v, 1))),
            "participants": maybe(figures.mean_participants, lambda v: f.number(round(v, 1))),
            "survey_response_rate": maybe(figures.mean_survey_response_rate, lambda v: f.percent(round(v))),
        },
        "budget": {
            "planned": f.money(budget.planned, budget.currency),
            "spent": f.money(budget.spent, budget.currency) if budget.spent is not None else None,
            "use": maybe(figures.budget_use, lambda v: f.percent(round(v))),
        } if budget else None,
    }
