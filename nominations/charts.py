"""Horizontal bar charts drawn on the server as SVG (templates/_bar_chart.html), each with
its figures in words and as a table, for those who cannot see it."""

from django.utils.translation import gettext as _

WIDTH = 360  # narrow on purpose: it scales down to a phone's width, its text still readable
ROW = 40
BAR = 14
FIGURE = 44  # room right of the track for the figure
COLOUR = "#0b5394"


def bar_chart(rows, *, colours=None) -> dict:
    """`rows` are (key, label, count): one row each, its label above its bar, its figure right
    of the bar's track; `colours` may give a key its own colour."""
    rows = list(rows)
    colours = colours or {}
    top = max((count for _key, _label, count in rows), default=0)
    span = WIDTH - FIGURE
    bars = []
    for i, (key, label, count) in enumerate(rows):
        y = i * ROW
        bars.append(
            {
                "key": key,
                "label": label,
                "count": count,
                "label_y": y + 14,
                "bar_y": y + 20,
                "width": round(span * count / top) if top else 0,
                "figure_y": y + 20 + BAR - 2,
                "colour": colours.get(key, COLOUR),
            }
        )
    total = sum(bar["count"] for bar in bars)
    figures = "; ".join(
        _("%(label)s: %(count)d") % {"label": bar["label"], "count": bar["count"]} for bar in bars
    )
    return {
        "width": WIDTH,
        "height": len(bars) * ROW,
        "bar_height": BAR,
        "span": span,
        "figure_x": span + 8,
        "bars": bars,
        "total": total,
        "figures": figures,
    }
