"""The previews as high as their replies need on a tall window, the advice below taking the rest.

At 1920×1080 a chat reply fills half of its preview: the rest was empty while the handling
advice under it scrolled. Whenever another scenario or format is shown, or the window's height
changes, the previews get the height of their longer reply and a few lines to write more (never
less than ``LEAST_SHARE`` of the column) and the advice the rest. Once the seller drags the
handle between them, their choice stands for the session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

SLACK_LINES = 4  # room under the longer reply to add a sentence without scrolling
LEAST_SHARE = 0.35  # of the column's height: the previews never get less than this
MOST_SHARE = 0.75  # ...nor more, so the advice keeps a few lines


class PreviewFit(QObject):
    """Fits the right column's split between the previews and the handling advice."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.held = False  # the seller moved the handle: theirs from now on
        self._shown: tuple[str, str] | None = None  # the scenario and format last fitted
        self._fitting = False
        window.right_splitter.splitterMoved.connect(self._moved)
        window.right_splitter.installEventFilter(self)
        window.controller.rendered.connect(self._rendered)

    def _moved(self, _pos: int, _index: int) -> None:
        if not self._fitting:
            self.held = True

    def _rendered(self, _result: object) -> None:
        scenario = self.window.controller.scenario
        shown = (scenario.id if scenario else "", self.window.controller.reply_format)
        if shown != self._shown:  # not on every keystroke: only a new reply is measured
            self._shown = shown
            QTimer.singleShot(0, self, self.fit)  # once the new text is laid out

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self.fit)
        return False

    def needed(self) -> int:
        """The previews' height for the longer reply as laid out now, with ``SLACK_LINES``."""
        panes = list(self.window.previews.values())
        if not panes:
            return 0
        area = self.window.right_splitter.widget(0)
        height = area.height() if area is not None else 0
        extra = max(height - pane.body.viewport().height() for pane in panes)
        lines = max(pane.body.document().size().height() for pane in panes)  # laid-out lines
        spacing = max(pane.body.fontMetrics().lineSpacing() for pane in panes)
        return int(extra + (lines + SLACK_LINES) * spacing + 8)

    def fit(self) -> None:
        """Give the previews what they need within their share; the advice the rest."""
        splitter = self.window.right_splitter
        total = sum(splitter.sizes())
        if self.held or not self.window.isVisible() or total <= 0:
            return
        previews = min(max(self.needed(), int(total * LEAST_SHARE)), int(total * MOST_SHARE))
        self._fitting = True
        try:
            splitter.setSizes([previews, total - previews])
        finally:
            self._fitting = False
