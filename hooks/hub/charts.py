"""Geometry of the bar charts drawn as inline SVG at build time (the markup is a template).

Bars of registrations and participants per webinar, mirrored for right-to-left languages so that the
first webinar stands where a reader of the page starts.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 300
MARGIN_TOP = 20
MARGIN_BOTTOM = 40
MARGIN_SIDE = 50
BAR_GAP = 4


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int  # 0 = first measure (registrations), 1 = second (participants)
    value_label: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Group:
    label: str
    label_x: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    groups: tuple[Group, ...]
    ticks: tuple[Tick, ...]
    axis_x: float  # where the value axis stands
    axis_y: float  # the baseline
    rtl: bool = False  # the page's direction (languages.BY_CODE[lang].rtl): mirrored ticks and legend
    legend_x: float = MARGIN_SIDE  # where the legend's one line of text starts (its end in right-to-left)


def _nice_step(maximum: float) -> float:
    """A round tick step giving about five ticks."""
    raw = maximum / 5 or 1
    magnitude = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def grouped_bars(labels: list[str], values: list[tuple[float, float]], value_label, rtl: bool) -> BarChart:
    """Chart of two measures per group; ``value_label`` formats a number in the page's language."""
    plot_width = WIDTH - 2 * MARGIN_SIDE
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    maximum = max((max(pair) for pair in values), default=0) or 1
    step = _nice_step(maximum)
    top = step * -(-maximum // step)
    scale = plot_height / top
    baseline = MARGIN_TOP + plot_height
    slot = plot_width / max(1, len(labels))
    bar_width = (slot - 3 * BAR_GAP) / 2

    def place(x: float, width: float) -> float:
        return WIDTH - x - width if rtl else x

    groups = []
    for index, (label, pair) in enumerate(zip(labels, values)):
        slot_x = MARGIN_SIDE + index * slot
        bars = []
        for measure, value in enumerate(pair):
            height = value * scale
            x = place(slot_x + BAR_GAP + measure * (bar_width + BAR_GAP), bar_width)
            bars.append(Bar(round(x, 1), round(baseline - height, 1), round(bar_width, 1), round(height, 1),
                            measure, value_label(value), round(x + bar_width / 2, 1), round(baseline - height - 4, 1)))
        groups.append(Group(label, round(place(slot_x, slot) + slot / 2, 1), tuple(bars)))
    ticks = tuple(Tick(round(baseline - tick * step * scale, 1), value_label(tick * step))
                  for tick in range(int(top // step) + 1))
    axis_x = WIDTH - MARGIN_SIDE if rtl else MARGIN_SIDE
    legend_x = WIDTH - MARGIN_SIDE if rtl else MARGIN_SIDE
    return BarChart(WIDTH, HEIGHT, tuple(groups), ticks, axis_x, baseline, rtl, legend_x)
