"""The "Before you copy" panel: the pre-send checks of the draft and the platform chooser.

Each finding shows its severity (icon and colour) and its message in the interface language;
activating one asks the window to show where it is (``checkActivated``). The platform chooser
picks whose message rules apply (``platformChosen``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from composer.judgement.rules import Platform
from composer.templating.scenario import Language
from ui import i18n, theme
from ui.i18n import N_, _

if TYPE_CHECKING:
    from composer.judgement.findings import Check

CHECK_ROLE = Qt.ItemDataRole.UserRole + 2  # the finding's index in ``ChecksPanel.checks``
MAX_LIST_HEIGHT = 120  # pixels: about five lines, then it scrolls
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3  # "error", "warning" or "info": its colour
ICONS = {
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}
CERTAINTY = {
    "documented": N_("the platform's own policy says so"),
    "reported": N_("reported by seller guides"),
    "cautious": N_("a cautious default"),
}


class ChecksPanel(QWidget):
    """The heading with the platform chooser, and the list of findings (``checksPanel``)."""

    platformChosen = Signal(str)
    checkActivated = Signal(object)  # Check
    fixRequested = Signal(object)  # Check: write its fix into its reply

    def __init__(
        self, platforms: Mapping[str, Platform], ui_language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.platforms = platforms
        self.ui_language = ui_language
        self.checks: list[Check] = []
        self._rows: list[tuple[str, str, str]] = []
        self._platform: Platform | None = None

        self.heading = QLabel(self)
        self.heading.setObjectName("checksHeading")
        self.platform_label = QLabel(self)
        self.chooser = QComboBox(self)
        self.chooser.setObjectName("platformChooser")
        for platform_id, platform in platforms.items():
            self.chooser.addItem(platform.name(ui_language), platform_id)
        self.platform_label.setBuddy(self.chooser)
        # A finding that knows its fix (an edited reply's stale value): one click writes it in.
        self.fix_button = QPushButton(self)
        self.fix_button.setObjectName("checkFixButton")
        self.fix_button.setVisible(False)
        self.fix_button.clicked.connect(self._fix)
        self.list = QListWidget(self)
        self.list.setObjectName("checksPanel")
        self.list.setWordWrap(True)
        # As high as its lines, up to a cap: "Ready to copy" alone leaves the height to the form.
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

        chooser_row = QHBoxLayout()
        chooser_row.setContentsMargins(0, 0, 0, 0)
        chooser_row.addWidget(self.platform_label)
        chooser_row.addWidget(self.chooser)
        chooser_row.addStretch(1)
        chooser_row.addWidget(self.fix_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(chooser_row)
        layout.addWidget(self.list)

        self.chooser.currentIndexChanged.connect(self._chosen)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.list.currentRowChanged.connect(lambda _row: self._show_fix())
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Before you copy"))
        self.platform_label.setText(_("Platform:"))
        self.chooser.setToolTip(_("Whose message rules the checks apply"))
        self.chooser.setAccessibleName(_("Platform"))
        self.list.setAccessibleName(_("Before you copy"))
        self.list.setToolTip(_("Click a line to see where it is"))
        self.list.setAccessibleDescription(_("What is left to fill in or fix"))
        self.fix_button.setText(_("Use the form's value"))
        for index in range(self.chooser.count()):
            platform = self.platforms.get(self.chooser.itemData(index))
            if platform is not None:
                self.chooser.setItemText(index, platform.name(self.ui_language))
        self._rows = []  # rebuild the rows in the new language next time

    def set_platform(self, platform_id: str) -> None:
        """Show ``platform_id`` as chosen, without announcing it."""
        index = self.chooser.findData(platform_id)
        if index >= 0:
            self.chooser.blockSignals(True)
            self.chooser.setCurrentIndex(index)
            self.chooser.blockSignals(False)
        self._platform = self.platforms.get(platform_id)

    def show_checks(self, checks: Sequence[Check], languages: Mapping[str, Language]) -> None:
        """List ``checks``; the list is rebuilt only when what it shows changes."""
        rows = [(c.severity, self._text(c, languages), self._tooltip(c)) for c in checks]
        if not rows:
            rows = [("ok", "✔ " + _("Ready to copy: no problems found."), "")]
        self.checks = list(checks)
        self._show_fix()
        # Rebuilt only when it changes, not on every keystroke: cheaper, and it keeps item
        # churn (where Qt bindings have had reference-count bugs) off the typing path.
        if rows == self._rows:
            return
        self._rows = rows
        self.list.clear()
        style = self.style()
        for index, (severity, text, tooltip) in enumerate(rows):
            item = QListWidgetItem(text)
            if severity in ICONS:
                item.setIcon(style.standardIcon(ICONS[severity]))
                item.setData(SEVERITY_ROLE, severity)
                item.setData(CHECK_ROLE, index)
            item.setToolTip(tooltip)
            self.list.addItem(item)
        self.update_colors()
        self._fit_height()

    def update_colors(self) -> None:
        """Each line in its severity's colour for the current theme (readable on either)."""
        colors = theme.accents()
        by_severity = {"error": colors.error_text, "warning": colors.warning_text}
        for row in range(self.list.count()):
            item = self.list.item(row)
            severity = item.data(SEVERITY_ROLE)
            if severity:
                item.setForeground(QColor(by_severity.get(severity, colors.info_text)))

    def _fit_height(self) -> None:
        """The list as high as its lines (wrapped at its width), at most ``MAX_LIST_HEIGHT``."""
        # Measured here: the view's own row hint does not wrap at the list's current width.
        metrics = self.list.fontMetrics()
        icon = self.list.iconSize().width() or self.style().pixelMetric(
            QStyle.PixelMetric.PM_SmallIconSize
        )
        room = max(40, self.list.viewport().width() - icon - 16)
        wrap = Qt.TextFlag.TextWordWrap
        lines = sum(
            max(icon, metrics.boundingRect(QRect(0, 0, room, 10_000), wrap, item.text()).height())
            + 4
            for item in map(self.list.item, range(self.list.count()))
        )
        # ...nor is the text measured here always as tall as the row the view lays out (its
        # icon, a taller font for the quotes): the larger of the two.
        self.list.doItemsLayout()
        laid_out = sum(
            self.list.visualItemRect(item).height()
            for item in map(self.list.item, range(self.list.count()))
        )
        frame = 2 * self.list.frameWidth() + 4
        self.list.setFixedHeight(min(MAX_LIST_HEIGHT, max(lines, laid_out, 1) + frame))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()  # a narrower list wraps its lines onto more rows

    def texts(self) -> list[str]:
        """What the list shows, line by line."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _text(self, check: Check, languages: Mapping[str, Language]) -> str:
        message = check.text(self.ui_language)
        if check.language is None or check.field or len(languages) < 2:
            return message  # an unfilled field is the same in every language
        language = languages.get(check.language)
        name = i18n.reply_language_name(language) if language else check.language
        return f"{name}: {message}"

    def _tooltip(self, check: Check) -> str:
        rule = self._platform.rules.get(check.code) if self._platform else None
        if rule is None:
            return check.code
        certainty = _(CERTAINTY.get(rule.certainty, rule.certainty))
        return f"{check.code} ({certainty})\n{rule.source}"

    def fixable(self) -> Check | None:
        """The finding the fix button writes in: the selected one if it has a fix, else the
        first that has one."""
        item = self.list.currentItem()
        index = item.data(CHECK_ROLE) if item is not None else None
        if (
            isinstance(index, int)
            and 0 <= index < len(self.checks)
            and self.checks[index].fix is not None
        ):
            return self.checks[index]
        return next((c for c in self.checks if c.fix is not None), None)

    def _show_fix(self) -> None:
        check = self.fixable()
        self.fix_button.setVisible(check is not None)
        if check is not None:
            self.fix_button.setToolTip(
                _("Write “{text}” in its place in your edited reply (Ctrl+Z undoes)").format(
                    text=check.fix
                )
            )

    def _fix(self) -> None:
        check = self.fixable()
        if check is not None:
            self.fixRequested.emit(check)

    def _chosen(self, index: int) -> None:
        platform_id = self.chooser.itemData(index)
        if platform_id:
            self._platform = self.platforms.get(platform_id)
            self.platformChosen.emit(platform_id)

    def _activated(self, item: QListWidgetItem) -> None:
        index = item.data(CHECK_ROLE)
        if isinstance(index, int) and 0 <= index < len(self.checks):
            self.checkActivated.emit(self.checks[index])
