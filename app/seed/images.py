"""Demo product pictures drawn with Pillow: a category style, a motif and the product's name.

Nothing is downloaded. A picture depends only on its arguments, so re-running the seed
produces the same bytes, hence the same storage key, and no new files.
"""

from __future__ import annotations

import io
import random
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from app.core.text import fold
from app.seed import motifs

SIZE = 800  # 1280 would triple the encoding time of seeding for little gain in a demo
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
INK = (43, 33, 40)
MARGIN = round(SIZE * 0.06)
FontType = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class Style:
    """Colours and motif of a category's pictures."""

    top: motifs.Color
    bottom: motifs.Color
    accent: motifs.Color
    motif: motifs.Motif


STYLES: dict[str, Style] = {
    "rau-an-la": Style((236, 247, 228), (190, 226, 180), (78, 146, 62), motifs.leaves),
    "cu-qua": Style((240, 248, 228), (204, 230, 184), (84, 150, 64), motifs.produce),
    "trai-cay": Style((252, 244, 220), (238, 218, 168), (96, 156, 70), motifs.produce),
    "ao-thun": Style((253, 236, 242), (244, 200, 218), (196, 38, 98), motifs.tshirt),
    "bao-tay-do-bao-ho": Style((236, 242, 250), (196, 214, 236), (70, 100, 150), motifs.glove),
    "yen-sao": Style((254, 248, 236), (238, 222, 192), (120, 96, 70), motifs.nest),
    "nam-an": Style((250, 240, 228), (232, 210, 184), (176, 112, 70), motifs.mushroom),
    "dong-trung-ha-thao": Style((254, 242, 228), (246, 214, 176), (234, 122, 40), motifs.cordyceps),
    "hat-dieu": Style((253, 245, 228), (238, 216, 174), (214, 172, 108), motifs.cashews),
    "do-kho-gia-vi": Style((250, 238, 230), (232, 204, 190), (170, 60, 50), motifs.jar),
    "banh-mut": Style((254, 240, 232), (246, 208, 196), (204, 90, 70), motifs.jar),
    "may-tre-dan": Style((244, 240, 228), (218, 204, 178), (172, 124, 72), motifs.basket),
    "tho-cam": Style((246, 236, 236), (220, 196, 200), (180, 40, 60), motifs.brocade),
}
DEFAULT_STYLE = STYLES["do-kho-gia-vi"]


def font(size: int, *, bold: bool = False) -> FontType:
    """DejaVu Sans (it has every Vietnamese glyph), or Pillow's own font when it is missing."""
    return _font(size, bold, threading.get_ident())  # one FreeType face per thread: faces are not thread-safe


@cache
def _font(size: int, bold: bool, thread_id: int) -> FontType:
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _gradient(top: motifs.Color, bottom: motifs.Color, size: int) -> Image.Image:
    mask = Image.linear_gradient("L").resize((size, size))
    return Image.composite(Image.new("RGB", (size, size), bottom), Image.new("RGB", (size, size), top), mask)


def _tint(color: motifs.Color, rng: random.Random) -> motifs.Color:
    return tuple(max(0, min(255, c + rng.randint(-10, 10))) for c in color)  # type: ignore[return-value]


def _wrap(text: str, face: FontType, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and face.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _fit_name(name: str, width: int, max_lines: int = 3) -> tuple[FontType, list[str]]:
    """The largest bold font at which the name wraps into at most ``max_lines`` lines."""
    for size in range(round(SIZE * 0.075), round(SIZE * 0.035), -4):
        face = font(size, bold=True)
        lines = _wrap(name, face, width)
        if len(lines) <= max_lines and all(face.getlength(line) <= width for line in lines):
            return face, lines
    face = font(round(SIZE * 0.035), bold=True)
    return face, _wrap(name, face, width)[:max_lines]


def _draw_motif(canvas: Image.Image, style: Style, rng: random.Random, box: tuple[int, int, int], name: str) -> None:
    """Draw the motif at twice its size and halve it, for smooth edges."""
    x, y, side = box
    layer = Image.new("RGBA", (side * 2, side * 2), (0, 0, 0, 0))
    style.motif(layer, rng, _tint(style.accent, rng), fold(name))
    canvas.alpha_composite(layer.reduce(2), (x, y))


def _draw_pattern(canvas: Image.Image, style: Style, rng: random.Random, name: str) -> None:
    """A faint repeat of the motif over the background."""
    side = SIZE // 5
    tile = Image.new("RGBA", (side * 2, side * 2), (0, 0, 0, 0))
    style.motif(tile, rng, _tint(style.accent, rng), fold(name))
    tile = tile.reduce(2)
    tile.putalpha(tile.getchannel("A").point(lambda a: a * 28 // 100))
    for row in range(5):
        for col in range(5):
            offset = side // 2 if row % 2 else 0
            canvas.alpha_composite(tile, ((col * side + offset) % SIZE, row * side))


def _caption(name: str, compact: bool) -> tuple[FontType, list[str], int]:
    """The font and lines of the name, and the top of the white card that holds them."""
    face, lines = _fit_name(name, SIZE - 4 * MARGIN, max_lines=2 if compact else 3)
    card_height = _line_height(face) * len(lines) + round(SIZE * 0.1)
    return face, lines, SIZE - MARGIN - card_height


def _line_height(face: FontType) -> int:
    return round(getattr(face, "size", 32) * 1.22)


def _draw_caption(canvas: Image.Image, caption: tuple[FontType, list[str], int], seller: str) -> None:
    """A white card at the bottom with the product's name and the seller."""
    face, lines, top = caption
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle((MARGIN, top, SIZE - MARGIN, SIZE - MARGIN), radius=SIZE // 32, fill=(255, 255, 255, 255))
    y = top + round(SIZE * 0.03)
    for line in lines:
        draw.text((2 * MARGIN, y), line, font=face, fill=INK)
        y += _line_height(face)
    draw.text((2 * MARGIN, y + 4), seller, font=font(round(SIZE * 0.028)), fill=(110, 96, 104))


def product_picture(*, name: str, seller: str, category: str, seed: str, view: int = 0) -> bytes:
    """A square JPEG of a product: view 0 is the main picture, view 1 a patterned close-up."""
    rng = random.Random(f"{seed}:{view}")  # nosec B311: seeded for repeatable demo pictures, not security
    style = STYLES.get(category, DEFAULT_STYLE)
    canvas = _gradient(_tint(style.top, rng), _tint(style.bottom, rng), SIZE).convert("RGBA")
    if view:
        _draw_pattern(canvas, style, rng, name)
    caption = _caption(unicodedata.normalize("NFC", name), compact=bool(view))
    room = caption[2] - MARGIN  # the corners stay clear: the shop puts badges (OCOP stars) there
    side = min(round(SIZE * (0.56 if view == 0 else 0.5)), room)
    _draw_motif(canvas, style, rng, ((SIZE - side) // 2, MARGIN + (room - side) // 2, side), name)
    _draw_caption(canvas, caption, seller)
    buffer = io.BytesIO()
    canvas.convert("RGB").save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()
