"""One start-up, timed from outside by bench/run.py.

    python bench/startup_probe.py bare
    python bench/startup_probe.py app DATA_DIR SCENARIO_ID

Prints ``shown`` when the main window first paints and ``ready`` when it has nothing left to
do for the seller (for the app: the previews hold the rendering of ``SCENARIO_ID``, the
scenario the data folder's settings restore), then quits. The parent timestamps the lines as
it reads them, so both modes are timed from the same process start the same way.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


class Watcher(QObject):
    """Sees every event of the application: reports the first paint, then polls for ready."""

    def __init__(self, app: QApplication, scenario_id: str | None) -> None:
        super().__init__()
        self.app = app
        self.scenario_id = scenario_id
        self.window: QMainWindow | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._check_ready)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.window is None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and isinstance(watched.window(), QMainWindow)
        ):
            self.window = watched.window()  # type: ignore[assignment]
            print("shown", flush=True)
            self.timer.start()
        return False

    def _is_ready(self) -> bool:
        if self.scenario_id is None:
            return True
        controller = getattr(self.window, "controller", None)
        result = getattr(controller, "result", None)
        if result is None or result.scenario_id != self.scenario_id:
            return False
        previews = getattr(self.window, "previews", {})
        return bool(previews) and all(p.body.toPlainText() for p in previews.values())

    def _check_ready(self) -> None:
        if self._is_ready():
            self.timer.stop()
            # One more turn, so the update the new text asked for is painted first.
            QTimer.singleShot(0, self._ready)

    def _ready(self) -> None:
        print("ready", flush=True)
        self.app.quit()


def main() -> int:
    mode = sys.argv[1]
    app = QApplication([sys.argv[0]])
    watcher = Watcher(app, sys.argv[3] if mode == "app" else None)
    app.installEventFilter(watcher)
    if mode == "bare":
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.resize(1360, 820)
        window.show()
        return int(app.exec())
    from ui.app import main as app_main

    return app_main(["reply-composer", "--data-dir", sys.argv[2]])


if __name__ == "__main__":
    sys.exit(main())
