"""Bar charts drawn as SVG on the server: plain data here, the markup in templates/reports/_chart.html.

Bars are sized in per cent of the chart's width and the text in CSS pixels, so the chart reads the
same at 360 px and at 1280 px without scaling the letters; colours come from the site's stylesheet
(the Content-Security-Policy allows no inline style).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.reports.tables import Table, show

ROW_HEIGHT = 44
LABEL_CHARS = 40
# The longest bar takes this share of the width; the figure is written just after the bar's end.
BAR_SPAN = 68


@dataclass(frozen=True)
class Bar:
    label: str
    full_label: str
    value_text: str
    width: float  # per cent of the chart's width (at most BAR_SPAN)
    negative: bool
    y: int


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]

    @property
    def height(self) -> int:
        return ROW_HEIGHT * len(self.bars)


def short(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(table: Table, *, title: str, locale: str) -> BarChart | None:
    """One bar per row of the table for its charted column; None when every value is zero."""
    if not table.chart_value or not table.rows:
        return None
    kind = table.column(table.chart_value).kind
    values = [row.get(table.chart_value) or 0 for row in table.rows]
    largest = max(abs(v) for v in values)
    if not largest:
        return None
    bars = []
    for index, (row, value) in enumerate(zip(table.rows, values, strict=True)):
        label = str(row.get(table.chart_label, ""))
        width = round(float(abs(value)) * BAR_SPAN / float(largest), 2)
        bars.append(
            Bar(
                label=short(label),
                full_label=label,
                value_text=show(value, kind, locale),
                width=max(width, 0.5) if value else 0,
                negative=value < 0,
                y=index * ROW_HEIGHT,
            )
        )
    return BarChart(title=title, bars=bars)
