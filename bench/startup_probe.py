"""One start-up, timed from outside by bench/run.py.

    python bench/startup_probe.py bare
    python bench/startup_probe.py widgets
    python bench/startup_probe.py libraries
    python bench/startup_probe.py floor
    python bench/startup_probe.py app DATA_DIR SCENARIO_ID

Prints ``shown`` when the main window first paints and ``ready`` when it has nothing left to
do for the seller (for the app: the previews hold the rendering of ``SCENARIO_ID``, the
scenario the data folder's settings restore), then quits. The parent timestamps the lines as
it reads them, so every mode is timed from the same process start the same way.

``widgets`` is the floor under the app's first paint: a window with the same kinds and
numbers of Qt widgets and the same kind of text (Chinese included), built directly, with none
of the app's code. ``libraries`` is the floor under the ready window: that window, then (after
it paints) what the first draft needs from the libraries: Jinja's sandbox renders a template,
Babel formats a date and an amount in both reply languages, TinyDB opens a store.
``floor`` is the fair floor of issue 13, the budget's yardstick: a plainer window (a scenario
list, a 10-row form and two text panes) followed by the same library work.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


class Watcher(QObject):
    """Sees every event of the application: reports the first paint, then polls for ready."""

    def __init__(
        self, app: QApplication, scenario_id: str | None, work: Callable[[], None] | None = None
    ) -> None:
        """``work``: done after the first paint, before ready (for the ``libraries`` floor)."""
        super().__init__()
        self.app = app
        self.scenario_id = scenario_id
        self.work = work
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
            # Watching every event costs the process a Python call each (and Python types for
            # the objects they concern): stop once the first paint is seen; poll for ready.
            self.app.removeEventFilter(self)
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
        if self.work is not None:
            self.work, work = None, self.work
            work()
        if self._is_ready():
            self.timer.stop()
            # One more turn, so the update the new text asked for is painted first.
            QTimer.singleShot(0, self._ready)

    def _ready(self) -> None:
        print("ready", flush=True)
        self.app.quit()


ENGLISH = """Dear Maria,

Thank you for your order 8175630291847563. We are sorry: your parcel is held at customs
inspection, which is taking longer than usual. It should now arrive by Friday, March 27, 2026.
We will keep watching the tracking number LP00123456789CN for you.

Best regards,
Lin
Sunny Home Store"""
CHINESE = """亲爱的Maria，您好！

感谢您的订单8175630291847563。很抱歉，您的包裹正在接受海关查验，时间比平时长。
预计将于2026年3月27日星期五前送达。我们会继续为您跟踪物流单号LP00123456789CN。

祝您生活愉快！
Lin
Sunny Home Store"""


def widgets_window() -> QMainWindow:
    """The app's window, widget for widget, with fixed texts and no app code."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QDateEdit,
        QFormLayout,
        QLabel,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
        QPushButton,
        QSplitter,
        QTextBrowser,
        QTreeView,
        QVBoxLayout,
    )

    window = QMainWindow()
    window.setWindowTitle("Reply Composer")
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.addWidget(QLineEdit(placeholderText="Search scenarios (e.g. delay, 催付)"))
    model = QStandardItemModel(left)
    for category in ("Payment 付款", "Shipping notices 物流通知", "Delivery problems 配送问题"):
        group = QStandardItem(category)
        for number in range(5):
            group.appendRow(QStandardItem(f"Scenario {number} 场景{number}"))
        model.appendRow(group)
    tree = QTreeView()
    tree.setModel(model)
    tree.setHeaderHidden(True)
    tree.expandAll()
    left_layout.addWidget(tree)
    middle = QWidget()
    form = QFormLayout(middle)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    title = QLabel("Buyer wants to change the address  ·  买家要求修改地址")
    font = title.font()
    font.setBold(True)
    title.setFont(font)
    form.addRow(title)
    for number in range(9):
        form.addRow(QLabel(f"Field {number} 字段 *"), QLineEdit())
    form.addRow(QLabel("Delivery date"), QDateEdit())
    form.addRow(QPushButton("Fill with example"), QPushButton("Clear fields"))
    checks = QListWidget()
    checks.addItems(["⚠ Fill in: Order number", "⚠ Fill in: New address"])
    form.addRow(checks)
    previews = QSplitter(Qt.Orientation.Horizontal)
    for text in (ENGLISH, CHINESE):
        pane = QPlainTextEdit(text)
        pane.setReadOnly(True)
        previews.addWidget(pane)
    right = QSplitter(Qt.Orientation.Vertical)
    right.addWidget(previews)
    guidance = QTextBrowser()
    guidance.setHtml(
        "<h4>English</h4><ul><li>Offer a re-shipment.</li></ul><h4>中文</h4>"
        "<ul><li>低价值商品：重新发货。</li></ul>"
    )
    right.addWidget(guidance)
    main = QSplitter(Qt.Orientation.Horizontal)
    for part in (left, middle, right):
        main.addWidget(part)
    window.setCentralWidget(main)
    window.menuBar().addMenu("&Reply")
    window.statusBar()
    return window


