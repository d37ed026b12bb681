"""Bar and line charts of a Table, drawn on the server as SVG.

No script library and no CDN: the chart is markup the page's nonce CSP allows as it is (colours
are SVG presentation attributes, never `style=""`). The chart is a picture for sighted readers
(`role="img"` with a title); the data table that follows it carries the same figures for
everyone, and a suppressed cell is drawn as no bar (labelled "fewer than 5") or as a gap in
the line.

The series are the columns with the unit of the table's first figure column (rates are not
drawn on the axis of counts).
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from insights.formatting import cell_text
from insights.tables import Suppressed, Table

# Colours with at least 4.5:1 contrast on white, distinct for common colour blindness.
PALETTE = ("#1d4e89", "#b45309", "#0f766e", "#7e22ce")
WIDTH = 720
LABEL_WIDTH = 240
BAR_HEIGHT = 16
PLOT_HEIGHT = 220


def _series(table: Table) -> list[int]:
    figures = [i for i, column in enumerate(table.columns) if column.unit != "label"]
    if not figures:
        return []
    unit = table.columns[figures[0]].unit
    return [i for i in figures if table.columns[i].unit == unit][: len(PALETTE)]


def _top(table: Table, series: list[int]) -> float:
    values = [
        row[i] for row in table.rows for i in series if isinstance(row[i], int | float) and row[i]
    ]
    if table.columns[series[0]].unit == "percent":
        return 100.0
    return float(max(values, default=1))


def _legend(table: Table, series: list[int], y: int) -> SafeString:
    """One line per series (labels are long), above the plot."""
    return format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect>'
        '<text x="{}" y="{}" class="insights-chart__legend">{}</text>',
        (
            (
                LABEL_WIDTH,
                y + n * 18,
                PALETTE[n],
                LABEL_WIDTH + 16,
                y + n * 18 + 11,
                table.columns[i].label,
            )
            for n, i in enumerate(series)
        ),
    )


def _legend_height(series: list[int]) -> int:
    return 18 * len(series) + 10


def bar_chart(table: Table) -> SafeString:
    series = _series(table)
    if not series or not table.rows:
        return SafeString("")
    top = _top(table, series)
    group = BAR_HEIGHT * len(series) + 10
    top_y = _legend_height(series)
    height = top_y + 6 + group * len(table.rows)
    plot = WIDTH - LABEL_WIDTH - 90
    parts = [_legend(table, series, 4)]
    for r, row in enumerate(table.rows):
        y0 = top_y + r * group
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="insights-chart__label">{}</text>',
                LABEL_WIDTH - 8,
                y0 + group / 2,
                str(row[0])[:38],
            )
        )
        for n, i in enumerate(series):
            value = row[i]
            y = y0 + n * BAR_HEIGHT
            text = cell_text(value, table.columns[i].unit)
            if isinstance(value, Suppressed) or not isinstance(value, int | float):
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" class="insights-chart__value">{}</text>',
                        LABEL_WIDTH + 4,
                        y + BAR_HEIGHT - 4,
                        text or _("no figure"),
                    )
                )
                continue
            length = round(plot * value / top, 1) if top else 0
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" data-value="{}">'
                    "</rect>"
                    '<text x="{}" y="{}" class="insights-chart__value">{}</text>',
                    LABEL_WIDTH,
                    y + 1,
                    length,
                    BAR_HEIGHT - 2,
                    PALETTE[n],
                    value,
                    LABEL_WIDTH + length + 4,
                    y + BAR_HEIGHT - 4,
                    text,
                )
            )
    return _svg(table, height, format_html_join("", "{}", ((part,) for part in parts)))


def line_chart(table: Table) -> SafeString:
    series = _series(table)
    if not series or not table.rows:
        return SafeString("")
    top = _top(table, series)
    left, right, plot_top = 60, WIDTH - 20, _legend_height(series) + 10
    bottom = plot_top + PLOT_HEIGHT
    step = (right - left) / max(len(table.rows) - 1, 1)
    parts = [_legend(table, series, 4)]
    for fraction in (0, 0.5, 1):  # the axis: zero, half and the top
        y = bottom - fraction * PLOT_HEIGHT
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#8a8a8a" stroke-width="1"></line>'
                '<text x="{}" y="{}" text-anchor="end" class="insights-chart__axis">{}</text>',
                left,
                right,
                y,
                y,
                left - 6,
                y + 4,
                cell_text(round(top * fraction, 1), table.columns[series[0]].unit),
            )
        )
    every = max(1, len(table.rows) // 8)
    for r, row in enumerate(table.rows):
        if r % every == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" class="insights-chart__axis">{}'
                    "</text>",
                    round(left + r * step, 1),
                    bottom + 18,
                    row[0],
                )
            )
    for n, i in enumerate(series):
        runs: list[list[str]] = [[]]
        for r, row in enumerate(table.rows):
            value = row[i]
            if isinstance(value, Suppressed) or not isinstance(value, int | float):
                runs.append([])  # a gap where the figure is hidden
                continue
            x, y = round(left + r * step, 1), round(bottom - PLOT_HEIGHT * value / top, 1)
            runs[-1].append(f"{x},{y}")
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="3" fill="{}" data-value="{}"></circle>',
                    x,
                    y,
                    PALETTE[n],
                    value,
                )
            )
        for run in runs:
            if len(run) > 1:
                parts.append(
                    format_html(
                        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2">'
                        "</polyline>",
                        " ".join(run),
                        PALETTE[n],
                    )
                )
    return _svg(table, bottom + 30, format_html_join("", "{}", ((part,) for part in parts)))


def _svg(table: Table, height: int, body: SafeString) -> SafeString:
    return format_html(
        '<svg class="insights-chart" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="chart-{}-title" data-table="{}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-{}-title">{}</title>{}</svg>',
        WIDTH,
        height,
        table.key,
        table.key,
        table.key,
        _("Chart: %(title)s (the table below gives the figures)") % {"title": table.title},
        body,
    )


def chart(table: Table) -> SafeString:
    if table.chart == "bar":
        return bar_chart(table)
    if table.chart == "line":
        return line_chart(table)
    return SafeString("")
