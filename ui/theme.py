"""Light and dark themes: follow the system by default, or the seller's choice.

Qt 6.8+ asks the platform for a colour scheme (Windows and macOS honour it). Where the platform
ignores the request (X11 without a desktop portal, offscreen), the Fusion style gets an explicit
palette, so "dark" is dark everywhere. Our own accents (unfilled-field markers, the problems
banner) come from ``accents()`` so they stay readable on either background.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

THEMES = ("system", "light", "dark")

# The fonts that write Simplified Chinese well on each system, best first: the system's UI
# font has no Chinese, and left to itself Qt may take Chinese characters from a Japanese
# font (MS UI Gothic, Hiragino Kaku Gothic, Noto Sans CJK JP), whose shapes differ from the
# mainland forms, or from SimSun, a serif that is thin on screen. One missing is skipped.
CHINESE_FONTS = {
    "win32": ("Microsoft YaHei UI", "Microsoft YaHei", "DengXian", "SimHei"),
    "darwin": ("PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti"),
    "linux": (
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "WenQuanYi Micro Hei",
        "Droid Sans Fallback",
    ),
}


def chinese_font_fallback(font: QFont, platform: str | None = None) -> QFont:
    """``font`` with this system's Simplified Chinese fonts after its own family, for the
    characters its family lacks (Latin text keeps the system's UI font)."""
    wanted = CHINESE_FONTS.get(platform or sys.platform) or CHINESE_FONTS["linux"]
    families = [font.family(), *(f for f in wanted if f != font.family())]
    fallback = QFont(font)
    fallback.setFamilies(families)
    return fallback


def use_chinese_fonts(app: QGuiApplication) -> None:
    """Make the app's font fall back to the system's Simplified Chinese fonts."""
    app.setFont(chinese_font_fallback(app.font()))


@dataclass(frozen=True)
class Accents:
    """Colours of our own, chosen for the current background."""

    marker_background: str
    marker_text: str
    banner_background: str
    banner_text: str
    banner_border: str
    error_text: str  # the checks' lines and the dialogs' error lines, on the Base colour
    warning_text: str
    info_text: str


# Every text at least 4.5:1 on its background (WCAG AA); tests/test_window_fit.py measures it.
LIGHT_ACCENTS = Accents(
    "#ffe08a", "#6b4a00", "#fdecea", "#611a15", "#f5c2bd", "#b3261e", "#7a4f00", "#3c5a99"
)
DARK_ACCENTS = Accents(
    "#7a5d00", "#fff3c4", "#4a1f1c", "#ffd9d4", "#8c3b34", "#ff8a80", "#ffc857", "#9ec1ff"
)
INDICATOR_EDGE = "#a0a0a0"  # an unchecked box's or radio button's edge on a dark background


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window background is dark."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def accents() -> Accents:
    return DARK_ACCENTS if is_dark() else LIGHT_ACCENTS


class VisibleIndicators(QProxyStyle):
    """Fusion with an edge round unchecked checkboxes and radio buttons on a dark palette,
    where Fusion's own dark-grey outline nearly vanishes (about 1.2:1)."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        kinds = (
            QStyle.PrimitiveElement.PE_IndicatorCheckBox,
            QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        )
        if element not in kinds or not is_dark(option.palette):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(INDICATOR_EDGE))
        painter.setBrush(QBrush())
        edge = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(edge)
        else:
            painter.drawRoundedRect(edge, 2, 2)
        painter.restore()


def dark_palette() -> QPalette:
    """A dark Fusion palette, for platforms that do not provide one."""
    palette = QPalette()
    window, base, text = QColor("#2b2b2b"), QColor("#1f1f1f"), QColor("#e8e8e8")
    disabled = QColor("#7a7a7a")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#262626"),
        QPalette.ColorRole.ToolTipBase: QColor("#3a3a3a"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#9a9a9a"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#353535"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Light: QColor("#454545"),
        QPalette.ColorRole.Midlight: QColor("#3a3a3a"),
        QPalette.ColorRole.Mid: QColor("#303030"),
        QPalette.ColorRole.Dark: QColor("#1a1a1a"),
        QPalette.ColorRole.Shadow: QColor("#000000"),
        QPalette.ColorRole.Highlight: QColor("#2f66ad"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#7fb4ff"),
        QPalette.ColorRole.LinkVisited: QColor("#c49bff"),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_theme(app: QApplication, theme: str) -> str:
    """Make the app ``theme`` ("system", "light" or "dark"); returns the theme applied."""
    from PySide6.QtCore import Qt  # its enums cost ~40 ms: not before the first paint

    theme = theme if theme in THEMES else "system"
    hints = app.styleHints()
    if theme == "system":
        hints.unsetColorScheme()
        app.setPalette(app.style().standardPalette())
        return theme
    want_dark = theme == "dark"
    hints.setColorScheme(Qt.ColorScheme.Dark if want_dark else Qt.ColorScheme.Light)
    app.setPalette(app.style().standardPalette())
    if is_dark(app.palette()) != want_dark:
        # The platform ignored the request: paint it ourselves with Fusion.
        if not isinstance(app.style(), VisibleIndicators):
            fusion = QStyleFactory.create("Fusion")
            app.setStyle(VisibleIndicators(fusion) if want_dark else fusion)
        app.setPalette(dark_palette() if want_dark else app.style().standardPalette())
    return theme
