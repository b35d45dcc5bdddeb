"""Starting the app: ``reply-composer`` / ``python -m ui``, and the factory tests use."""

from __future__ import annotations

import argparse
import contextlib
import linecache
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from composer import paths
from composer.cli.options import OneLineParser, VersionAction, add_folder_options
from ui import i18n
from ui.assets import app_icon
from ui.i18n import _
from ui.window.behaviour import show_error
from ui.window.main_window import MainWindow
from ui.window.settings import WindowSettings

log = logging.getLogger("reply_composer")


def build_main_window(
    data_dir: str | Path, template_dirs: Sequence[str | Path] | None = None
) -> MainWindow:
    """The ready main window, not shown, over ``data_dir`` and the given template folders.

    Without ``template_dirs``: the shipped templates, then the seller's own in ``data_dir``.
    The interface language is the one saved in ``data_dir``'s settings, else the system's.
    A QApplication must exist.
    """
    window = window_frame(WindowSettings(Path(data_dir)))
    populate_window(window, template_dirs)
    window.open_last_scenario()
    return window


def window_frame(settings: WindowSettings) -> MainWindow:
    """The main window's frame (title, menu bar), in the saved interface language."""
    i18n.set_language(i18n.resolve(settings.ui_language))
    return MainWindow(settings)


def populate_window(window: MainWindow, template_dirs: Sequence[str | Path] | None = None) -> None:
    """Open the data folder's workspace and fill ``window``'s frame with the panes over it.

    Nothing is rendered yet (``window.open_last_scenario()`` does that). The app calls this
    once the frame is on screen: nothing here is needed to paint it.
    """
    from composer.workspace import Workspace
    from ui.editor.actions import attach as attach_reply_actions
    from ui.window.draft_controller import DraftController
    from ui.window.seller_data import attach

    data = window.settings.data_dir
    workspace = Workspace(
        data, paths.template_dirs(data) if template_dirs is None else template_dirs
    )
    for problem in workspace.problems:
        log.warning("%s: %s", problem.severity, problem)
    for mistake in workspace.rulebook.problems:
        log.warning("platform rules: %s", mistake)
    window.populate(DraftController(workspace, window))
    attach(window, workspace)
    attach_reply_actions(window, workspace)


def _parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = OneLineParser(prog="reply-composer", description="Reply Composer")
    add_folder_options(parser)
    parser.add_argument("--version", action=VersionAction)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that the app works (offscreen, in a temporary data folder), print one line "
        "and exit 0, or 1 naming what failed",
    )
    args, _qt_args = parser.parse_known_args(argv)
    return args


def _setup_logging(data: Path) -> Path | None:
    """Log to ``logs/reply-composer.log`` in the data folder; None when it cannot be written."""
    handler: logging.Handler
    log_file: Path | None = data / "logs" / "reply-composer.log"
    try:
        assert log_file is not None
        log_file.parent.mkdir(parents=True, exist_ok=True)
        # Keep one older log once it passes 1 MB (checked at start; logging.handlers' rotating
        # handler would cost ~14 ms of imports on every start). Windows refuses to rename a
        # file another copy of the app has open: then this one appends to it instead.
        if log_file.exists() and log_file.stat().st_size > 1_000_000:
            with contextlib.suppress(OSError):
                log_file.replace(log_file.with_suffix(".log.1"))
        handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        log_file, handler = None, logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return log_file


def _install_excepthook(log_file: Path | None) -> None:
    """An unexpected error shows a short message and goes to the log; the window stays."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("unexpected error\n%s", details)
        if isinstance(error, KeyboardInterrupt):
            QApplication.quit()
            return
        where = str(log_file) if log_file else _("the console")
        show_error(
            QApplication.activeWindow(),
            _("Something went wrong"),
            _(
                "Reply Composer hit an unexpected error. Your draft is still here. "
                "The details were saved to {place}."
            ).format(place=where),
            details,
        )

    sys.excepthook = hook


def main(argv: Sequence[str] | None = None) -> int:
    """Start the app and run until its window closes."""
    started = time.perf_counter()
    argv = list(sys.argv if argv is None else argv)
    args = _parse_args(argv[1:])
    if args.self_test:
        from ui.selftest import self_test

        return self_test(argv[0], [Path(p) for p in args.templates])
    if _no_display(argv):
        print(
            "reply-composer: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are "
            "not set): start it from a desktop session, or on a server with `xvfb-run -a "
            "reply-composer`; `reply-composer --self-test` checks it without a window.",
            file=sys.stderr,
        )
        return NO_DISPLAY
    data = paths.data_dir(args.data_dir)
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Reply Composer")
    app.setOrganizationName("ReplyComposer")
    app.setDesktopFileName("reply-composer")
    app.setWindowIcon(app_icon())
    from ui import theme

    theme.use_chinese_fonts(app)
    try:
        data.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        i18n.set_language(i18n.system_language())
        show_error(
            None,
            _("Data folder unavailable"),
            _(
                "The data folder {folder} cannot be created ({reason}). Settings will not be saved."
            ).format(folder=data, reason=exc.strerror or exc),
        )
    log_file = _setup_logging(data)
    _install_excepthook(log_file)
    settings = WindowSettings(data)
    if settings.theme != "system":  # the system's is Qt's own: nothing to apply
        theme.apply_theme(app, settings.theme)
    # The frame paints first; the templates, the panes and the first draft come right after.
    window = window_frame(settings)
    window.show()
    extra = [Path(p) for p in args.templates]

    def shown() -> None:
        populate_window(window, paths.template_dirs(data, extra))
        _forget_source_lines()
        window.open_last_scenario()  # the first draft: Jinja and Babel
        _forget_source_lines()
        if not settings.first_run_done:
            QTimer.singleShot(0, lambda: _welcome(window))
        elapsed = (time.perf_counter() - started) * 1000
        count = len(window.catalog)
        log.info("window shown: %d scenarios, first draft %.0f ms after main()", count, elapsed)

    after_first_paint(window, shown)
    return int(app.exec())


NO_DISPLAY = 3
"""The exit code when Linux has no display for the window (as ``dev.py start``'s)."""


def _no_display(argv: Sequence[str]) -> bool:
    """True on Linux with no X11 or Wayland display and no Qt platform chosen (the
    ``QT_QPA_PLATFORM`` variable or ``-platform``): Qt would die there with a message about
    missing xcb libraries, which points a newcomer the wrong way."""
    if not sys.platform.startswith("linux") or "-platform" in argv:
        return False
    return not any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    )


def _forget_source_lines() -> None:
    """Free the source lines of the modules just imported.

    PySide6 reads the whole source of every module imported after it, looking for ``from
    __feature__ import`` (PYSIDE-2029), and ``linecache`` keeps every line: about 7 MB for a
    start. A traceback reads the lines it needs again.
    """
    linecache.clearcache()


def _welcome(window: MainWindow) -> None:
    from ui.profile import first_run  # the welcome and the profile form: on a first start only

    first_run.offer(window)


class _FirstPaint(QObject):
    """Calls back once, on the event-loop turn after a widget first paints."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        # A window that never paints (started minimised) still gets its first draft.
        QTimer.singleShot(FIRST_PAINT_TIMEOUT_MS, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


FIRST_PAINT_TIMEOUT_MS = 1000


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Run ``callback`` once ``widget`` is on screen: work the first paint does not need."""
    _FirstPaint(widget, callback)
