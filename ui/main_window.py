"""The main window: scenario picker, field form, bilingual preview, guidance and copy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from composer.scenario import Catalog, Scenario, TemplateProblem
from ui.controller import DraftController
from ui.field_form import FieldForm
from ui.guidance import GuidancePanel
from ui.picker import ScenarioPicker
from ui.preview import PreviewPane, language_suffix
from ui.settings import WindowSettings

if TYPE_CHECKING:  # imports Jinja, which the window does not need to show
    from composer.render import RenderResult

FIELD_ROLE = Qt.ItemDataRole.UserRole + 1
BOTH_SEPARATOR = "\n\n----------\n\n"


class MainWindow(QMainWindow):
    """Three panes over one DraftController. Built by ``ui.app.build_main_window``."""

    def __init__(
        self,
        catalog: Catalog,
        controller: DraftController,
        settings: WindowSettings,
        problems: list[TemplateProblem] | None = None,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.controller = controller
        self.settings = settings
        self.ui_language = settings.ui_language
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Reply Composer"))

        self.picker = ScenarioPicker(catalog, self.ui_language, self)
        self.form = FieldForm(self)
        self.previews = {code: PreviewPane(lang, self) for code, lang in catalog.languages.items()}
        self.guidance = GuidancePanel(self)
        self._build_layout(problems or [])
        self._build_actions()

        self.picker.scenarioChosen.connect(self.choose_scenario)
        self.form.valueChanged.connect(self.controller.set_value)
        self.controller.scenarioChanged.connect(self._show_scenario)
        self.controller.rendered.connect(self._show_result)
        # Examples or a reset reach the editors; the seller's own typing is already there.
        self.controller.valuesReplaced.connect(lambda: self.form.set_values(self.controller.values))
        for pane in self.previews.values():
            pane.copySubjectRequested.connect(self.copy_subject)
        self.checks.itemActivated.connect(self._focus_check)
        self.checks.itemClicked.connect(self._focus_check)
        self._restore_state()

    # --- building -----------------------------------------------------------------------------

    def _build_layout(self, problems: list[TemplateProblem]) -> None:
        # Middle column: scenario title, the form (scrolls), what is left to fill in.
        self.scenario_title = QLabel(self)
        self.scenario_title.setObjectName("scenarioTitle")
        self.scenario_title.setWordWrap(True)
        title_font = self.scenario_title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.scenario_title.setFont(title_font)
        self.form_scroll = QScrollArea(self)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setWidget(self.form)
        self.form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.example_button = QPushButton(self.tr("Fill with example"), self)
        self.example_button.setObjectName("fillExampleButton")
        self.example_button.setToolTip(
            self.tr("Fill every field with the scenario's example values")
        )
        self.reset_button = QPushButton(self.tr("Clear fields"), self)
        self.reset_button.setObjectName("resetFieldsButton")
        self.example_button.clicked.connect(self.controller.fill_examples)
        self.reset_button.clicked.connect(self.controller.reset)
        form_buttons = QHBoxLayout()
        form_buttons.addWidget(self.example_button)
        form_buttons.addWidget(self.reset_button)
        form_buttons.addStretch(1)
        checks_label = QLabel(self.tr("Before you copy"), self)
        checks_label.setObjectName("checksHeading")
        self.checks = QListWidget(self)
        self.checks.setObjectName("checksPanel")
        self.checks.setAccessibleName(self.tr("Before you copy"))
        self.checks.setMaximumHeight(96)
        self.checks.setToolTip(self.tr("Click a line to go to the field"))
        self._check_rows: list[tuple[str, str | None]] = []
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(6, 0, 6, 0)
        middle_layout.addWidget(self.scenario_title)
        middle_layout.addWidget(self.form_scroll, 1)
        middle_layout.addLayout(form_buttons)
        middle_layout.addWidget(checks_label)
        middle_layout.addWidget(self.checks)

        # Right column: previews side by side, the copy buttons, then the guidance.
        self.preview_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.preview_splitter.setObjectName("previewSplitter")
        for pane in self.previews.values():
            self.preview_splitter.addWidget(pane)
        # Chinese glyphs come from a taller fallback font: one height keeps the panes aligned.
        heading = max((p.heading.sizeHint().height() for p in self.previews.values()), default=0)
        for index, pane in enumerate(self.previews.values()):
            pane.heading.setFixedHeight(heading)
            self.preview_splitter.setStretchFactor(index, 1)
        self.copy_buttons: dict[str, QPushButton] = {}
        copy_row = QHBoxLayout()
        for code, pane in self.previews.items():
            button = QPushButton(self.tr("Copy %1").replace("%1", pane.language.name), self)
            button.setObjectName(f"copy{language_suffix(code)}Button")
            button.clicked.connect(lambda _=False, c=code: self.copy_language(c))
            self.copy_buttons[code] = button
            copy_row.addWidget(button)
        self.copy_both_button = QPushButton(self.tr("Copy both"), self)
        self.copy_both_button.setObjectName("copyBothButton")
        self.copy_both_button.clicked.connect(self.copy_both)
        copy_row.addWidget(self.copy_both_button)
        copy_row.addStretch(1)
        if "en" in self.copy_buttons:
            self.copy_buttons["en"].setDefault(True)
        preview_area = QWidget(self)
        preview_layout = QVBoxLayout(preview_area)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.preview_splitter, 1)
        preview_layout.addLayout(copy_row)
        guidance_area = QWidget(self)
        guidance_layout = QVBoxLayout(guidance_area)
        guidance_layout.setContentsMargins(0, 0, 0, 0)
        guidance_heading = QLabel(self.tr("How to handle it"), self)
        guidance_heading.setObjectName("guidanceHeading")
        guidance_layout.addWidget(guidance_heading)
        guidance_layout.addWidget(self.guidance, 1)
        self.right_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.right_splitter.setObjectName("rightSplitter")
        self.right_splitter.addWidget(preview_area)
        self.right_splitter.addWidget(guidance_area)
        self.right_splitter.setStretchFactor(0, 3)
        self.right_splitter.setStretchFactor(1, 1)

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.picker)
        self.main_splitter.addWidget(middle)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setStretchFactor(2, 3)
        self.main_splitter.setSizes([230, 340, 790])
        self.main_splitter.setChildrenCollapsible(False)

        self.problems_banner = QLabel(self)
        self.problems_banner.setObjectName("problemsBanner")
        self.problems_banner.setWordWrap(True)
        self.problems_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_banner.setStyleSheet(
            "QLabel#problemsBanner { background: #fdecea; color: #611a15; padding: 6px;"
            " border: 1px solid #f5c2bd; border-radius: 4px; }"
        )
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            shown = "\n".join(str(p) for p in errors[:5])
            more = len(errors) - 5
            text = self.tr("Some template files have mistakes and were skipped:") + "\n" + shown
            if more > 0:
                text += "\n" + self.tr("…and %1 more.").replace("%1", str(more))
            self.problems_banner.setText(text)
        self.problems_banner.setVisible(bool(errors))

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.problems_banner)
        layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)
        self.statusBar().setObjectName("statusBar")
        self.resize(1360, 820)

    def _build_actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Reply"))
        find = QAction(self.tr("Find scenario"), self)
        find.setShortcuts([QKeySequence(QKeySequence.StandardKey.Find), QKeySequence("Ctrl+K")])
        find.triggered.connect(self.focus_search)
        menu.addAction(find)
        menu.addSeparator()
        for code, button in self.copy_buttons.items():
            action = QAction(button.text(), self)
            action.triggered.connect(lambda _=False, c=code: self.copy_language(c))
            if code == "en":
                action.setShortcut(QKeySequence("Ctrl+Return"))
            menu.addAction(action)
        both = QAction(self.copy_both_button.text(), self)
        both.setShortcut(QKeySequence("Ctrl+Shift+Return"))
        both.triggered.connect(self.copy_both)
        menu.addAction(both)
        menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)

    # --- what the seller does ---------------------------------------------------------------

    def choose_scenario(self, scenario_id: str) -> bool:
        """Show ``scenario_id`` in the form and the previews."""
        if not self.controller.choose(scenario_id):
            return False
        self.picker.select(scenario_id)
        self.settings.last_scenario = scenario_id
        return True

    def focus_search(self) -> None:
        self.picker.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.picker.search.selectAll()

    def copy_language(self, code: str) -> None:
        """Copy one language's reply body to the clipboard, as plain text."""
        result = self.controller.result
        draft = result.drafts.get(code) if result else None
        if draft is None or draft.error:
            self.statusBar().showMessage(self.tr("Nothing to copy yet."), 5000)
            return
        QGuiApplication.clipboard().setText(draft.text())
        name = self.catalog.languages[code].name
        self._confirm_copy(self.tr("Copied the %1 reply").replace("%1", name), draft.text())

    def copy_both(self) -> None:
        """Copy every language's body, one after the other."""
        result = self.controller.result
        if result is None:
            self.statusBar().showMessage(self.tr("Nothing to copy yet."), 5000)
            return
        texts = [d.text() for d in result.drafts.values() if not d.error]
        text = BOTH_SEPARATOR.join(texts)
        QGuiApplication.clipboard().setText(text)
        self._confirm_copy(self.tr("Copied both replies"), text)

    def copy_subject(self, code: str) -> None:
        result = self.controller.result
        draft = result.drafts.get(code) if result else None
        if draft is None or not draft.subject:
            return
        QGuiApplication.clipboard().setText(draft.subject)
        self.statusBar().showMessage(self.tr("Copied the subject line."), 5000)

    def _confirm_copy(self, what: str, text: str) -> None:
        message = (
            what + " " + self.tr("to the clipboard (%1 characters).").replace("%1", str(len(text)))
        )
        missing = self.controller.result.missing if self.controller.result else []
        if missing:
            message += " " + self.tr("Note: %1 required field(s) are still empty.").replace(
                "%1", str(len(missing))
            )
        self.statusBar().showMessage(message, 8000)

    # --- showing what the controller announces ----------------------------------------------

    def _show_scenario(self, scenario: Scenario) -> None:
        others = [t for code, t in scenario.titles.items() if code != self.ui_language]
        title = scenario.title(self.ui_language)
        self.scenario_title.setText(title + (f"  ·  {others[0]}" if others else ""))
        self.form.set_scenario(scenario, self.controller.values, self.ui_language)
        self.guidance.show_scenario(scenario, self.catalog.languages, self.ui_language)

    def _show_result(self, result: RenderResult) -> None:
        for code, pane in self.previews.items():
            pane.show_draft(result.drafts.get(code))
        self._align_subjects()
        self._show_checks(result)

    def _align_subjects(self) -> None:
        # A Chinese subject is shorter and its glyphs taller: without this the two bodies
        # start at different heights and the eye loses the line-by-line comparison.
        if not self.isVisible():
            return  # widths are only real once laid out; showEvent comes back here
        height = max((pane.subject_height() for pane in self.previews.values()), default=0)
        for pane in self.previews.values():
            pane.align_subject(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._align_subjects()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._align_subjects()

    def _show_checks(self, result: RenderResult) -> None:
        scenario = self.controller.scenario
        if scenario is None:
            return
        rows: list[tuple[str, str | None]] = []
        for name in result.missing:
            field = scenario.field(name)
            label = field.label(self.ui_language) if field else name
            rows.append(("⚠ " + self.tr("Fill in: %1").replace("%1", label), name))
        for code, draft in result.drafts.items():
            if draft.error:
                text = self.tr("The %1 template has a mistake").replace("%1", code)
                rows.append(("✖ " + text, None))
        if not rows:
            rows.append(("✔ " + self.tr("Every required field is filled in."), None))
        # Rebuilt only when it changes, not on every keystroke: cheaper, and it keeps item
        # churn (where Qt bindings have had reference-count bugs) off the typing path.
        if rows == self._check_rows:
            return
        self._check_rows = rows
        self.checks.clear()
        for text, field_name in rows:
            item = QListWidgetItem(text)
            item.setData(FIELD_ROLE, field_name)
            self.checks.addItem(item)

    def _focus_check(self, item: QListWidgetItem) -> None:
        name = item.data(FIELD_ROLE)
        if name:
            self.form.focus_field(name)

    # --- state ------------------------------------------------------------------------------

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "main": self.main_splitter,
            "right": self.right_splitter,
            "previews": self.preview_splitter,
        }

    def _restore_state(self) -> None:
        geometry = self.settings.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        for name, splitter in self._splitters().items():
            state = self.settings.splitter(name)
            if state is not None:
                splitter.restoreState(state)
        last = self.settings.last_scenario
        if not (last and self.choose_scenario(last)):
            first = next(iter(self.catalog), None)
            if first is not None:
                self.choose_scenario(first.id)

    def save_state(self) -> None:
        self.settings.geometry = self.saveGeometry()
        for name, splitter in self._splitters().items():
            self.settings.set_splitter(name, splitter.saveState())
        if not self.settings.sync():
            self.statusBar().showMessage(self.tr("Could not save window settings."), 5000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """A short warning for the seller; tests replace it to avoid a modal dialog."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()
