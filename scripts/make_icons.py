#!/usr/bin/env python3
"""Draws the app icons (any and maskable, 192 and 512 px) into public/icons/. Needs Pillow."""
from pathlib import Path
from PIL import Image, ImageDraw, ImageFont

out = Path(__file__).resolve().parent.parent / "public" / "icons"
out.mkdir(parents=True, exist_ok=True)
PURPLE = (91, 42, 134)
CREAM = (255, 248, 240)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

for size in (192, 512):
    for maskable in (False, True):
        img = Image.new("RGB", (size, size), PURPLE)
        d = ImageDraw.Draw(img)
        # Maskable icons keep their mark inside the central 80 % safe zone.
        scale = 0.5 if maskable else 0.62
        font = ImageFont.truetype(FONT, int(size * scale))
        box = d.textbbox((0, 0), "J", font=font)
        w, h = box[2] - box[0], box[3] - box[1]
        d.text(((size - w) / 2 - box[0], (size - h) / 2 - box[1]), "J", font=font, fill=CREAM)
        r = int(size * (0.06 if maskable else 0.08))
        y = int(size * (0.70 if maskable else 0.76))
        x = int(size * (0.66 if maskable else 0.70))
        d.ellipse((x - r, y - r, x + r, y + r), fill=(242, 166, 90))
        name = f"icono-{size}{'-maskable' if maskable else ''}.png"
        img.save(out / name, optimize=True)
        print(name)
