"""Orders ▸ Import orders…: choose the export, the mapping step for a file of unknown
columns, one write, and what was added, updated and skipped (``OrdersUi`` inherits it)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog

from composer.orders.reading import ExportFileError
from composer.storage.file_format import StoreError
from composer.workspace import Changes
from composer.workspace.orders import OrderBook
from ui.i18n import _

if TYPE_CHECKING:
    from composer.orders.formats import ColumnMapping
    from ui.window.main_window import MainWindow

log = logging.getLogger("reply_composer")
EXPORT_FILTER = "*.csv *.tsv *.txt *.xlsx *.xls *.xlsm *.ods"


class ImportSteps:
    """Importing an order export into the window's workspace."""

    # What the window's orders controller (``ui.orders.controller.OrdersUi``) provides.
    window: MainWindow
    book: OrderBook
    tell_problems: Callable[[], None]  # the order files' problems, in the banner once
    follow: Callable[[Changes], None]  # the views follow what the import changed
    _report: Callable[[str], None]  # a problem for the seller: the log and a message

    def choose_file(self) -> Path | None:
        """Ask for an export file (tests replace it)."""
        name, _filter = QFileDialog.getOpenFileName(
            self.window, _("Import orders"), "", _("Order exports") + f" ({EXPORT_FILTER})"
        )
        return Path(name) if name else None

    def ask_mapping(self, path: Path, headers: list[str]) -> ColumnMapping | None:
        """The mapping step: the seller says which column is which (tests replace it)."""
        from ui.orders.mapping import MappingDialog

        dialog = MappingDialog(path.name, headers, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.mapping()

    def import_file(self, path: Path | None = None) -> bool:
        """Orders ▸ Import orders…: recognise the export (or ask which column is which),
        import it in one write, and say what it added, updated and skipped."""
        path = path if isinstance(path, Path) else self.choose_file()
        if path is None:
            return False
        status = self.window.statusBar()
        self.tell_problems()
        try:
            headers = self.book.needs_mapping(path)
            mapping = None
            if headers is not None:
                mapping = self.ask_mapping(path, headers)
                if mapping is None:
                    status.showMessage(_("Not imported: {file}.").format(file=path.name), 6000)
                    return False
            report, changes = self.book.import_file(path, mapping)
        except (ExportFileError, StoreError) as exc:
            self._report(str(exc))
            return False
        text = _(
            "Imported {file}: {added} added, {updated} updated, {unchanged} unchanged, "
            "{skipped} skipped."
        ).format(
            file=path.name,
            added=len(report.added),
            updated=len(report.updated),
            unchanged=len(report.unchanged),
            skipped=len(report.skipped),
        )
        if report.skipped:
            shown = "\n".join(str(s) for s in report.skipped[:8])
            more = len(report.skipped) - 8
            if more > 0:
                shown += "\n" + _("…and {count} more.").format(count=more)
            from ui.window.behaviour import show_error

            show_error(self.window, _("Some rows were skipped"), text + "\n\n" + shown)
        status.showMessage(text, 10000)
        log.info("%s", text)
        self.follow(changes)
        return True
