"""The seller's own replies in the main window: the Reply menu's New, Duplicate, Edit, Delete,
Restore and Undo; the Seller menu's pack export and import and Open data folder.

Each action calls one operation of ``workspace.replies`` and follows what it changed: the
catalog was loaded again, so the picker, the form and the previews show the new replies
(``follow``). Dialogs that ask go through ``ask`` and files through ``choose_file``, which tests
replace.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog

from composer import paths
from composer.templating.scenario import Scenario
from composer.workspace import Changes, Workspace
from ui.i18n import _
from ui.window.behaviour import show_error
from ui.window.main_window import MainWindow

if TYPE_CHECKING:  # the editor, the writer and the checks: imported when first used
    from composer.library.own import Removed
    from composer.workspace.replies import ReplyLibrary
    from ui.editor.dialog import ReplyEditor
    from ui.editor.import_dialog import ImportDialog

PACK_SUFFIX = ".replypack"  # composer.library.packs.PACK_SUFFIX, without importing it

log = logging.getLogger("reply_composer")


class _OnClose(QObject):
    """Calls back when the window is closing: an open editor keeps its draft at once."""

    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.callback()
        return False


class ReplyActions:
    """What ``attach`` adds to a window; kept on it as ``window.reply_actions``."""

    def __init__(self, window: MainWindow, workspace: Workspace) -> None:
        self._closing = _OnClose(self.keep_open_draft, window)
        self.window = window
        self.workspace = workspace
        self.editor: ReplyEditor | None = None
        self.import_dialog: ImportDialog | None = None
        self.removed: Removed | None = None
        self.actions: dict[str, QAction] = {}
        handlers = {
            "newReply": self.new_reply,
            "duplicateReply": self.duplicate_reply,
            "editReply": self.edit_reply,
            "deleteReply": self.delete_reply,
            "restoreShipped": self.restore_shipped,
            "undoDeleteReply": self.undo_delete,
            "exportPack": self.export_pack,
            "importPack": self.import_pack,
            "openDataFolder": self.open_data_folder,
        }
        for name, handler in handlers.items():
            action = QAction(window)
            action.setObjectName(f"{name}Action")
            action.triggered.connect(lambda _=False, h=handler: h())
            self.actions[name] = action
        self.actions["newReply"].setShortcut("Ctrl+Shift+N")
        menu = window.reply_menu
        before = window.quit_action
        for name in ("newReply", "duplicateReply", "editReply", "deleteReply"):
            menu.insertAction(before, self.actions[name])
        menu.insertAction(before, self.actions["restoreShipped"])
        menu.insertAction(before, self.actions["undoDeleteReply"])
        menu.insertSeparator(before)
        seller = window.seller_menu
        seller.addSeparator()
        for name in ("exportPack", "importPack", "openDataFolder"):
            seller.addAction(self.actions[name])
        window.addActions(list(self.actions.values()))
        window.controller.scenarioChanged.connect(lambda _s: self.update_actions())
        window.installEventFilter(self._closing)
        window.retranslated.connect(self.retranslate)
        self.retranslate()
        self.update_actions()

    def retranslate(self) -> None:
        texts = {
            "newReply": _("New reply…"),
            "duplicateReply": _("Duplicate this reply…"),
            "editReply": _("Edit this reply…"),
            "deleteReply": _("Delete this reply"),
            "restoreShipped": _("Restore the shipped reply"),
            "undoDeleteReply": _("Undo delete"),
            "exportPack": _("Export your replies…"),
            "importPack": _("Import replies…"),
            "openDataFolder": _("Open data folder"),
        }
        for name, text in texts.items():
            self.actions[name].setText(text)
        if self.editor is not None:
            self.editor.retranslate()

    @property
    def library(self) -> ReplyLibrary:
        return self.workspace.replies

    def current(self) -> Scenario | None:
        return self.window.controller.scenario

    def update_actions(self) -> None:
        """Delete for the seller's own replies; Restore for a copy of a shipped one."""
        scenario = self.current()
        own = scenario is not None and self.is_own(scenario)
        shipped = paths.shipped_templates_dir() / f"{scenario.id}.toml" if scenario else None
        copy_of_shipped = own and shipped is not None and shipped.is_file()
        self.actions["duplicateReply"].setEnabled(scenario is not None)
        self.actions["editReply"].setEnabled(scenario is not None)
        self.actions["deleteReply"].setEnabled(own and not copy_of_shipped)
        self.actions["restoreShipped"].setEnabled(copy_of_shipped)
        self.actions["undoDeleteReply"].setEnabled(self.removed is not None)

    def is_own(self, scenario: Scenario) -> bool:
        """True for a reply from the seller's folder (worked out without the editor's code)."""
        folder = paths.user_templates_dir(self.workspace.data_dir)
        return scenario.source is not None and scenario.source.parent == folder

    def say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10000)

    def report(self, text: str) -> None:
        log.warning("%s", text)
        self.say(text)
        show_error(self.window, _("Not saved"), text)

    def follow(self, changes: Changes, chosen: str | None = None) -> None:
        """The templates were loaded again: the picker, the form and the previews follow."""
        if not changes.templates:
            return
        window = self.window
        window.picker.refresh()
        window.controller.reload(chosen)
        scenario = window.controller.scenario
        if scenario is not None:
            window.picker.select(scenario.id)
            window.settings.last_scenario = scenario.id
        errors = [p for p in self.workspace.problems if p.severity == "error"]
        window._problems = errors
        window.problems_banner.setVisible(bool(errors))
        if errors:
            window.retranslate()
        self.update_actions()

    # --- the editor ---------------------------------------------------------------------

    def open_editor(
        self,
        spec: Any,
        *,
        editing: Scenario | None,
        key: str,
        original: Any = None,
        restored: Any = None,
    ) -> ReplyEditor:
        from ui.editor.dialog import ReplyEditor

        if self.editor is not None:
            self.editor.close()
        editor = ReplyEditor(
            self.library,
            spec,
            editing=editing,
            draft_key=key,
            original=original,
            restored=restored,
            parent=self.window,
        )
        editor.saved.connect(self._saved)
        editor.closedWithDraft.connect(
            lambda: self.say(_("Your unsaved reply is kept as a draft; open it again to go on."))
        )
        self.editor = editor
        editor.show()
        return editor

    def keep_open_draft(self) -> None:
        """The window closes: the reply being written is kept as a draft now (its last
        keystrokes may not have been checked yet)."""
        if self.editor is not None and self.editor.isVisible():
            self.editor.close()

    def new_reply(self) -> ReplyEditor:
        """An editor for a new reply (the latest unsaved new reply, if one is kept)."""
        from composer.library.own import OwnRepliesError
        from composer.library.spec import new_spec

        catalog = self.workspace.catalog
        current = self.current()
        category = current.category if current else next(iter(catalog.categories), "")
        blank = new_spec(catalog.file_languages(), category)
        drafts = self.library.own.drafts
        kept = drafts.latest_new()
        if kept is not None:
            try:
                spec = drafts.load(kept.key, catalog)
            except OwnRepliesError as exc:
                self.say(str(exc))
                spec = None
            if spec is not None:
                return self.open_editor(
                    spec, editing=None, key=kept.key, original=blank, restored=kept.kept
                )
        return self.open_editor(blank, editing=None, key=drafts.new_key())

    def edit_reply(self, scenario: Scenario | None = None) -> ReplyEditor | None:
        """An editor for ``scenario`` (the current one); a shipped reply is saved as your copy."""
        from composer.library.own import OwnRepliesError

        scenario = scenario or self.current()
        if scenario is None:
            return None
        try:
            original = self.library.spec_of(scenario)
            drafts = self.library.own.drafts
            draft = drafts.load(scenario.id, self.workspace.catalog)
        except OwnRepliesError as exc:
            self.report(str(exc))
            return None
        kept = next((d.kept for d in drafts.kept() if d.key == scenario.id), None)
        return self.open_editor(
            draft or original,
            editing=scenario,
            key=scenario.id,
            original=original,
            restored=kept if draft is not None else None,
        )

    def _saved(self, scenario_id: str) -> None:
        self.follow(Changes(templates=True), scenario_id)
        scenario = self.workspace.catalog.get(scenario_id)
        title = scenario.title(self.window.ui_language) if scenario else scenario_id
        self.say(_("Saved “{title}”.").format(title=title))

    # --- duplicate, delete, restore -------------------------------------------------------

    def duplicate_reply(self) -> ReplyEditor | None:
        """Copy the current reply into your folder and open the copy in the editor."""
        from composer.library.own import OwnRepliesError

        scenario = self.current()
        if scenario is None:
            return None
        try:
            saved, changes = self.library.duplicate(scenario)
        except OwnRepliesError as exc:
            self.report(str(exc))
            return None
        self.follow(changes, saved.scenario_id)
        copy = self.workspace.catalog.get(saved.scenario_id)
        if copy is None:
            return None
        if copy.id == scenario.id:
            self.say(_("Your copy now shows instead of the shipped reply; Restore brings it back."))
        return self.edit_reply(copy)

    def delete_reply(self) -> None:
        self._remove(_("Deleted “{title}”. Reply ▸ Undo delete brings it back."))

    def restore_shipped(self) -> None:
        self._remove(_("The shipped “{title}” is back. Reply ▸ Undo delete brings your copy back."))

    def _remove(self, message: str) -> None:
        from composer.library.own import OwnRepliesError

        scenario = self.current()
        if scenario is None or not self.is_own(scenario):
            return
        title = scenario.title(self.window.ui_language)
        try:
            self.removed, changes = self.library.delete(scenario)
        except OwnRepliesError as exc:
            self.report(str(exc))
            return
        self.follow(changes, scenario.id)
        self.say(message.format(title=title))

    def undo_delete(self) -> None:
        from composer.library.own import OwnRepliesError

        removed, self.removed = self.removed, None
        if removed is None:
            return
        try:
            changes = self.library.undo_delete(removed)
        except OwnRepliesError as exc:
            self.report(str(exc))
            return
        self.follow(changes, removed.scenario_id)
        self.say(_("Your reply is back."))

    # --- packs and the data folder ------------------------------------------------------

    def choose_file(self, save: bool) -> Path | None:
        """Ask for a pack file (tests replace this)."""
        pattern = _("Reply packs (*{suffix})").format(suffix=PACK_SUFFIX)
        if save:
            start = str(Path.home() / f"my-replies{PACK_SUFFIX}")
            name, _f = QFileDialog.getSaveFileName(
                self.window, _("Export your replies"), start, pattern
            )
        else:
            name, _f = QFileDialog.getOpenFileName(self.window, _("Import replies"), "", pattern)
        return Path(name) if name else None

    def ask(self, dialog: QDialog) -> bool:
        """Run a modal dialog; True when accepted (tests replace it)."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def export_pack(self) -> list[str]:
        from composer.library.packs import PackError

        target = self.choose_file(save=True)
        if target is None:
            return []
        if target.suffix != PACK_SUFFIX:
            target = target.with_name(target.name + PACK_SUFFIX)
        try:
            ids = self.library.export_pack(target)
        except PackError as exc:
            self.report(str(exc))
            return []
        self.say(_("{count} replies exported to {file}.").format(count=len(ids), file=target))
        return ids

    def import_pack(self) -> list[Path]:
        from composer.library.own import OwnRepliesError
        from composer.library.packs import PackError
        from ui.editor.import_dialog import ImportDialog

        source = self.choose_file(save=False)
        if source is None:
            return []
        try:
            plan = self.library.plan_import(source)
        except PackError as exc:
            self.report(str(exc))
            return []
        self.import_dialog = ImportDialog(plan, source.name, self.window)
        if not self.ask(self.import_dialog):
            return []
        try:
            written, changes = self.library.apply_import(plan)
        except OwnRepliesError as exc:
            self.report(str(exc))
            return []
        self.follow(changes)
        self.say(_("{count} replies imported.").format(count=len(written)))
        return written

    def open_data_folder(self) -> bool:
        folder = self.workspace.data_dir
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def attach(window: MainWindow, workspace: Workspace) -> ReplyActions:
    """Add the reply editor's actions to ``window``."""
    actions = ReplyActions(window, workspace)
    window.reply_actions = actions  # type: ignore[attr-defined]
    return actions
