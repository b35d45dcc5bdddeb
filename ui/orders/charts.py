"""Small bar charts drawn with QPainter: buyers and money per tier, the dispute rate per
platform, the remedy cost per month.

QtCharts was weighed and left out: it ships in PySide6-Addons (a 175 MB wheel, 438 MB
installed, not in ``requirements.lock``), and pulls QtOpenGL for what is here a handful of
horizontal bars. A bar is a rectangle and a label; this widget draws them in the theme's colours,
with every figure written beside its bar (a seller reads the number, the bar shows the
proportion), and says so when there is nothing to draw yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import theme

LIGHT_SERIES = ("#3b73b9", "#e08a1e", "#3f9a5b")
DARK_SERIES = ("#7fb0f0", "#ffb057", "#7fd49a")  # lighter on a dark background


@dataclass(frozen=True)
class Series:
    """One set of bars: its name (in the legend), a value per category, and how a value
    is written beside its bar."""

    name: str
    values: Sequence[float]
    labels: Sequence[str]


class BarChart(QWidget):
    """Horizontal bars, one row per category, one bar per series in each row."""

    BAR = 14  # pixels per bar
    GAP = 8  # between categories
    LONGEST = 360  # the longest bar, in pixels: bars far from their labels are hard to compare

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_data(
        self, title: str, categories: Sequence[str], series: Sequence[Series], empty_text: str
    ) -> None:
        """What to draw; ``empty_text`` shows when every value is zero."""
        self.title = title
        self.categories = list(categories)
        self.series = list(series)
        self.empty_text = empty_text
        self.setToolTip(self.as_text())
        self.setAccessibleName(title)
        self.setAccessibleDescription(self.as_text())
        self.updateGeometry()
        self.update()

    def as_text(self) -> str:
        """The chart as lines of text: its tooltip, what a screen reader says, what tests read."""
        lines = [self.title]
        for index, category in enumerate(self.categories):
            shown = [
                f"{s.name} {s.labels[index]}" if s.name else s.labels[index] for s in self.series
            ]
            lines.append(f"{category}: " + ", ".join(shown))
        return "\n".join(lines)

    def has_data(self) -> bool:
        return any(v for s in self.series for v in s.values)

    def _line(self) -> int:
        return self.fontMetrics().height()

    def sizeHint(self) -> QSize:
        line = self._line()
        legend = line + 4 if len(self.series) > 1 else 0
        if not self.has_data():
            return QSize(320, 2 * line + 16)
        row = max(len(self.series) * self.BAR, line) + self.GAP
        return QSize(320, line + 8 + legend + len(self.categories) * row + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def colors(self) -> tuple[str, ...]:
        return DARK_SERIES if theme.is_dark(self.palette()) else LIGHT_SERIES

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        line = self._line()
        metrics = self.fontMetrics()
        bold = self.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_color)
        width = self.width()
        painter.drawText(QRectF(0, 0, width, line + 4), Qt.AlignmentFlag.AlignLeft, self.title)
        painter.setFont(self.font())
        y = line + 8
        if not self.has_data():
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRectF(0, y, width, line + 4), Qt.AlignmentFlag.AlignLeft,
                             self.empty_text)  # fmt: skip
            painter.end()
            return
        colors = self.colors()
        if len(self.series) > 1:  # a legend: a swatch and a name per series
            x = 0.0
            for index, series in enumerate(self.series):
                painter.fillRect(QRectF(x, y + 3, 10, 10), QColor(colors[index % len(colors)]))
                painter.setPen(text_color)
                painter.drawText(
                    QRectF(x + 14, y - 2, width, line + 4), Qt.AlignmentFlag.AlignVCenter,
                    series.name,
                )  # fmt: skip
                x += 14 + metrics.horizontalAdvance(series.name) + 16
            y += line + 4
        label_width = min(
            max((metrics.horizontalAdvance(c) for c in self.categories), default=0) + 12,
            width // 3,
        )
        value_width = max(
            (metrics.horizontalAdvance(v) for s in self.series for v in s.labels), default=0
        )
        bar_space = min(max(width - label_width - value_width - 12, 20), self.LONGEST)
        top = max((v for s in self.series for v in s.values), default=0) or 1
        row = max(len(self.series) * self.BAR, line)
        for index, category in enumerate(self.categories):
            painter.setPen(text_color)
            label = metrics.elidedText(category, Qt.TextElideMode.ElideRight, label_width - 4)
            painter.drawText(
                QRectF(0, y, label_width - 4, row),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                label,
            )
            for number, series in enumerate(self.series):
                value = series.values[index]
                bar_y = y + number * self.BAR + (row - len(self.series) * self.BAR) / 2
                length = bar_space * value / top
                color = QColor(colors[number % len(colors)])
                painter.fillRect(QRectF(label_width, bar_y + 1, length, self.BAR - 2), color)
                painter.setPen(text_color)
                painter.drawText(
                    QRectF(label_width + length + 4, bar_y - 2, value_width + 8, self.BAR + 4),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    series.labels[index],
                )
            y += row + self.GAP
        painter.end()
