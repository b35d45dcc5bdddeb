"""The seller's own data in the window: snippets, profile and history, and how they connect.

``SellerData`` opens the three stores of a data folder (a bad file is moved aside and reported,
never fatal); ``attach`` adds the snippet panel, the Profile and History entries and a history
record for every copy to a main window.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDockWidget

from composer import paths
from composer.history import HistoryRecord, HistoryStore, restore_values
from composer.profile import ProfileError
from composer.profile_store import ProfileStore
from composer.snippets import SnippetStore
from composer.storage import StoreError, StoreProblem
from ui.i18n import _
from ui.main_window import MainWindow, show_error

if TYPE_CHECKING:  # the dialogs are imported when the seller opens them
    from ui.history_view import HistoryView
    from ui.profile_dialog import ProfileDialog
from ui.snippet_panel import SnippetPanel

log = logging.getLogger("reply_composer")
SNIPPET_STRIP_HEIGHT = 150  # pixels, at first; the seller can drag it


class SellerData:
    """The snippet library, profile and reply history of one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.snippets = SnippetStore(paths.snippets_file(data_dir))
        self.profile = ProfileStore(paths.profile_file(data_dir))
        self.history = HistoryStore(paths.history_file(data_dir))

    @property
    def problems(self) -> list[StoreProblem]:
        return [*self.snippets.problems, *self.profile.problems, *self.history.problems]


class SellerDataUi:
    """What ``attach`` adds to a window; kept on it as ``window.seller_data``."""

    def __init__(self, window: MainWindow, data: SellerData) -> None:
        self.window = window
        self.data = data
        self.history_view: HistoryView | None = None
        self.panel = SnippetPanel(data.snippets, window.catalog.languages, window)
        # A dock below the three columns: it takes height, not the width the columns need.
        self.dock = QDockWidget(window)
        self.dock.setObjectName("snippetDock")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        # A few lines high: the form and the previews keep the height they need.
        window.resizeDocks([self.dock], [SNIPPET_STRIP_HEIGHT], Qt.Orientation.Vertical)
        self.show_panel = self.dock.toggleViewAction()
        self.menu = window.seller_menu
        self.profile_action = QAction(window)
        self.profile_action.triggered.connect(self.edit_profile)
        self.history_action = QAction(window)
        self.history_action.setShortcut("Ctrl+H")
        self.history_action.triggered.connect(self.show_history)
        self.menu.addAction(self.profile_action)
        self.menu.addAction(self.history_action)
        self.menu.addAction(self.show_panel)
        window.addActions([self.profile_action, self.history_action])  # in the cheat sheet too

        self.panel.changed.connect(window.controller.render)
        self.panel.message.connect(lambda text: window.statusBar().showMessage(text, 6000))
        self.panel.problem.connect(self.report)
        window.copied.connect(self.record_copy)
        window.retranslated.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        """The menu, the panel and the history window in the current interface language."""
        self.dock.setWindowTitle(_("Snippets"))
        self.panel.retranslate()
        if self.history_view is not None:
            self.history_view.retranslate()
        self.show_panel.setText(_("Snippets"))
        self.profile_action.setText(_("Your profile…"))
        self.history_action.setText(_("Reply history…"))

    def report(self, text: str) -> None:
        """A change that could not be saved: the log, the status bar and a message."""
        log.warning("%s", text)
        self.window.statusBar().showMessage(text, 10000)
        show_error(self.window, _("Not saved"), text)

    def record_copy(self, copied: str) -> None:
        """Save what was just copied to the history."""
        controller = self.window.controller
        if controller.scenario is None or controller.result is None:
            return
        try:
            self.data.history.add(
                controller.scenario,
                controller.values,
                controller.result,
                copied,
                reply_format=controller.reply_format,
                platform=controller.platform_id,
            )
        except StoreError as exc:
            log.warning("history not saved: %s", exc)
            self.window.statusBar().showMessage(
                _("Copied, but the reply history could not be saved: {error}").format(error=exc),
                10000,
            )
            return
        if self.history_view is not None:
            self.history_view.refresh()

    def edit_profile(self) -> None:
        from ui.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.data.profile.load(), self.window)
        if self.ask(dialog):
            self.save_profile(dialog)

    def ask(self, dialog: QDialog) -> bool:
        """Run a modal dialog; True when accepted (tests replace it)."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def save_profile(self, dialog: ProfileDialog) -> bool:
        try:
            profile = self.data.profile.save(dialog.profile())
        except (StoreError, ProfileError) as exc:
            self.report(str(exc))
            return False
        self.window.controller.set_profile(profile)
        self.window.follow_profile_platform(profile.platform)
        return True

    def show_history(self) -> HistoryView:
        if self.history_view is None:
            from ui.history_view import HistoryView

            self.history_view = HistoryView(self.data.history, self.window.ui_language, self.window)
            self.history_view.reopenRequested.connect(self.reopen)
            self.history_view.problem.connect(self.report)
        self.history_view.refresh()
        self.history_view.show()
        self.history_view.activateWindow()
        return self.history_view

    def reopen(self, record: HistoryRecord) -> bool:
        """Open the record's scenario with its values."""
        scenario = self.window.catalog.get(record.scenario_id)
        if scenario is None:
            self.window.statusBar().showMessage(
                _("The scenario {scenario} is no longer there.").format(
                    scenario=record.scenario_id
                ),
                8000,
            )
            return False
        self.window.controller.restore(scenario.id, restore_values(record, scenario))
        self.window.choose_scenario(scenario.id)
        self.window.statusBar().showMessage(_("Reopened the reply from the history."), 5000)
        return True


def show_store_problems(window: MainWindow, problems: list[StoreProblem]) -> None:
    """Add the stores' problems to the window's banner (below any template problems)."""
    if not problems:
        return
    banner = window.problems_banner
    lines = [banner.text()] if banner.isVisible() and banner.text() else []
    lines.append(_("Some of your data files had a problem:"))
    lines += [str(p) for p in problems]
    banner.setText("\n".join(lines))
    banner.setVisible(True)


def attach(window: MainWindow, data: SellerData) -> SellerDataUi:
    """Add the snippet panel, profile, history and copy records to ``window``."""
    for problem in data.problems:
        log.warning("%s", problem)
    show_store_problems(window, data.problems)
    ui = SellerDataUi(window, data)
    window.seller_data = ui  # type: ignore[attr-defined]
    return ui
