"""The main window: scenario picker, field form, the buyer's and the Chinese preview, guidance
and copy.

Built in two steps, so the app opens at once: ``MainWindow(settings)`` is the frame (title,
size, menu bar), cheap enough to paint before anything else is imported; ``populate()`` adds
the panes and the actions once the frame is on screen. The panes' modules, Qt's namespace
enums (about 40 ms to create) and the domain are imported there, not at the top of this
module: the first paint would wait for them (``python3 dev.py bench`` times both).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QMainWindow

from ui import i18n
from ui.i18n import _
from ui.window.behaviour import REPLY_FORMATS, WindowBehaviour
from ui.window.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from PySide6.QtGui import (
        QAction,
        QActionGroup,
        QCloseEvent,
        QResizeEvent,
        QShowEvent,
    )
    from PySide6.QtWidgets import (
        QButtonGroup,
        QLabel,
        QListWidget,
        QMenu,
        QPushButton,
        QRadioButton,
        QScrollArea,
        QSplitter,
    )

    from composer.templating.render import RenderResult
    from composer.templating.scenario import Catalog, Scenario
    from ui.panes.buyer_message import BuyerMessagePane
    from ui.panes.checks_panel import ChecksPanel
    from ui.panes.field_form import FieldForm
    from ui.panes.guidance import GuidancePanel
    from ui.panes.picker import ScenarioPicker
    from ui.panes.preview import PreviewPane
    from ui.window.buyer_language import BuyerLanguageUi
    from ui.window.draft_controller import DraftController
    from ui.window.preview_fit import PreviewFit
    from ui.window.seller_data import SellerDataUi
    from ui.window.settings import WindowSettings
    from ui.window.title_label import TitleLabel


class MainWindow(QMainWindow):
    """Three panes over one DraftController. Built by ``ui.app.build_main_window``."""

    copied = Signal(str)  # a reply went to the clipboard: its language code, or "all"
    retranslated = Signal()  # the interface language changed: parts added later follow it

    # Made by populate(): the frame paints without them.
    catalog: Catalog
    controller: DraftController
    behaviour: WindowBehaviour
    picker: ScenarioPicker
    buyer_message: BuyerMessagePane
    form: FieldForm
    guidance: GuidancePanel
    scenario_title: TitleLabel
    form_scroll: QScrollArea
    example_button: QPushButton
    reset_button: QPushButton
    advise_button: QPushButton
    checks_panel: ChecksPanel
    checks: QListWidget
    format_label: QLabel
    format_buttons: dict[str, QRadioButton]
    format_group: QButtonGroup
    format_actions: dict[str, QAction]
    # The buyer's reply and the Chinese; previews, copy_buttons, copy_actions: by language code.
    buyer_preview: PreviewPane
    chinese_preview: PreviewPane
    buyer_language: BuyerLanguageUi
    copy_buttons: dict[str, QPushButton]
    buyer_copy_button: QPushButton
    chinese_copy_button: QPushButton
    copy_both_button: QPushButton
    guidance_heading: QLabel
    problems_banner: QLabel
    preview_splitter: QSplitter
    right_splitter: QSplitter
    preview_fit: PreviewFit
    main_splitter: QSplitter
    left_splitter: QSplitter
    find_action: QAction
    message_action: QAction
    back_action: QAction
    recent_menu: QMenu
    recent_actions: list[QAction]
    copy_actions: dict[str, QAction]
    buyer_copy_action: QAction
    chinese_copy_action: QAction
    copy_both_action: QAction
    example_action: QAction
    reset_action: QAction
    quit_action: QAction
    language_menu: QMenu
    language_group: QActionGroup
    language_actions: dict[str, QAction]
    theme_menu: QMenu
    theme_group: QActionGroup
    theme_actions: dict[str, QAction]
    shortcuts_action: QAction
    about_action: QAction

    def __init__(self, settings: WindowSettings) -> None:
        """The frame: title, size, place and menu bar, in the current interface language."""
        super().__init__()
        self.settings = settings
        self.ui_language = i18n.content_language()
        self.populated = False
        self._splitters_due = False  # the splitters' saved sizes, restored once shown
        self.seller_data: SellerDataUi | None = None  # once the seller's stores are open
        self.previews: dict[str, PreviewPane] = {}
        self.setObjectName("mainWindow")
        menu_bar = self.menuBar()
        self.reply_menu = menu_bar.addMenu("")
        self.view_menu = menu_bar.addMenu("")
        self.seller_menu = menu_bar.addMenu("")  # filled when the seller's data is open
        self.seller_menu.setObjectName("sellerMenu")
        self.help_menu = menu_bar.addMenu("")
        self.statusBar().setObjectName("statusBar")
        fit_to_screen(self, settings.geometry)
        self._retranslate_frame()

    def populate(self, controller: DraftController) -> None:
        """Add the panes and the actions over ``controller``; once, after the frame.

        No scenario is shown yet: ``open_last_scenario()`` renders the first draft.
        """
        from ui.panes.buyer_message import BuyerMessagePane
        from ui.panes.field_form import FieldForm
        from ui.panes.guidance import GuidancePanel
        from ui.panes.picker import ScenarioPicker
        from ui.panes.preview import PreviewPane
        from ui.window.buyer_language import BuyerLanguageUi, seller_language
        from ui.window.layout import build_actions, build_layout

        catalog = self.catalog = controller.catalog
        self.controller = controller
        self.behaviour = WindowBehaviour(self, controller)
        problems = controller.workspace.problems
        self.picker = ScenarioPicker(catalog, self.ui_language, self)
        self.buyer_message = BuyerMessagePane(controller.workspace, catalog, self.ui_language, self)
        self.form = FieldForm(self, catalog.languages)
        self.buyer_language = BuyerLanguageUi(self)  # the last used, before anything renders
        buyer = catalog.languages.get(self.controller.buyer_language) or seller_language(catalog)
        self.buyer_preview = PreviewPane(buyer, self)
        self.buyer_preview.set_heading_widget(self.buyer_language.picker)
        self.chinese_preview = PreviewPane(seller_language(catalog), self)
        self.previews = {
            buyer.code: self.buyer_preview,
            self.chinese_preview.language.code: self.chinese_preview,
        }
        self.guidance = GuidancePanel(self)
        self._problems = [p for p in problems if p.severity == "error"]
        build_layout(self)
        build_actions(self)
        self.populated = True
        self.retranslate()

        self.picker.scenarioChosen.connect(self.choose_scenario)
        self.picker.scenarioActivated.connect(self._open_from_picker)
        self.buyer_message.suggestionChosen.connect(self.behaviour.open_from_message)
        self.buyer_message.messageRead.connect(self.buyer_language.from_message)
        self.form.valueChanged.connect(self.controller.set_value)
        self.controller.scenarioChanged.connect(self._show_scenario)
        self.controller.rendered.connect(self._show_result)
        self.controller.checked.connect(self._show_checks)
        # Examples or a reset reach the editors; the seller's own typing is already there.
        self.controller.valuesReplaced.connect(lambda: self.form.set_values(self.controller.values))
        for pane in self.previews.values():
            pane.copySubjectRequested.connect(self.behaviour.copy_subject)
            pane.textEdited.connect(self.controller.edit)
        self.checks_panel.checkActivated.connect(self.behaviour.show_check)
        self.checks_panel.platformChosen.connect(self.behaviour.choose_platform)
        central, layout = self.centralWidget(), self.layout()
        if central is not None and layout is not None:
            # Lay the panes out now (Qt would on a later turn): the first draft is measured, and
            # the splitters' saved sizes are restored, at their real width.
            if self.isVisible():
                central.show()
            layout.activate()
        self._restore_state()

    # --- building -----------------------------------------------------------------------------

    def _retranslate_frame(self) -> None:
        self.setWindowTitle(_("Reply Composer"))
        self.reply_menu.setTitle(_("&Reply"))
        self.view_menu.setTitle(_("&View"))
        self.seller_menu.setTitle(_("&Seller"))
        self.help_menu.setTitle(_("&Help"))

    def retranslate(self) -> None:
        """Every text of the window in the current interface language."""
        self.ui_language = i18n.content_language()
        self._retranslate_frame()
        self.statusBar().clearMessage()  # a message from before the switch is in the old one
        if not self.populated:
            return
        self.example_button.setText(_("Fill with example"))
        self.example_button.setToolTip(_("Fill every field with the scenario's example values"))
        self.reset_button.setText(_("Clear fields"))
        self.reset_button.setToolTip(_("Empty every field of this scenario"))
        self.form_scroll.setAccessibleName(_("Fields"))
        self.form_scroll.setAccessibleDescription(_("The details this reply needs"))
        self.checks_panel.ui_language = self.ui_language
        self.checks_panel.retranslate()
        self.format_label.setText(_("Reply as:"))
        for name, (label, tip) in REPLY_FORMATS.items():
            self.format_buttons[name].setText(_(label))
            self.format_buttons[name].setToolTip(_(tip))
            self.format_actions[name].setText(_(label))
            self.format_actions[name].setToolTip(_(tip))
        self.advise_button.setText(_("Advise…"))
        self.advise_button.setToolTip(_("Which remedy to offer, and what each costs you"))
        self.guidance_heading.setText(_("How to handle it"))
        self.buyer_language.retranslate()  # the picker, the copy buttons and actions
        if self._problems:
            shown = "\n".join(str(p) for p in self._problems[:5])
            text = _("Some template files have mistakes and were skipped:") + "\n" + shown
            more = len(self._problems) - 5
            if more > 0:
                text += "\n" + _("…and {count} more.").format(count=more)
            self.problems_banner.setText(text)

        from ui.window.layout import name_actions

        name_actions(self)

        self.picker.retranslate()
        self.picker.set_language(self.ui_language)
        self.buyer_message.retranslate(self.ui_language)
        self.guidance.retranslate()
        for pane in self.previews.values():
            pane.retranslate()
        self.behaviour.update_recent_menu()
        self.retranslated.emit()
        if self.controller.scenario is not None:
            self._show_scenario(self.controller.scenario)
            if self.controller.result is not None:
                self._show_checks()

    def choose_scenario(self, scenario_id: str) -> bool:
        """Show ``scenario_id`` in the form and previews (an edit dropped if the seller says)."""
        leave = self.behaviour.may_leave_edits(scenario_id)
        if not (leave and self.controller.choose(scenario_id)):
            return False
        self.picker.select(scenario_id)
        self.settings.last_scenario = scenario_id
        self.settings.add_recent(scenario_id)
        self.behaviour.update_recent_menu()
        return True

    def _open_from_picker(self, scenario_id: str) -> None:
        """Enter in the picker: open the scenario and put the cursor in its first field."""
        if self.choose_scenario(scenario_id):
            self.form.focus_first()

    def focus_buyer_message(self) -> None:
        """Ctrl+B: the cursor in the buyer's message (shown again if it was folded away)."""
        sizes = self.left_splitter.sizes()
        if sizes and sizes[0] == 0:
            self.left_splitter.setSizes([self.buyer_message.sizeHint().height(), *sizes[1:]])
        self.buyer_message.focus_message()

    def focus_search(self) -> None:
        """Put the cursor in the scenario search, its text selected to type over."""
        from PySide6.QtCore import Qt

        self.picker.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.picker.search.selectAll()

    def update_colors(self) -> None:
        if not self.populated:
            return  # populate() colours what it makes
        from ui.window.layout import color_banner

        color_banner(self)
        self.checks_panel.update_colors()
        for pane in self.previews.values():
            pane.update_colors()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the system switched light/dark
            self.update_colors()

    def show_format(self, name: str) -> None:
        """Tick ``name`` in the row above the previews and in the menu, announcing nothing."""
        button = self.format_buttons[name]
        if not button.isChecked():
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)
        self.format_actions[name].setChecked(True)

    # --- showing what the controller announces ----------------------------------------------

    def _show_scenario(self, scenario: Scenario) -> None:
        others = [t for code, t in scenario.titles.items() if code != self.ui_language]
        title = scenario.title(self.ui_language)
        self.scenario_title.set_parts([title, *others[:1]])
        self.form.set_scenario(scenario, self.controller.values, self.ui_language)
        self.guidance.show_scenario(scenario, self.catalog.languages, self.ui_language)
        self.advise_button.setVisible(scenario.advisor is not None)

    def _show_result(self, result: RenderResult) -> None:
        if self.controller.shown is not None:  # the buyer's pane follows its language first
            self.buyer_language.show(self.controller.shown)
        form = self.controller.template_result
        for code, pane in self.previews.items():
            edited = form.drafts.get(code) if form and code in self.controller.edits else None
            pane.show_draft(result.drafts.get(code), edited.body if edited else None)
        self._align_subjects()

    def _align_subjects(self) -> None:
        # The two bodies start at the same line, so the eye can compare them line by line.
        if not (self.isVisible() and self.previews):
            return  # widths are only real once laid out (showEvent comes back), panes populated
        from ui.panes.preview import align_panes

        align_panes(list(self.previews.values()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._align_subjects()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._restore_splitters()
        self._align_subjects()

    def _show_checks(self, _checks: object = None) -> None:
        if self.controller.scenario is not None:
            self.checks_panel.show_checks(self.controller.checks, self.catalog.languages)

    # --- state ------------------------------------------------------------------------------

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "main": self.main_splitter,
            "left": self.left_splitter,
            "right": self.right_splitter,
            "previews": self.preview_splitter,
        }

    def _restore_state(self) -> None:
        self.behaviour.restore_choices()
        self._splitters_due = True  # restored once the panes have their real widths
        self._restore_splitters()

    def _restore_splitters(self) -> None:
        if not (self.isVisible() and self._splitters_due):
            return
        self._splitters_due = False
        for name, splitter in self._splitters().items():
            state = self.settings.splitter(name)
            if state is not None:
                splitter.restoreState(state)

    def open_last_scenario(self) -> None:
        """Show the scenario the seller had open last (else the first): the first draft."""
        last = self.settings.last_scenario
        if not (last and self.choose_scenario(last)):
            first = next(iter(self.catalog), None)
            if first is not None:
                self.choose_scenario(first.id)

    def save_state(self) -> None:
        self.settings.geometry = self.saveGeometry()
        if self.populated:
            for name, splitter in self._splitters().items():
                self.settings.set_splitter(name, splitter.saveState())
        if not self.settings.sync():
            self.statusBar().showMessage(_("Could not save window settings."), 5000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