def floor_window() -> QMainWindow:
    """The fair floor's window: a scenario list, a 10-row form and two text panes."""
    from PySide6.QtWidgets import (
        QFormLayout,
        QHBoxLayout,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
    )

    window = QMainWindow()
    window.setWindowTitle("Reply Composer")
    central = QWidget()
    row = QHBoxLayout(central)
    scenarios = QListWidget()
    scenarios.addItems([f"Scenario {number} 场景{number}" for number in range(15)])
    row.addWidget(scenarios)
    form_area = QWidget()
    form = QFormLayout(form_area)
    for number in range(10):
        form.addRow(f"Field {number} 字段", QLineEdit())
    row.addWidget(form_area)
    for text in (ENGLISH, CHINESE):
        pane = QPlainTextEdit(text)
        pane.setReadOnly(True)
        row.addWidget(pane)
    window.setCentralWidget(central)
    return window


def first_draft_libraries() -> None:
    """What a first draft needs from the libraries, called directly (no app code)."""
    import datetime as dt
    import tempfile
    from pathlib import Path

    from babel.dates import format_date
    from babel.numbers import format_currency
    from jinja2.sandbox import SandboxedEnvironment
    from tinydb import TinyDB

    environment = SandboxedEnvironment(autoescape=False, keep_trailing_newline=True)
    template = environment.from_string(
        "Dear {{ name }},\n{% if late %}We are sorry: {% endif %}your order {{ order }} should"
        " arrive by {{ date }}. Refund: {{ amount }}.\n{% for line in lines %}{{ line }}\n"
        "{% endfor %}"
    )
    for locale in ("en_US", "zh_CN"):
        template.render(
            name="Maria",
            late=True,
            order="8175630291847563",
            date=format_date(dt.date(2026, 3, 27), "full", locale=locale),
            amount=format_currency(12.5, "USD", locale=locale),
            lines=ENGLISH.splitlines() if locale == "en_US" else CHINESE.splitlines(),
        )
    with tempfile.TemporaryDirectory() as folder:
        store = TinyDB(Path(folder) / "snippets.json")
        store.all()
        store.close()


def main() -> int:
    mode = sys.argv[1]
    app = QApplication([sys.argv[0]])
    work = first_draft_libraries if mode in ("libraries", "floor") else None
    watcher = Watcher(app, sys.argv[3] if mode == "app" else None, work)
    app.installEventFilter(watcher)
    if mode in ("bare", "widgets", "libraries", "floor"):
        builders = {"bare": QMainWindow, "floor": floor_window}
        window = builders.get(mode, widgets_window)()
        window.resize(1360, 820)
        window.show()
        return int(app.exec())
    from ui.app import main as app_main

    return app_main(["reply-composer", "--data-dir", sys.argv[2]])


if __name__ == "__main__":
    sys.exit(main())
