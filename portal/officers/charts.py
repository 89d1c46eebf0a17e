"""Bar charts drawn on the server as SVG with pygal. They load nothing and run nothing: pygal's script and comments
(which name its website) are removed, and the page shows the same figures in a table beside each chart."""

from __future__ import annotations

import re
import sys
from html import escape

import pygal
from pygal.style import Style

# pygal adds an import hook for its old "pygal.maps" plugins that warns (ImportWarning) on every later import of any
# module; no maps are used here, so take it out again.
sys.meta_path[:] = [finder for finder in sys.meta_path if type(finder).__name__ != "PluginImportFixer"]

# GOV.UK Design System colours, Arial (no web fonts on a council network).
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#0b0c0c",
    foreground_strong="#0b0c0c",
    foreground_subtle="#b1b4b6",
    opacity="1",
    opacity_hover="1",
    colors=("#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#505a5f"),
    font_family="Arial, sans-serif",
    label_font_size=14,
    major_label_font_size=14,
    value_font_size=14,
    legend_font_size=14,
    title_font_size=18,
)

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)
_TITLE = re.compile(r"<title>.*?</title>", re.S)


def _clean(svg: str, title: str) -> str:
    svg = _COMMENT.sub("", svg)
    svg = _SCRIPT.sub("", svg)
    return _TITLE.sub(f"<title>{escape(title)}</title>", svg, count=1)


def bar_chart(title: str, series: list[tuple[str, int]]) -> str:
    """A horizontal bar chart of labelled counts."""
    chart = pygal.HorizontalBar(
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        show_legend=False,
        print_values=True,
        print_zeroes=True,
        width=800,
        height=max(160, 60 + 40 * len(series)),
        margin=10,
        truncate_label=60,
        show_y_guides=False,
        no_data_text="No cases",
        tooltip_border_radius=0,
    )
    # pygal draws the first value at the bottom; reversed, the chart reads top to bottom like the table.
    chart.x_labels = [label for label, _count in reversed(series)]
    chart.add("Cases", [count for _label, count in reversed(series)])
    return _clean(chart.render(is_unicode=True), title)


def grouped_bar_chart(title: str, groups: list[str], rows: list[tuple[str, list[int]]]) -> str:
    """A bar chart with one bar per group (e.g. term) for each row (e.g. school)."""
    chart = pygal.Bar(
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        show_legend=True,
        legend_at_bottom=True,
        print_values=False,
        width=800,
        height=360,
        margin=10,
        truncate_label=25,
        x_label_rotation=20,
        no_data_text="No cases",
    )
    chart.x_labels = [label for label, _counts in rows]
    for index, group in enumerate(groups):
        chart.add(group, [counts[index] for _label, counts in rows])
    return _clean(chart.render(is_unicode=True), title)
