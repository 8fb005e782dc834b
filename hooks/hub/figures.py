"""The series in figures: per-webinar numbers, totals, averages and budget use, computed from the data.

Numbers are never typed twice: every figure on the figures page, in charts and tables, comes from here.
Totals, averages and rates are computed over exact figures only: an approximate figure ("more than 250",
``schema.Approximate``) is listed as published, never summed, averaged, charted or used in a rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

from .model import Hub, WebinarFacts, exact
from .schema import Budget


@dataclass(frozen=True)
class SeriesFigures:
    series_id: str
    webinars: tuple[WebinarFacts, ...]  # those with figures, by number
    registrations: int | None  # sum of the exact figures; None when there is none
    participants: int | None
    counted_registrations: int  # how many webinars the sums and means are over
    counted_participants: int
    counted_surveys: int
    approximate: bool  # some figures are approximate (listed, not counted)
    attendance_rate: float | None  # all participants ÷ all registrations, percent
    mean_registrations: float | None
    mean_participants: float | None
    mean_survey_response_rate: float | None
    budget: Budget | None

    @property
    def empty(self) -> bool:
        """Nothing to show: no webinar with figures, no budget."""
        return not self.webinars and not self.budget

    @property
    def budget_use(self) -> float | None:
        """Share of the planned budget spent, in percent."""
        if not self.budget or self.budget.spent is None or not self.budget.planned:
            return None
        return 100 * self.budget.spent / self.budget.planned


def _values(webinars, name: str) -> list[float]:
    """The exact values of one figure (approximate ones left out)."""
    values = (getattr(w.data.stats, name) for w in webinars)
    return [value for value in values if isinstance(value, (int, float))]


def _approximate(webinars) -> bool:
    return any(getattr(w.data.stats, name) is not None and exact(getattr(w.data.stats, name)) is None
               for w in webinars for name in ("registrations", "participants", "countries"))


def series_figures(hub: Hub, series_id: str) -> SeriesFigures:
    webinars = tuple(w for w in hub.in_series.get(series_id, ()) if w.data.stats)
    registrations = _values(webinars, "registrations")
    participants = _values(webinars, "participants")
    surveys = _values(webinars, "survey_response_rate")
    paired = [w for w in webinars if w.attendance_rate is not None]
    paired_registrations = sum(w.data.stats.registrations for w in paired)
    paired_participants = sum(w.data.stats.participants for w in paired)
    return SeriesFigures(
        series_id=series_id,
        webinars=webinars,
        registrations=int(sum(registrations)) if registrations else None,
        participants=int(sum(participants)) if participants else None,
        counted_registrations=len(registrations),
        counted_participants=len(participants),
        counted_surveys=len(surveys),
        approximate=_approximate(webinars),
        attendance_rate=100 * paired_participants / paired_registrations if paired_registrations else None,
        mean_registrations=mean(registrations) if registrations else None,
        mean_participants=mean(participants) if participants else None,
        mean_survey_response_rate=mean(surveys) if surveys else None,
        budget=hub.series[series_id].budget if series_id in hub.series else None,
    )


def all_series_figures(hub: Hub) -> list[SeriesFigures]:
    """Figures of every series that has webinars with figures or a budget, most recent series first."""
    result = [series_figures(hub, series_id) for series_id in hub.series]
    result = [figures for figures in result if not figures.empty]
    return sorted(result, key=lambda f: max((w.data.date for w in f.webinars), default=hub.today), reverse=True)
