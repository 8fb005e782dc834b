"""What the bar charts show, as shares of the longest bar: the markup (a template) and the page's CSS lay it out.

Registrations and participants per webinar, one row per webinar: its label, then each measure's bar with its
value after it. No position is computed here from the length of a text, so no font (wider or
narrower than the one the site asks for, any script) can make two texts meet; the browser's layout mirrors
the chart in right-to-left languages (CSS logical properties), so there is nothing to mirror here either.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    series: int  # 0 = first measure (registrations), 1 = second (participants)
    share: float  # the bar's length as a share of the longest bar's, 0-1
    value_label: str


@dataclass(frozen=True)
class Group:
    label: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class BarChart:
    groups: tuple[Group, ...]


def grouped_bars(labels: list[str], values: list[tuple[float, float]], value_label) -> BarChart:
    """Chart of two measures per group; ``value_label`` formats a number in the page's language."""
    maximum = max((max(pair) for pair in values), default=0) or 1
    return BarChart(tuple(
        Group(label, tuple(Bar(measure, round(value / maximum, 4), value_label(value))
                           for measure, value in enumerate(pair)))
        for label, pair in zip(labels, values)))
