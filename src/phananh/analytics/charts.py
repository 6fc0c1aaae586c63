"""Small server-rendered SVG charts: no JavaScript, no CDN, readable on a slow phone."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_COLOUR = "#7a1f2b"
LINE_COLOUR = "#1d4ed8"


def _num(value: float) -> str:
    """A number as the reader writes it (decimal comma in Vietnamese)."""
    return number_format(value if value != int(value) else int(value))


def bars(rows: Sequence[tuple[str, float]], *, unit: str = "", width: int = 640) -> SafeString:
    """Horizontal bars with their label and value, for rankings and breakdowns.

    The labels and values are HTML text (whole, wrapping, at the page's font size: an SVG
    scaled down to a phone made them 8 px and cut them); only each bar is a tiny SVG.
    """
    if not rows:
        return mark_safe("")
    top = max(value for _label, value in rows) or 1
    parts = ['<ol class="chart bars">']
    for label, value in rows:
        share = 100 * value / top
        parts.append(
            f'<li><span class="bar-label">{escape(str(label))}</span>'
            '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">'
            f'<rect width="{share:.1f}" height="10" fill="{BAR_COLOUR}" rx="1"/></svg>'
            f'<span class="bar-value">{_num(value)}{unit}</span></li>'
        )
    parts.append("</ol>")
    return mark_safe("".join(parts))  # noqa: S308 (every label above is escaped)


def line(
    points: Sequence[tuple[str, float | None]],
    *,
    width: int = 400,
    height: int = 160,
    unit: str = "",
    label: str = "",
) -> SafeString:
    """A line over time (days or months), with the first, middle and last labels.

    Drawn 400 units wide, so its 14-unit text stays 11 px or more in a phone's 320 px panel.
    """
    values = [v for _label, v in points if v is not None]
    if not values:
        return mark_safe("")
    pad_left, pad_bottom, pad_top = 44, 24, 12
    top = max(values) or 1
    span = max(len(points) - 1, 1)
    inner_w, inner_h = width - pad_left - 10, height - pad_bottom - pad_top

    def xy(index: int, value: float) -> tuple[float, float]:
        return pad_left + inner_w * index / span, pad_top + inner_h * (1 - value / top)

    path = " ".join(
        f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}"
        for i, (x, y) in ((i, xy(i, v)) for i, (_l, v) in enumerate(points) if v is not None)
    )
    parts = [
        f'<svg class="chart line" viewBox="0 0 {width} {height}" role="img" width="100%" '
        f'aria-label="{escape(label or _summary(points, unit))}">',
        f'<line x1="{pad_left}" y1="{pad_top + inner_h}" x2="{width - 10}" '
        f'y2="{pad_top + inner_h}" stroke="#ccd" />',
        f'<text x="{pad_left - 6}" y="{pad_top + 10}" text-anchor="end" font-size="14">'
        f"{_num(top)}{unit}</text>",
        f'<text x="{pad_left - 6}" y="{pad_top + inner_h}" text-anchor="end" '
        'font-size="14">0</text>',
        f'<path d="{path}" fill="none" stroke="{LINE_COLOUR}" stroke-width="2" />',
    ]
    last = len(points) - 1
    for index in sorted({0, len(points) // 2, last}):
        x, _y = xy(index, 0)
        # The end labels hang inwards so they are never cut off by the chart's edge.
        anchor = "start" if index == 0 else "end" if index == last else "middle"
        parts.append(
            f'<text x="{x:.1f}" y="{height - 4}" text-anchor="{anchor}" font-size="14">'
            f"{escape(points[index][0])}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (labels are escaped)


def _summary(points: Sequence[tuple[str, float | None]], unit: str) -> str:
    """What a screen reader hears for a line: its span and its range."""
    values = [v for _label, v in points if v is not None]
    return (
        f"{points[0][0]} – {points[-1][0]}: {_num(min(values))}{unit} – {_num(max(values))}{unit}"
    )


def heat(
    cells: Sequence[tuple[float, float, int]],
    *,
    width: int = 640,
    outlines: Sequence[Sequence[tuple[float, float]]] = (),
    label: str = "",
) -> SafeString:
    """A grid heat map of report density (each cell about 1 km), north up, over ward outlines.

    ``outlines`` are rings of (lon, lat) points: the wards, so a square can be placed.
    """
    if not cells:
        return mark_safe("")
    lats = [c[0] for c in cells]
    lons = [c[1] for c in cells]
    step = 0.01
    lat_min, lat_max = min(lats) - step, max(lats) + step
    lon_min, lon_max = min(lons) - step, max(lons) + step
    scale = width / max(lon_max - lon_min, 0.02)
    height = max(int((lat_max - lat_min) * scale), 120)
    peak = max(c[2] for c in cells)
    parts = [
        f'<svg class="chart heat" viewBox="0 0 {width} {height}" role="img" width="100%" '
        f'aria-label="{escape(label)}">'
    ]
    parts.append(f'<rect width="{width}" height="{height}" fill="#f4f5f7" />')
    for ring in outlines:
        points = " ".join(
            f"{(lon - lon_min) * scale:.1f},{(lat_max - lat) * scale:.1f}" for lon, lat in ring
        )
        parts.append(
            f'<polygon class="ward-outline" points="{points}" fill="none" stroke="#5b6675" '
            'stroke-width="1" />'
        )
    size = step * scale
    for lat, lon, count in cells:
        x = (lon - lon_min) * scale - size / 2
        y = (lat_max - lat) * scale - size / 2
        opacity = 0.15 + 0.85 * count / peak
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" height="{size:.1f}" '
            f'fill="#b42318" fill-opacity="{opacity:.2f}"><title>{count}</title></rect>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (numbers, and the escaped label)
