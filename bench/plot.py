"""Plot page latency against table size from the runs `http_times.py --out` recorded.

    python bench/plot.py var/times.json bench/latency.png [--label RELEASE]

One line per page: its p99 (solid) at each table size measured (100 k … 10 M reports, log
scale), the public (50 ms) and console (150 ms) goals as dashed lines. Drawn with Pillow (a
dependency already), so the picture needs nothing more than the project's own environment.
When several runs share a size, the latest one of the label counts.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 720
LEFT, RIGHT, TOP, BOTTOM = 90, 330, 60, 80
COLOURS = [
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
    (0, 0, 0),
]
GOALS = [(50.0, "public goal 50 ms"), (150.0, "console goal 150 ms")]


def series(runs: list[dict], label: str) -> dict[str, dict[int, float]]:
    """page → {table size → p99 ms}, the latest run per size."""
    by_page: dict[str, dict[int, float]] = {}
    for run in sorted(runs, key=lambda r: r.get("at", 0)):
        if label and run.get("label") != label:
            continue
        for page in run["pages"]:
            by_page.setdefault(page["page"], {})[run["reports"]] = page["p99"]
    return by_page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", help="the JSON file http_times.py --out wrote")
    parser.add_argument("png")
    parser.add_argument("--label", default="")
    parser.add_argument("--title", default="p99 latency against table size")
    args = parser.parse_args()
    data = series(json.loads(Path(args.runs).read_text()), args.label)
    if not data:
        raise SystemExit("no runs to plot")
    sizes = sorted({size for points in data.values() for size in points})
    values = [v for points in data.values() for v in points.values() if v > 0]
    x_low, x_high = math.log10(min(sizes)) - 0.1, math.log10(max(sizes)) + 0.1
    y_low = math.floor(math.log10(max(1.0, min(values))))
    y_high = math.ceil(math.log10(max(max(values), 200.0)))

    def x_of(size: float) -> float:
        return LEFT + (math.log10(size) - x_low) / (x_high - x_low) * (WIDTH - LEFT - RIGHT)

    def y_of(ms: float) -> float:
        share = (math.log10(max(ms, 10**y_low)) - y_low) / (y_high - y_low)
        return HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM)

    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=16)
    small = ImageFont.load_default(size=14)
    draw.text((LEFT, 18), args.title, fill="black", font=ImageFont.load_default(size=20))
    # Axes, grid and ticks.
    draw.rectangle([LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM], outline="black")
    for exponent in range(y_low, y_high + 1):
        y = y_of(10**exponent)
        draw.line([LEFT, y, WIDTH - RIGHT, y], fill=(225, 225, 225))
        draw.text((LEFT - 10, y), f"{10**exponent:g} ms", fill="black", font=small, anchor="rm")
    for size in sizes:
        x = x_of(size)
        draw.line([x, TOP, x, HEIGHT - BOTTOM], fill=(235, 235, 235))
        text = f"{size / 1e6:g} M" if size >= 1e6 else f"{size / 1e3:g} k"
        draw.text((x, HEIGHT - BOTTOM + 8), text, fill="black", font=small, anchor="mt")
    draw.text(
        ((LEFT + WIDTH - RIGHT) / 2, HEIGHT - 30),
        "reports in the table (log scale)",
        fill="black",
        font=font,
        anchor="mm",
    )
    for goal, text in GOALS:
        y = y_of(goal)
        for start in range(LEFT, WIDTH - RIGHT, 14):
            draw.line([start, y, min(start + 7, WIDTH - RIGHT), y], fill=(90, 90, 90), width=2)
        draw.text((LEFT + 6, y - 4), text, fill=(90, 90, 90), font=small, anchor="lb")
    # One line per page, and the legend.
    for index, (page, points) in enumerate(sorted(data.items())):
        colour = COLOURS[index % len(COLOURS)]
        xy = [(x_of(size), y_of(points[size])) for size in sorted(points)]
        if len(xy) > 1:
            draw.line(xy, fill=colour, width=3)
        for x, y in xy:
            draw.ellipse([x - 4, y - 4, x + 4, y + 4], fill=colour)
        legend_y = TOP + 8 + index * 26
        draw.line(
            [WIDTH - RIGHT + 20, legend_y, WIDTH - RIGHT + 50, legend_y], fill=colour, width=3
        )
        last = points[max(points)]
        draw.text(
            (WIDTH - RIGHT + 58, legend_y),
            f"{page} ({last:,.0f} ms)",
            fill="black",
            font=small,
            anchor="lm",
        )
    Path(args.png).parent.mkdir(parents=True, exist_ok=True)
    image.save(args.png, optimize=True)
    print(f"wrote {args.png}: {len(data)} pages, sizes {', '.join(f'{s:,}' for s in sizes)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
