"""Pictures for the demo catalog, drawn with Pillow (no photographs ship with the code):
a shape per category on a warm background, the product's name beneath it. They go
through the same path as uploads: re-encoded, kept by content hash, set on the product."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from oms.http.images import reencoded
from oms.http.pictures import Pictures

SIZE = (480, 360)
COLOURS = {  # background, shape
    "Bread": ((238, 214, 175), (176, 112, 56)), "Viennoiserie": ((250, 228, 190), (214, 146, 60)),
    "Pastry": ((246, 220, 222), (150, 84, 60)), "Cakes": ((236, 224, 244), (120, 70, 110)),
    "Drinks": ((214, 232, 236), (96, 66, 48)),
}


def draw(name: str, category: str) -> bytes:
    background, shape = COLOURS.get(category, ((230, 230, 230), (120, 120, 120)))
    image = Image.new("RGB", SIZE, background)
    pen = ImageDraw.Draw(image)
    w, h = SIZE
    if category == "Drinks":
        pen.rounded_rectangle((w * 0.36, h * 0.2, w * 0.64, h * 0.7), radius=18, fill=shape)
        pen.arc((w * 0.6, h * 0.3, w * 0.74, h * 0.52), 270, 90, fill=shape, width=10)
    elif category in ("Cakes", "Pastry"):
        pen.polygon([(w * 0.25, h * 0.7), (w * 0.75, h * 0.7), (w * 0.62, h * 0.25), (w * 0.38, h * 0.25)], fill=shape)
        pen.rectangle((w * 0.25, h * 0.42, w * 0.75, h * 0.47), fill=background)
    else:
        pen.ellipse((w * 0.18, h * 0.22, w * 0.82, h * 0.7), fill=shape)
        for x in (0.35, 0.5, 0.65):
            pen.line((w * (x - 0.05), h * 0.32, w * (x + 0.05), h * 0.58), fill=background, width=8)
    pen.text((w / 2, h * 0.84), name, fill=(60, 40, 30), anchor="mm", font_size=30)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def picture(pictures: Pictures, name: str, category: str) -> str:
    """The stored picture's name for a demo product."""
    data, extension = reencoded(draw(name, category), "image/png")
    return pictures.keep(data, extension)
