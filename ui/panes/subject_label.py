"""A reply's subject line: one line, its unfilled fields marked, elided at the pane's width."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ui import theme


def marked_html(text: str, markers: Sequence[str]) -> str:
    """``text`` as HTML with each marker painted like the body's (for one-line labels)."""
    escaped = html.escape(text)
    colors = theme.accents()
    for marker in markers:
        escaped = escaped.replace(
            html.escape(marker),
            f'<span style="background:{colors.marker_background};color:{colors.marker_text};'
            f'font-weight:600">{html.escape(marker)}</span>',
        )
    return escaped


class SubjectLabel(QLabel):
    """The subject on one line, its unfilled fields marked; elided at the pane's width with the
    whole subject as tooltip (Qt would break a Chinese subject between any two characters)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plain = ""
        self.markers: tuple[str, ...] = ()
        self.setTextFormat(Qt.TextFormat.RichText)  # to mark unfilled fields
        self.setWordWrap(False)
        # Its width comes from the pane, never the other way round.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_subject(self, plain: str, markers: Sequence[str]) -> None:
        if (plain, tuple(markers)) != (self.plain, self.markers) or not self.text():
            self.plain, self.markers = plain, tuple(markers)
            self._lay_out()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._lay_out()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._lay_out()

    def _lay_out(self) -> None:
        shown = self.plain
        if self.isVisible():  # a width is only real once laid out; resizeEvent comes back
            width = max(1, self.contentsRect().width())
            shown = self.fontMetrics().elidedText(shown, Qt.TextElideMode.ElideRight, width)
        self.setToolTip(self.plain if shown != self.plain else "")
        self.setText(marked_html(shown, self.markers))
