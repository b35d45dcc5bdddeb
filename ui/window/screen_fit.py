"""The window's size and place fitted to the screen it opens on.

A seller's laptop may be 1280×800 or 1366×768 with a taskbar: the first-run window takes the
screen's available area less a margin (at most the size the panes were designed for), and a
size remembered from a bigger monitor is shrunk and moved back onto the current screen.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1360, 820)  # what the panes were laid out for, on a screen that has room
MARGIN = 24  # pixels left free on each side for the frame, the title bar and a glimpse around


def first_run_size(available: QRect) -> QSize:
    """The default size inside ``available`` (a screen's area without the taskbar or dock)."""
    width = max(1, available.width() - 2 * MARGIN)
    # The title bar is outside the widget's geometry: leave it room above the margin.
    height = max(1, available.height() - 3 * MARGIN)
    return PREFERRED.boundedTo(QSize(width, height))


def clamped(geometry: QRect, available: QRect) -> QRect:
    """``geometry`` shrunk to fit ``available`` and moved onto it (the seller's own size is
    kept when it fits: no margin is taken from it)."""
    size = geometry.size().boundedTo(available.size())
    left = min(max(geometry.left(), available.left()), available.right() + 1 - size.width())
    top = min(max(geometry.top(), available.top()), available.bottom() + 1 - size.height())
    return QRect(left, top, size.width(), size.height())


def fit_to_screen(window: QWidget, saved: QByteArray | None) -> None:
    """Give ``window`` its remembered geometry, or the first-run one, within its screen."""
    screen = window.screen()
    available = screen.availableGeometry() if screen is not None else QRect(0, 0, 1360, 820)
    if saved is not None and window.restoreGeometry(saved):
        if not window.isMaximized() and not window.isFullScreen():
            window.setGeometry(clamped(window.geometry(), available))
        return
    size = first_run_size(available)
    window.resize(size)
    center = available.center()
    window.move(center.x() - size.width() // 2, center.y() - size.height() // 2)
