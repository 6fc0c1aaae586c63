"""Generated photos for demo reports.

Each photo is a simple scene sketch drawn with Pillow, so the demo needs no image files and no
fonts. Each one carries fake camera EXIF (time, GPS near the demo city, device) on purpose: the
demo then shows that the public copies of uploads have that metadata stripped.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

__all__ = ["demo_photo"]

Color = tuple[int, int, int]
Scene = Callable[[ImageDraw.ImageDraw, int, int, int, random.Random], None]


def _jitter(rng: random.Random, color: Color, amount: int = 18) -> Color:
    r, g, b = (max(0, min(255, c + rng.randint(-amount, amount))) for c in color)
    return (r, g, b)


def _gradient(size: tuple[int, int], top: Color, bottom: Color) -> Image.Image:
    # A resized 256-step ramp is much faster than drawing one line per row.
    ramp = Image.linear_gradient("L").resize(size)
    return ImageOps.colorize(ramp, black=top, white=bottom)


def _road(draw: ImageDraw.ImageDraw, w: int, h: int, horizon: int, color: Color) -> None:
    vanish = w // 2
    draw.polygon(
        [(vanish - w // 40, horizon), (vanish + w // 40, horizon), (w, h), (0, h)], fill=color
    )
    # Dashed centre line, dashes growing towards the viewer.
    y = horizon + 4
    while y < h:
        length = max(3, (y - horizon) // 5)
        draw.line([(vanish, y), (vanish, min(h, y + length))], fill=(235, 235, 220), width=3)
        y += length * 2


def _buildings(
    draw: ImageDraw.ImageDraw, w: int, horizon: int, rng: random.Random, *, lit: bool = False
) -> None:
    x = 0
    while x < w:
        bw = rng.randint(w // 12, w // 6)
        bh = rng.randint(horizon // 4, int(horizon * 0.75))
        base = (60, 60, 70) if lit else (170, 160, 150)
        draw.rectangle([x, horizon - bh, x + bw, horizon], fill=_jitter(rng, base, 25))
        for wy in range(horizon - bh + 10, horizon - 14, 22):
            for wx in range(x + 8, x + bw - 12, 20):
                if lit:
                    window = (240, 210, 120) if rng.random() < 0.4 else (40, 40, 50)
                else:
                    window = (110, 140, 170)
                draw.rectangle([wx, wy, wx + 9, wy + 12], fill=window)
        x += bw + rng.randint(0, w // 40)


def _car(draw: ImageDraw.ImageDraw, x: int, y: int, scale: float, color: Color) -> None:
    cw, ch = int(140 * scale), int(50 * scale)
    draw.rounded_rectangle([x, y - ch, x + cw, y], radius=int(10 * scale), fill=color)
    draw.rounded_rectangle(
        [x + cw // 5, y - ch - int(30 * scale), x + cw * 4 // 5, y - ch + 4],
        radius=int(8 * scale),
        fill=color,
    )
    draw.rectangle(
        [x + cw // 4, y - ch - int(24 * scale), x + cw * 3 // 4, y - ch],
        fill=(150, 190, 220),
    )
    r = int(14 * scale)
    for wx in (x + cw // 5, x + cw * 4 // 5):
        draw.ellipse([wx - r, y - r, wx + r, y + r], fill=(25, 25, 25))


def _scene_default(
    draw: ImageDraw.ImageDraw, w: int, h: int, horizon: int, rng: random.Random
) -> None:
    _buildings(draw, w, horizon, rng)
    _road(draw, w, h, horizon, (95, 95, 100))


def _scene_sanitation(
    draw: ImageDraw.ImageDraw, w: int, h: int, horizon: int, rng: random.Random
) -> None:
    _scene_default(draw, w, h, horizon, rng)
    cx, base = rng.randint(w // 8, w // 3), h - h // 10
    for _ in range(rng.randint(9, 15)):
        bw, bh = rng.randint(w // 14, w // 8), rng.randint(h // 14, h // 8)
        x = cx + rng.randint(-w // 8, w // 8)
        y = base - rng.randint(0, h // 6)
        color = rng.choice([(20, 20, 25), (30, 70, 40), (40, 60, 120), (200, 200, 190)])
        draw.ellipse([x, y - bh, x + bw, y], fill=_jitter(rng, color, 10), outline=(0, 0, 0))
        draw.line([(x + bw // 2, y - bh), (x + bw // 2 + 5, y - bh - 12)], fill=color, width=4)
    for _ in range(20):
        x, y = rng.randint(0, w // 2), rng.randint(horizon + 40, h)
        draw.rectangle([x, y, x + 8, y + 5], fill=_jitter(rng, (220, 220, 200), 30))


def _scene_lighting(
    draw: ImageDraw.ImageDraw, w: int, h: int, horizon: int, rng: random.Random
) -> None:
    for _ in range(60):
        x, y = rng.randint(0, w), rng.randint(0, horizon - 20)
        draw.point((x, y), fill=(230, 230, 255))
    _buildings(draw, w, horizon, rng, lit=True)
    _road(draw, w, h, horizon, (35, 35, 45))
    x = rng.randint(w // 5, w // 3)
    top = horizon - horizon * 2 // 3
    draw.rectangle([x, top, x + 12, h - h // 8], fill=(70, 70, 75))
    draw.line([(x + 6, top), (x + 90, top - 20)], fill=(70, 70, 75), width=8)
    # The lamp is out: a dark hood where the light should be.
    draw.polygon([(x + 70, top - 20), (x + 120, top - 26), (x + 110, top - 6)], fill=(20, 20, 20))
    x2 = w - x
    draw.rectangle([x2, top + 40, x2 + 10, h - h // 6], fill=(70, 70, 75))
    draw.ellipse([x2 - 30, top + 20, x2 + 40, top + 50], fill=(250, 220, 140))


def _scene_drainage(
    draw: ImageDraw.ImageDraw, w: int, h: int, horizon: int, rng: random.Random
) -> None:
    _scene_default(draw, w, h, horizon, rng)
    level = horizon + (h - horizon) // rng.randint(3, 5)
    draw.rectangle([0, level, w, h], fill=(60, 110, 160))
    for _ in range(30):
        y = rng.randint(level + 5, h - 5)
        x = rng.randint(0, w - 60)
        draw.line([(x, y), (x + rng.randint(20, 80), y)], fill=(140, 180, 215), width=2)
    _car(draw, rng.randint(w // 2, w - 200), level + 40, 1.2, (170, 40, 40))
    draw.rectangle([0, level + 30, w, level + 80], fill=(60, 110, 160))


def _scene_road(
    draw: ImageDraw.ImageDraw, w: int, h: int, horizon: int, rng: random.Random
) -> None:
    _scene_default(draw, w, h, horizon, rng)
    cx, cy = rng.randint(w // 3, 2 * w // 3), rng.randint((horizon + h) // 2, h - h // 8)
    rx, ry = rng.randint(w // 10, w // 6), rng.randint(h // 22, h // 14)
    draw.ellipse([cx - rx - 8, cy - ry - 6, cx + rx + 8, cy + ry + 6], fill=(125, 120, 110))
    draw.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=(40, 35, 30))
    draw.ellipse([cx - rx // 2, cy - ry // 3, cx + rx // 3, cy + ry // 2], fill=(70, 80, 90))
    for _ in range(6):
        x, y = cx + rng.randint(-rx, rx), cy + rng.randint(-ry, ry)
        draw.line(
            [(x, y), (x + rng.randint(-120, 120), y + rng.randint(-40, 40))],
            fill=(55, 55, 58),
            width=2,
        )


def _scene_trees(
    draw: ImageDraw.ImageDraw, w: int, h: int, horizon: int, rng: random.Random
) -> None:
    _scene_default(draw, w, h, horizon, rng)
    stump_x, base = rng.randint(w // 12, w // 5), h - h // 6
    draw.rectangle([stump_x, base - 60, stump_x + 40, base], fill=(100, 70, 40))
    tip_x, tip_y = rng.randint(2 * w // 3, w - w // 10), rng.randint(horizon + 40, base - 40)
    draw.line([(stump_x + 20, base - 50), (tip_x, tip_y)], fill=(95, 65, 35), width=34)
    for _ in range(rng.randint(14, 22)):
        fx = tip_x + rng.randint(-150, 90)
        fy = tip_y + rng.randint(-110, 70)
        r = rng.randint(35, 70)
        draw.ellipse([fx - r, fy - r, fx + r, fy + r], fill=_jitter(rng, (45, 110, 45), 25))


def _scene_noise(
    draw: ImageDraw.ImageDraw, w: int, h: int, horizon: int, rng: random.Random
) -> None:
    _road(draw, w, h, horizon, (95, 95, 100))
    left, right = w // 6, w - w // 6
    draw.rectangle([left, horizon // 5, right, horizon + 30], fill=_jitter(rng, (200, 180, 150)))
    for wy in range(horizon // 5 + 20, horizon - 30, 45):
        for wx in range(left + 25, right - 40, 55):
            draw.rectangle([wx, wy, wx + 28, wy + 30], fill=(90, 120, 150))
    for sx in (left + 30, right - 110):
        sy = horizon - 10
        draw.rectangle([sx, sy, sx + 80, sy + 130], fill=(25, 25, 30))
        draw.ellipse([sx + 15, sy + 15, sx + 65, sy + 65], fill=(80, 80, 90))
        draw.ellipse([sx + 25, sy + 80, sx + 55, sy + 110], fill=(80, 80, 90))
    for _ in range(rng.randint(5, 9)):
        nx, ny = rng.randint(left, right), rng.randint(horizon // 5, horizon)
        color = rng.choice([(230, 60, 60), (250, 200, 40), (60, 60, 230)])
        draw.ellipse([nx, ny + 30, nx + 22, ny + 46], fill=color)
        draw.line([(nx + 21, ny + 38), (nx + 21, ny)], fill=color, width=4)
        draw.line([(nx + 21, ny), (nx + 38, ny + 10)], fill=color, width=4)


def _scene_sidewalk(
    draw: ImageDraw.ImageDraw, w: int, h: int, horizon: int, rng: random.Random
) -> None:
    _buildings(draw, w, horizon, rng)
    draw.rectangle([0, horizon, w, h], fill=(185, 175, 160))
    for y in range(horizon, h, 40):
        draw.line([(0, y), (w, y)], fill=(160, 150, 135), width=2)
    draw.rectangle([0, h - h // 7, w, h], fill=(95, 95, 100))
    x = rng.randint(10, 60)
    while x < w - 150:
        base = rng.randint(horizon + (h - horizon) // 3, h - h // 6)
        color = rng.choice([(220, 60, 50), (50, 120, 200), (240, 190, 40), (60, 160, 90)])
        draw.pieslice([x - 20, base - 240, x + 180, base - 120], 180, 360, fill=color)
        draw.line([(x + 80, base - 180), (x + 80, base)], fill=(80, 80, 80), width=5)
        draw.rectangle([x + 20, base - 70, x + 140, base - 55], fill=(150, 110, 70))
        for stool in range(3):
            sx = x + 10 + stool * 50
            draw.rectangle([sx, base - 25, sx + 26, base], fill=_jitter(rng, (200, 40, 40), 30))
        x += rng.randint(200, 280)


def _scene_traffic(
    draw: ImageDraw.ImageDraw, w: int, h: int, horizon: int, rng: random.Random
) -> None:
    _scene_default(draw, w, h, horizon, rng)
    for row in range(3):
        scale = 0.6 + row * 0.45
        y = horizon + (h - horizon) * (row + 1) // 4 + 20
        x = rng.randint(-60, 40)
        while x < w:
            color = rng.choice(
                [(200, 30, 30), (240, 240, 240), (30, 30, 30), (40, 80, 170), (150, 150, 155)]
            )
            _car(draw, x, y, scale, color)
            x += int(rng.randint(165, 230) * scale)


def _scene_water(
    draw: ImageDraw.ImageDraw, w: int, h: int, horizon: int, rng: random.Random
) -> None:
    _scene_default(draw, w, h, horizon, rng)
    pipe_y = h - h // 4
    draw.rectangle([0, pipe_y, w, pipe_y + 40], fill=(120, 125, 130))
    draw.line([(0, pipe_y + 8), (w, pipe_y + 8)], fill=(160, 165, 170), width=4)
    bx = rng.randint(w // 3, 2 * w // 3)
    draw.polygon(
        [(bx - 20, pipe_y), (bx + 5, pipe_y + 20), (bx - 10, pipe_y + 40), (bx + 25, pipe_y)],
        fill=(30, 30, 30),
    )
    for _ in range(180):
        spread = rng.uniform(-1.0, 1.0)
        reach = rng.uniform(0.1, 1.0)
        x = bx + int(spread * 220 * reach)
        y = pipe_y - int(reach * (h // 2) * (1 - abs(spread) * 0.5))
        r = rng.randint(2, 6)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=_jitter(rng, (170, 210, 240), 15))
    draw.ellipse([bx - 260, h - 70, bx + 260, h - 10], fill=(90, 140, 185))


_SCENES: dict[str, Scene] = {
    "sanitation": _scene_sanitation,
    "lighting": _scene_lighting,
    "drainage": _scene_drainage,
    "road": _scene_road,
    "trees": _scene_trees,
    "noise": _scene_noise,
    "sidewalk": _scene_sidewalk,
    "traffic": _scene_traffic,
    "water": _scene_water,
}


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes_full = (value - degrees) * 60
    minutes = int(minutes_full)
    return float(degrees), float(minutes), round((minutes_full - minutes) * 60, 2)


def _fake_exif(rng: random.Random, *, night: bool, near: tuple[float, float]) -> Image.Exif:
    lat = near[0] + rng.uniform(-0.02, 0.02)
    lon = near[1] + rng.uniform(-0.02, 0.02)
    hour = rng.randint(19, 22) if night else rng.randint(6, 17)
    taken = datetime(2025, 1, 1) + timedelta(
        days=rng.randrange(330), hours=hour, minutes=rng.randrange(60), seconds=rng.randrange(60)
    )
    stamp = taken.strftime("%Y:%m:%d %H:%M:%S")

    exif = Image.Exif()
    exif[0x010F] = "Phananh"  # Make
    exif[0x0110] = "Demo Camera"  # Model
    exif[0x0131] = "phananh demo"  # Software
    exif[0x0132] = stamp  # DateTime
    exif[0x0112] = 1  # Orientation: upright
    details = exif.get_ifd(0x8769)
    details[0x9003] = stamp  # DateTimeOriginal
    details[0x9004] = stamp  # DateTimeDigitized
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = _dms(lat)
    gps[3] = "E"
    gps[4] = _dms(lon)
    return exif


@cache
def _photo_point() -> tuple[float, float]:
    """The configured city's demo photo point (samples/simulation.json), else its centre."""
    from django.conf import settings

    from phananh.core.datafiles import json_object

    city = Path(settings.CITY_DIR)
    simulation = city / "samples" / "simulation.json"
    if simulation.exists():
        point = json_object(simulation).nested("photo_gps")
    else:
        point = json_object(city / "city.json").nested("point")
    return (point.number("lat", low=-90, high=90), point.number("lon", low=-180, high=180))


