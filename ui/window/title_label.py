"""The scenario's title in both languages, never broken inside a word.

Qt wraps Chinese between any two characters ("物流延误通 / 知"): here the two titles share a
line when they fit, else each takes a line of its own, elided with the whole title as tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

SEPARATOR = "  ·  "


class TitleLabel(QLabel):
    """A label of title parts laid out whole: on one line, on a line each, or elided."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts: list[str] = []
        # Its width comes from the column, never the other way round.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_parts(self, parts: list[str]) -> None:
        self.parts = [p for p in parts if p]
        self.setAccessibleName(SEPARATOR.join(self.parts))
        self._lay_out()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._lay_out()

    def _lay_out(self) -> None:
        metrics = self.fontMetrics()
        width = max(1, self.contentsRect().width())
        whole = SEPARATOR.join(self.parts)
        if metrics.horizontalAdvance(whole) <= width:
            lines = [whole]
        else:
            lines = [metrics.elidedText(p, Qt.TextElideMode.ElideRight, width) for p in self.parts]
        self.setToolTip("" if lines in ([whole], self.parts) else whole)
        self.setText("\n".join(lines))
