"""The seller's own data in the window: snippets, profile and history, and how they connect.

``attach`` opens the workspace's three stores (a bad file is moved aside and reported, never
fatal) and adds the snippet panel, the Profile and History entries and a history record for
every copy to a main window.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDockWidget

from composer.storage.file_format import StoreError, StoreProblem
from composer.storage.history import HistoryRecord, restore_values
from composer.storage.profile import ProfileError
from composer.workspace import Changes, Workspace
from ui.i18n import _
from ui.window.behaviour import show_error
from ui.window.main_window import MainWindow

if TYPE_CHECKING:  # the dialogs are imported when the seller opens them
    from ui.history.view import HistoryView
    from ui.profile.dialog import ProfileDialog
from ui.snippets.panel import SnippetPanel

log = logging.getLogger("reply_composer")
SNIPPET_STRIP_HEIGHT = 100  # pixels, at first; the seller can drag it
COMPACT_BELOW = 900  # on a screen lower than this, the window starts with the strip at its smallest


class SellerDataUi:
    """What ``attach`` adds to a window; kept on it as ``window.seller_data``."""

    def __init__(self, window: MainWindow, workspace: Workspace) -> None:
        self.window = window
        self.workspace = workspace
        self.history_view: HistoryView | None = None
        self.panel = SnippetPanel(workspace, window.catalog.languages, window)
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
        # On a laptop's screen (800 pixels high or less) the strip starts as small as it goes.
        screen = window.screen()
        compact = screen is not None and screen.availableGeometry().height() < COMPACT_BELOW
        height = self.panel.minimumSizeHint().height() if compact else SNIPPET_STRIP_HEIGHT
        window.resizeDocks([self.dock], [height], Qt.Orientation.Vertical)
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

        self.panel.changed.connect(self.follow)
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

    def follow(self, changes: Changes) -> None:
        """What a change of the seller's data means for the window's other parts."""
        self.window.controller.apply(changes)
        if changes.history and self.history_view is not None:
            self.history_view.refresh()

    def report(self, text: str) -> None:
        """A change that could not be saved: the log, the status bar and a message."""
        log.warning("%s", text)
        self.window.statusBar().showMessage(text, 10000)
        show_error(self.window, _("Not saved"), text)

    def record_copy(self, copied: str) -> None:
        """Save what was just copied to the history."""
        composed = self.window.controller.composed
        if composed is None:
            return
        try:
            message = self.window.buyer_message.message()
            changes = self.workspace.record_copy(composed, copied, buyer_message=message)
        except StoreError as exc:
            log.warning("history not saved: %s", exc)
            self.window.statusBar().showMessage(
                _("Copied, but the reply history could not be saved: {error}").format(error=exc),
                10000,
            )
            return
        self.follow(changes)

    def edit_profile(self) -> None:
        from ui.profile.dialog import ProfileDialog

        dialog = ProfileDialog(self.workspace.profile(), self.window)
        if self.ask(dialog):
            self.save_profile(dialog)

    def ask(self, dialog: QDialog) -> bool:
        """Run a modal dialog; True when accepted (tests replace it)."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def save_profile(self, dialog: ProfileDialog) -> bool:
        try:
            profile, _changes = self.workspace.save_profile(dialog.profile())
        except (StoreError, ProfileError) as exc:
            self.report(str(exc))
            return False
        self.window.controller.set_profile(profile)
        self.window.behaviour.follow_profile_platform(profile.platform)
        return True

    def show_history(self) -> HistoryView:
        if self.history_view is None:
            from ui.history.view import HistoryView

            self.history_view = HistoryView(
                self.workspace.history, self.window.ui_language, self.window
            )
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
        if record.copied in self.window.buyer_language.codes:  # in the language it went out in
            self.window.buyer_language.choose(record.copied)
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


def attach(window: MainWindow, workspace: Workspace) -> SellerDataUi:
    """Open the seller's stores; add the snippet panel, profile, history and copy records to
    ``window``, and fill the forms with the saved profile."""
    problems = workspace.open_stores()
    for problem in problems:
        log.warning("%s", problem)
    show_store_problems(window, problems)
    ui = SellerDataUi(window, workspace)
    window.seller_data = ui
    profile = workspace.profile()
    window.controller.set_profile(profile)
    window.behaviour.follow_profile_platform(profile.platform)
    return ui
