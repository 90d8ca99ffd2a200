"""Simple drawn motifs for the demo product pictures: one per kind of goods.

Each motif draws into a square RGBA canvas of side ``s`` with colours from a palette; the caller
draws it at twice the size it shows and scales it down, which smooths the edges.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from PIL import Image, ImageDraw

Color = tuple[int, int, int]
Motif = Callable[[Image.Image, random.Random, Color, str], None]  # the str: the folded product name


FRUIT_TONES: tuple[tuple[tuple[str, ...], Color], ...] = (
    (("ca chua", "ot chi", "chom chom", "mit"), (214, 62, 48)),
    (("mang cut",), (120, 52, 96)),
    (("bi do", "khoai lang", "chuoi", "xoai", "dua luoi", "nhan"), (236, 160, 48)),
    (("dua leo", "buoi", "bo sap", "kho qua", "dau bap", "muop", "sau rieng"), (132, 178, 64)),
    (("khoai mi", "gung", "bap"), (214, 184, 120)),
)


def _shade(color: Color, factor: float) -> Color:
    return tuple(max(0, min(255, round(c * factor))) for c in color)  # type: ignore[return-value]


def _leaf_points(cx: float, cy: float, length: float, width: float, angle: float) -> list[tuple[float, float]]:
    """An almond-shaped leaf around its midrib, rotated by ``angle`` radians."""
    half = []
    for i in range(21):
        t = i / 20
        half.append((t * length - length / 2, math.sin(math.pi * t) ** 0.8 * width / 2))
    outline = half + [(x, -y) for x, y in reversed(half)]
    cos, sin = math.cos(angle), math.sin(angle)
    return [(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in outline]


def _leaf(draw: ImageDraw.ImageDraw, s: int, cx: float, cy: float, angle: float, color: Color) -> None:
    length, width = s * 0.42, s * 0.2
    draw.polygon(_leaf_points(cx, cy, length, width, angle), fill=color)
    dx, dy = math.cos(angle) * length * 0.45, math.sin(angle) * length * 0.45
    draw.line([(cx - dx, cy - dy), (cx + dx, cy + dy)], fill=_shade(color, 1.3), width=max(2, s // 120))


def leaves(canvas: Image.Image, rng: random.Random, color: Color, name: str = "") -> None:
    """A bunch of fresh leaves."""
    s, draw = canvas.width, ImageDraw.Draw(canvas)
    for i in range(5):
        angle = -math.pi / 2 + (i - 2) * 0.5 + rng.uniform(-0.12, 0.12)
        reach = s * 0.2
        cx, cy = s / 2 + math.cos(angle) * reach, s * 0.58 + math.sin(angle) * reach
        _leaf(draw, s, cx, cy, angle, _shade(color, 0.85 + 0.08 * (i % 3)))


def produce(canvas: Image.Image, rng: random.Random, color: Color, name: str = "") -> None:
    """Round vegetables or fruit with a leaf or two."""
    s, draw = canvas.width, ImageDraw.Draw(canvas)
    fruit = next((tone for words, tone in FRUIT_TONES if any(w in name for w in words)), None)
    fruit = fruit or rng.choice([(226, 84, 62), (240, 170, 50), (150, 190, 70), (200, 120, 60)])
    spots = [(0.36, 0.6, 0.2), (0.64, 0.62, 0.18), (0.5, 0.42, 0.19)]
    for x, y, r in spots:
        box = (s * (x - r), s * (y - r), s * (x + r), s * (y + r))
        draw.ellipse(box, fill=fruit, outline=_shade(fruit, 0.8), width=max(2, s // 150))
        draw.ellipse(
            (s * (x - r * 0.5), s * (y - r * 0.6), s * (x - r * 0.1), s * (y - r * 0.25)), fill=_shade(fruit, 1.25)
        )
    _leaf(draw, s, s * 0.6, s * 0.2, -0.6, color)
    _leaf(draw, s, s * 0.38, s * 0.22, -2.4, _shade(color, 1.1))


def tshirt(canvas: Image.Image, rng: random.Random, color: Color, name: str = "") -> None:
    """A T-shirt seen from the front."""
    s, draw = canvas.width, ImageDraw.Draw(canvas)
    shirt = rng.choice([(255, 255, 255), (236, 112, 150), (246, 190, 205), (90, 120, 180), (60, 60, 70)])
    outline = [
        (0.36, 0.14), (0.44, 0.14), (0.47, 0.19), (0.5, 0.2), (0.53, 0.19), (0.56, 0.14), (0.64, 0.14),
        (0.88, 0.3), (0.79, 0.44), (0.7, 0.38), (0.7, 0.88), (0.3, 0.88), (0.3, 0.38), (0.21, 0.44), (0.12, 0.3),
    ]  # fmt: skip
    draw.polygon([(x * s, y * s) for x, y in outline], fill=shirt, outline=_shade(color, 0.7), width=max(3, s // 100))
    draw.ellipse((s * 0.44, s * 0.4, s * 0.56, s * 0.52), fill=color)


def glove(canvas: Image.Image, rng: random.Random, color: Color, name: str = "") -> None:
    """A rubber work glove."""
    s, draw = canvas.width, ImageDraw.Draw(canvas)
    rubber = rng.choice([(240, 200, 60), (230, 120, 60), (90, 150, 200), (200, 70, 110)])
    radius = s * 0.05
    for i, top in enumerate((0.2, 0.14, 0.16, 0.24)):
        x = 0.34 + i * 0.085
        draw.rounded_rectangle((s * x, s * top, s * (x + 0.075), s * 0.55), radius=radius, fill=rubber)
    draw.rounded_rectangle((s * 0.33, s * 0.42, s * 0.7, s * 0.76), radius=radius * 2, fill=rubber)
    thumb = _leaf_points(s * 0.28, s * 0.5, s * 0.3, s * 0.12, -0.9)
    draw.polygon(thumb, fill=rubber)
    draw.rounded_rectangle((s * 0.34, s * 0.72, s * 0.69, s * 0.88), radius=radius, fill=_shade(rubber, 0.85))


def nest(canvas: Image.Image, rng: random.Random, color: Color, name: str = "") -> None:
    """A swiftlet's nest: a half-moon cup of fine strands, with a bird above."""
    s, draw = canvas.width, ImageDraw.Draw(canvas)
    cup = (s * 0.16, s * 0.2, s * 0.84, s * 0.84)
    draw.pieslice(cup, 0, 180, fill=(244, 228, 196), outline=(190, 160, 112), width=max(3, s // 100))
    for _ in range(46):
        x0, x1 = sorted(rng.uniform(0.2, 0.8) for _ in range(2))
        y = rng.uniform(0.54, 0.78)
        box = (s * x0, s * (y - 0.05), s * (x1 + 0.04), s * (y + 0.05))
        draw.arc(box, 10, 170, fill=rng.choice([(206, 178, 128), (255, 250, 238), (224, 200, 156)]), width=s // 140 + 1)
    bird = [(0.38, 0.3), (0.46, 0.24), (0.5, 0.29), (0.54, 0.24), (0.62, 0.3), (0.54, 0.27), (0.5, 0.33), (0.46, 0.27)]
    draw.polygon([(x * s, y * s) for x, y in bird], fill=_shade(color, 0.45))


def mushroom(canvas: Image.Image, rng: random.Random, color: Color, name: str = "") -> None:
    """Two mushrooms with spotted caps."""
    s, draw = canvas.width, ImageDraw.Draw(canvas)
    for cx, scale in ((0.42, 1.0), (0.7, 0.62)):
        w, top = 0.32 * scale, 0.24 + (1 - scale) * 0.3
        draw.rounded_rectangle(
            (s * (cx - w * 0.28), s * (top + w * 0.5), s * (cx + w * 0.28), s * 0.84),
            radius=s * 0.04 * scale,
            fill=(246, 236, 214),
        )
        draw.pieslice((s * (cx - w), s * top, s * (cx + w), s * (top + w * 1.5)), 180, 360, fill=color)
        for _ in range(4):
            x, y, r = cx + rng.uniform(-0.6, 0.6) * w, top + rng.uniform(0.2, 0.5) * w, 0.025 * scale
            draw.ellipse((s * (x - r), s * (y - r), s * (x + r), s * (y + r)), fill=_shade(color, 1.35))


def cordyceps(canvas: Image.Image, rng: random.Random, color: Color, name: str = "") -> None:
    """Orange cordyceps stems growing from a dish."""
    s, draw = canvas.width, ImageDraw.Draw(canvas)
    for i in range(9):
        x = 0.3 + i * 0.05 + rng.uniform(-0.01, 0.01)
        top = rng.uniform(0.18, 0.34)
        draw.rounded_rectangle((s * x, s * top, s * (x + 0.028), s * 0.72), radius=s * 0.014, fill=_shade(color, 0.9))
        draw.ellipse((s * (x - 0.008), s * top, s * (x + 0.036), s * (top + 0.08)), fill=color)
    draw.pieslice((s * 0.2, s * 0.56, s * 0.8, s * 0.9), 0, 180, fill=(250, 250, 246), outline=(200, 200, 190), width=4)


def _cashew(draw: ImageDraw.ImageDraw, s: int, cx: float, cy: float, turn: float, color: Color) -> None:
    """A kidney-shaped nut: overlapping discs along an arc, thickest in the middle, with a rim."""
    radius = s * 0.14
    for tone, grow in ((_shade(color, 0.8), s * 0.008), (color, 0.0)):
        for i in range(31):
            t = i / 30
            angle = turn + math.pi * (0.1 + 0.85 * t)
            thick = s * (0.03 + 0.04 * math.sin(math.pi * t) ** 0.6) + grow
            x, y = cx + math.cos(angle) * radius, cy + math.sin(angle) * radius
            draw.ellipse((x - thick, y - thick, x + thick, y + thick), fill=tone)


def cashews(canvas: Image.Image, rng: random.Random, color: Color, name: str = "") -> None:
    """A few cashew nuts."""
    s, draw = canvas.width, ImageDraw.Draw(canvas)
    for cx, cy, turn in ((0.3, 0.3, 0.3), (0.7, 0.38, -0.9), (0.46, 0.6, 1.8)):
        tone = _shade(color, rng.uniform(0.94, 1.06))
        _cashew(draw, s, s * cx, s * cy, turn + rng.uniform(-0.2, 0.2), tone)


def jar(canvas: Image.Image, rng: random.Random, color: Color, name: str = "") -> None:
    """A glass jar with a lid and a label."""
    s, draw = canvas.width, ImageDraw.Draw(canvas)
    filling = rng.choice([(196, 120, 60), (222, 160, 80), (170, 60, 50), (120, 90, 60)])
    draw.rounded_rectangle((s * 0.27, s * 0.28, s * 0.73, s * 0.86), radius=s * 0.07, fill=(235, 240, 240))
    draw.rounded_rectangle((s * 0.3, s * 0.4, s * 0.7, s * 0.83), radius=s * 0.05, fill=filling)
    draw.rounded_rectangle((s * 0.31, s * 0.17, s * 0.69, s * 0.29), radius=s * 0.03, fill=color)
    draw.rounded_rectangle((s * 0.33, s * 0.5, s * 0.67, s * 0.68), radius=s * 0.02, fill=(255, 252, 244))
    draw.line([(s * 0.37, s * 0.56), (s * 0.63, s * 0.56)], fill=color, width=max(3, s // 90))
    draw.line([(s * 0.4, s * 0.62), (s * 0.6, s * 0.62)], fill=_shade(color, 1.3), width=max(2, s // 140))


def basket(canvas: Image.Image, rng: random.Random, color: Color, name: str = "") -> None:
    """A woven basket with a handle."""
    s, draw = canvas.width, ImageDraw.Draw(canvas)
    draw.arc((s * 0.26, s * 0.12, s * 0.74, s * 0.72), 180, 360, fill=_shade(color, 0.8), width=s // 28)
    body = [(0.16, 0.42), (0.84, 0.42), (0.74, 0.86), (0.26, 0.86)]
    draw.polygon([(x * s, y * s) for x, y in body], fill=color)
    dark, light = _shade(color, 0.75), _shade(color, 1.18)
    for i in range(1, 9):
        y = 0.42 + i * 0.049
        inset = 0.1 * (y - 0.42) / 0.44
        draw.line([(s * (0.16 + inset), s * y), (s * (0.84 - inset), s * y)], fill=dark, width=max(2, s // 150))
    for i in range(1, 12):
        top = 0.16 + i * 0.68 / 12
        bottom = 0.26 + i * 0.48 / 12
        draw.line([(s * top, s * 0.42), (s * bottom, s * 0.86)], fill=light, width=max(2, s // 110))
    draw.rectangle((s * 0.15, s * 0.4, s * 0.85, s * 0.45), fill=dark)


def brocade(canvas: Image.Image, rng: random.Random, color: Color, name: str = "") -> None:
    """A piece of brocade cloth with rows of diamonds and zigzags."""
    s, draw = canvas.width, ImageDraw.Draw(canvas)
    draw.rectangle((s * 0.14, s * 0.16, s * 0.86, s * 0.86), fill=(34, 30, 36))
    stripes = [color, (236, 190, 60), (250, 246, 236), (60, 130, 110)]
    for row in range(7):
        y = 0.2 + row * 0.095
        tone = stripes[(row + rng.randrange(2)) % len(stripes)]
        if row % 2 == 0:
            for i in range(8):
                x = 0.18 + i * 0.085
                diamond = [(x, y + 0.04), (x + 0.04, y), (x + 0.08, y + 0.04), (x + 0.04, y + 0.08)]
                draw.polygon([(px * s, py * s) for px, py in diamond], fill=tone)
        else:
            points = [(s * (0.16 + i * 0.04), s * (y + (0.05 if i % 2 else 0.02))) for i in range(18)]
            draw.line(points, fill=tone, width=max(3, s // 90))
    for i in range(12):
        x = 0.16 + i * 0.062
        draw.line([(s * x, s * 0.86), (s * x, s * 0.92)], fill=(34, 30, 36), width=max(2, s // 200))