def demo_photo(
    category: str,
    seed: int,
    *,
    width: int = 1024,
    height: int = 768,
    near: tuple[float, float] | None = None,
) -> bytes:
    """A generated JPEG scene sketch for a demo report of this category, with fake camera EXIF
    placed within about 2 km of `near` (default: the configured city's demo photo point)."""
    rng = random.Random(seed)
    key = category.strip().lower()
    scene = _SCENES.get(key, _scene_default)
    night = key == "lighting"

    horizon = int(height * rng.uniform(0.42, 0.52))
    if night:
        sky_top, sky_bottom = (5, 8, 30), (35, 40, 80)
        ground_top, ground_bottom = (35, 35, 40), (20, 20, 25)
    else:
        sky_top, sky_bottom = _jitter(rng, (90, 150, 215)), _jitter(rng, (200, 225, 240))
        ground_top, ground_bottom = _jitter(rng, (150, 145, 130)), _jitter(rng, (110, 105, 95))
    image = Image.new("RGB", (width, height))
    image.paste(_gradient((width, horizon), sky_top, sky_bottom), (0, 0))
    image.paste(_gradient((width, height - horizon), ground_top, ground_bottom), (0, horizon))

    draw = ImageDraw.Draw(image)
    scene(draw, width, height, horizon, rng)

    buffer = io.BytesIO()
    exif = _fake_exif(rng, night=night, near=near or _photo_point())
    image.save(buffer, "JPEG", quality=82, exif=exif)
    return buffer.getvalue()
