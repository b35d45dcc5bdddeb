"""Make the app icon's platform files from ``assets/icon.svg``.

    python scripts/make_icons.py

Writes ``assets/icon.png`` (256 px: the window icon and the Linux desktop icon),
``assets/icon.ico`` (Windows, 16-256 px) and ``assets/icon.icns`` (macOS, 16-1024 px). Each size
is drawn from the SVG by Qt's renderer, so small sizes stay sharp; Pillow writes the .ico and
.icns containers. Run it after changing the SVG and commit the results: building the app only
reads them. Needs the ``build`` extra (``pip install -e '.[build]'``) for Pillow.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ASSETS = Path(__file__).resolve().parent.parent / "assets"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(svg: QSvgRenderer, size: int) -> Image.Image:
    """The SVG drawn at ``size`` x ``size`` pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    svg.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGBA")


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841 - Qt needs it to draw text
    svg = QSvgRenderer(str(ASSETS / "icon.svg"))
    if not svg.isValid():
        print(f"cannot read {ASSETS / 'icon.svg'}", file=sys.stderr)
        return 1
    images = {size: render(svg, size) for size in sorted({*ICO_SIZES, *ICNS_SIZES})}
    images[256].save(ASSETS / "icon.png", optimize=True)
    biggest_ico = images[max(ICO_SIZES)]
    biggest_ico.save(
        ASSETS / "icon.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    images[max(ICNS_SIZES)].save(
        ASSETS / "icon.icns",
        append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)],
    )
    for name in ("icon.png", "icon.ico", "icon.icns"):
        print(f"{ASSETS / name}: {(ASSETS / name).stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
