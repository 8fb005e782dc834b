"""A series' page: its webinars, period, decision, programme, figures and materials."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..figures import series_figures
from ..localize import Shown
from .cards import WebinarCard, series_card, webinar_card
from .context import PageContext
from .figures_page import series_figures_view
from .webinar_page import decision_view


@dataclass
class SeriesPage:
    card: dict[str, Any]  # series_card: title, description, how many webinars, their dates
    period: str | None  # as the data gives it (a year or a short text); never worked out from the dates
    decision: Shown | None
    decision_explained: Shown | None
    programme: list[Shown]
    webinars: list[WebinarCard]  # by number in the series
    figures: dict[str, Any] | None  # series_figures_view, when some webinar has figures or the series a budget
    materials: dict | None


def series_page(ctx: PageContext, series_id: str) -> SeriesPage:
    series = ctx.hub.series[series_id]
    webinars = ctx.hub.in_series.get(series_id, ())
    figures = series_figures(ctx.hub, series_id)
    decision, decision_explained = decision_view(ctx, series)
    return SeriesPage(
        card=series_card(ctx, series_id),
        period=str(series.period) if series.period not in (None, "") else None,
        decision=decision,
        decision_explained=decision_explained,
        programme=[ctx.text(step) for step in series.programme],
        webinars=[webinar_card(ctx, w) for w in webinars],
        figures=None if figures.empty else series_figures_view(ctx, figures),
        materials=ctx.markdown(series.materials),
    )
