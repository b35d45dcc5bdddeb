"""The main window: scenario picker, field form, bilingual preview, guidance and copy.

Built in two steps, so the app opens at once: ``MainWindow(settings)`` is the frame (title,
size, menu bar), cheap enough to paint before anything else is imported; ``populate()`` adds
the panes and the actions once the frame is on screen. The panes' modules, Qt's namespace
enums (about 40 ms to create) and the domain are imported there, not at the top of this
module: the first paint would wait for them (``python3 dev.py bench`` times both).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from ui import i18n
from ui.i18n import N_, _

if TYPE_CHECKING:
    from PySide6.QtGui import (
        QAction,
        QActionGroup,
        QCloseEvent,
        QKeySequence,
        QResizeEvent,
        QShowEvent,
    )
    from PySide6.QtWidgets import (
        QButtonGroup,
        QLabel,
        QPushButton,
        QRadioButton,
        QScrollArea,
        QSplitter,
    )

    from composer.advisor import Option
    from composer.checks import Check
    from composer.render import RenderResult
    from composer.scenario import Catalog, Scenario
    from ui.advisor import AdvisorDialog
    from ui.checks_panel import ChecksPanel
    from ui.controller import DraftController
    from ui.field_form import FieldForm
    from ui.guidance import GuidancePanel
    from ui.picker import ScenarioPicker
    from ui.preview import PreviewPane
    from ui.seller_data import SellerDataUi
    from ui.settings import WindowSettings

BOTH_SEPARATOR = "\n\n----------\n\n"
# The reply formats a template can take (``format`` in a template; composer.jinja's
# REPLY_FORMATS), with their names in the window. Chat comes first: it is the default.
REPLY_FORMATS = {
    "chat": (N_("Chat message"), N_("A short message for the platform's chat, read on a phone")),
    "email": (N_("E-mail"), N_("The longer, formal letter, for e-mail")),
}


class MainWindow(QMainWindow):
    """Three panes over one DraftController. Built by ``ui.app.build_main_window``."""

    copied = Signal(str)  # a reply went to the clipboard: its language code, or "all"
    retranslated = Signal()  # the interface language changed: parts added later follow it

    # Made by populate(): the frame paints without them.
    catalog: Catalog
    controller: DraftController
    picker: ScenarioPicker
    form: FieldForm
    guidance: GuidancePanel
    scenario_title: QLabel
    form_scroll: QScrollArea
    example_button: QPushButton
    reset_button: QPushButton
    advise_button: QPushButton
    checks_panel: ChecksPanel
    format_label: QLabel
    format_buttons: dict[str, QRadioButton]
    format_group: QButtonGroup
    format_actions: dict[str, QAction]
    copy_buttons: dict[str, QPushButton]
    copy_both_button: QPushButton
    guidance_heading: QLabel
    problems_banner: QLabel
    preview_splitter: QSplitter
    right_splitter: QSplitter
    main_splitter: QSplitter
    find_action: QAction
    back_action: QAction
    recent_actions: list[QAction]
    copy_actions: dict[str, QAction]
    copy_both_action: QAction
    example_action: QAction
    reset_action: QAction
    quit_action: QAction
    language_group: QActionGroup
    language_actions: dict[str, QAction]
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
        self.resize(1360, 820)
        geometry = settings.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._retranslate_frame()

    def populate(self, controller: DraftController) -> None:
        """Add the panes and the actions over ``controller``; once, after the frame.

        No scenario is shown yet: ``open_last_scenario()`` renders the first draft.
        """
        from ui.field_form import FieldForm
        from ui.guidance import GuidancePanel
        from ui.picker import ScenarioPicker
        from ui.preview import PreviewPane

        catalog = self.catalog = controller.catalog
        self.controller = controller
        problems = controller.workspace.problems
        self.picker = ScenarioPicker(catalog, self.ui_language, self)
        self.form = FieldForm(self)
        self.previews = {code: PreviewPane(lang, self) for code, lang in catalog.languages.items()}
        self.guidance = GuidancePanel(self)
        self._problems = [p for p in problems if p.severity == "error"]
        self._build_layout()
        self._build_actions()
        self.populated = True
        self.retranslate()

        self.picker.scenarioChosen.connect(self.choose_scenario)
        self.picker.scenarioActivated.connect(self._open_from_picker)
        self.form.valueChanged.connect(self.controller.set_value)
        self.controller.scenarioChanged.connect(self._show_scenario)
        self.controller.rendered.connect(self._show_result)
        self.controller.checked.connect(self._show_checks)
        # Examples or a reset reach the editors; the seller's own typing is already there.
        self.controller.valuesReplaced.connect(lambda: self.form.set_values(self.controller.values))
        for pane in self.previews.values():
            pane.copySubjectRequested.connect(self.copy_subject)
        self.checks_panel.checkActivated.connect(self.show_check)
        self.checks_panel.platformChosen.connect(self.choose_platform)
        self.advisor_dialog: AdvisorDialog | None = None
        self._accepted_errors: set[tuple[str, str, str | None, str]] = set()
        self._restore_state()
        central, layout = self.centralWidget(), self.layout()
        if self.isVisible() and central is not None and layout is not None:
            # On screen already (the app paints the frame first): Qt would show the new panes
            # and lay them out on a later turn; do it now, so the first draft is measured at
            # its real width (see _align_subjects).
            central.show()
            layout.activate()

    # --- building -----------------------------------------------------------------------------

    def _build_layout(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import (
            QButtonGroup,
            QHBoxLayout,
            QLabel,
            QPushButton,
            QRadioButton,
            QScrollArea,
            QSplitter,
            QVBoxLayout,
        )

        from ui.checks_panel import ChecksPanel
        from ui.preview import language_suffix

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
        self.example_button = QPushButton(self)
        self.example_button.setObjectName("fillExampleButton")
        self.reset_button = QPushButton(self)
        self.reset_button.setObjectName("resetFieldsButton")
        self.example_button.clicked.connect(self.controller.fill_examples)
        self.reset_button.clicked.connect(self.controller.reset)
        form_buttons = QHBoxLayout()
        form_buttons.addWidget(self.example_button)
        form_buttons.addWidget(self.reset_button)
        self.advise_button = QPushButton(self)
        self.advise_button.setObjectName("adviseButton")
        self.advise_button.clicked.connect(self.open_advisor)
        form_buttons.addStretch(1)
        self.checks_panel = ChecksPanel(self.controller.rulebook.platforms, self.ui_language, self)
        self.checks = self.checks_panel.list
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(6, 0, 6, 0)
        middle_layout.addWidget(self.scenario_title)
        middle_layout.addWidget(self.form_scroll, 1)
        middle_layout.addLayout(form_buttons)
        middle_layout.addWidget(self.checks_panel)

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
        for code in self.previews:
            button = QPushButton(self)
            button.setObjectName(f"copy{language_suffix(code)}Button")
            button.clicked.connect(lambda _=False, c=code: self.copy_language(c))
            self.copy_buttons[code] = button
            copy_row.addWidget(button)
        self.copy_both_button = QPushButton(self)
        self.copy_both_button.setObjectName("copyBothButton")
        self.copy_both_button.clicked.connect(self.copy_both)
        copy_row.addWidget(self.copy_both_button)
        copy_row.addStretch(1)
        if "en" in self.copy_buttons:
            self.copy_buttons["en"].setDefault(True)
        # Above the previews: write the reply as a chat message or as the longer e-mail.
        self.format_label = QLabel(self)
        self.format_label.setObjectName("replyFormatLabel")
        self.format_group = QButtonGroup(self)
        self.format_buttons = {}
        format_row = QHBoxLayout()
        format_row.addWidget(self.format_label)
        for name in REPLY_FORMATS:
            choice = QRadioButton(self)
            choice.setObjectName(f"format{name.title()}")  # formatChat, formatEmail
            choice.toggled.connect(lambda checked, n=name: checked and self.set_reply_format(n))
            self.format_group.addButton(choice)
            self.format_buttons[name] = choice
            format_row.addWidget(choice)
        self.format_label.setBuddy(self.format_buttons["chat"])
        format_row.addStretch(1)
        preview_area = QWidget(self)
        preview_layout = QVBoxLayout(preview_area)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addLayout(format_row)
        preview_layout.addWidget(self.preview_splitter, 1)
        preview_layout.addLayout(copy_row)
        guidance_area = QWidget(self)
        guidance_layout = QVBoxLayout(guidance_area)
        guidance_layout.setContentsMargins(0, 0, 0, 0)
        self.guidance_heading = QLabel(self)
        self.guidance_heading.setObjectName("guidanceHeading")
        self.guidance_heading.setBuddy(self.guidance)
        guidance_row = QHBoxLayout()
        guidance_row.addWidget(self.guidance_heading)
        guidance_row.addStretch(1)
        guidance_row.addWidget(self.advise_button)  # the advisor sits with the advice
        guidance_layout.addLayout(guidance_row)
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
        self._color_banner()
        self.problems_banner.setVisible(bool(self._problems))

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.problems_banner)
        layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)

    def _action(
        self, handler: object, shortcuts: list[QKeySequence] | None = None, name: str = ""
    ) -> QAction:
        from PySide6.QtGui import QAction

        action = QAction(self)
        if name:
            action.setObjectName(name)
        if shortcuts:
            action.setShortcuts(shortcuts)
        action.triggered.connect(handler)
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        from PySide6.QtGui import QAction, QActionGroup, QKeySequence

        from ui import theme
        from ui.preview import language_suffix

        key = QKeySequence
        self.find_action = self._action(
            self.focus_search, [key(key.StandardKey.Find), key("Ctrl+K")], "findAction"
        )
        self.back_action = self._action(self.back_to_search, [key("Esc")], "backToSearchAction")
        self.reply_menu.addActions([self.find_action, self.back_action])
        self.recent_menu = self.reply_menu.addMenu("")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_actions = []
        for number in range(1, 10):
            action = self._action(
                lambda _=False, n=number: self.open_recent(n),
                [key(f"Ctrl+{number}")],
                f"recentAction{number}",
            )
            self.recent_actions.append(action)
        self.reply_menu.addSeparator()
        self.copy_actions: dict[str, QAction] = {}
        for code in self.copy_buttons:
            shortcuts = [key("Ctrl+Return"), key("Ctrl+Enter")] if code == "en" else []
            action = self._action(
                lambda _=False, c=code: self.copy_language(c),
                shortcuts,
                f"copy{language_suffix(code)}Action",
            )
            self.copy_actions[code] = action
            self.reply_menu.addAction(action)
        self.copy_both_action = self._action(
            self.copy_both, [key("Ctrl+Shift+Return"), key("Ctrl+Shift+Enter")], "copyBothAction"
        )
        self.reply_menu.addAction(self.copy_both_action)
        self.reply_menu.addSeparator()
        self.format_actions = {}
        format_keys = {"chat": "Ctrl+Shift+M", "email": "Ctrl+Shift+E"}
        format_actions = QActionGroup(self)
        for name in REPLY_FORMATS:
            action = self._action(
                lambda _=False, n=name: self.set_reply_format(n),
                [key(format_keys[name])],
                f"{name}FormatAction",
            )
            action.setCheckable(True)
            format_actions.addAction(action)
            self.format_actions[name] = action
            self.reply_menu.addAction(action)
        self.reply_menu.addSeparator()
        self.example_action = self._action(self.controller.fill_examples, [], "exampleAction")
        self.reset_action = self._action(self.controller.reset, [], "resetAction")
        self.reply_menu.addActions([self.example_action, self.reset_action])
        self.reply_menu.addSeparator()
        self.quit_action = self._action(self.close, [key(key.StandardKey.Quit)], "quitAction")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.reply_menu.addAction(self.quit_action)

        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.setObjectName("languageMenu")
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for setting in (i18n.SYSTEM, *i18n.LANGUAGES):
            action = QAction(self.language_group)
            action.setCheckable(True)
            action.setChecked(setting == self.settings.ui_language)
            action.setData(setting)
            action.triggered.connect(lambda _=False, s=setting: self.set_interface_language(s))
            self.language_actions[setting] = action
            self.language_menu.addAction(action)
        self.theme_menu = self.view_menu.addMenu("")
        self.theme_menu.setObjectName("themeMenu")
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name in theme.THEMES:
            action = QAction(self.theme_group)
            action.setCheckable(True)
            action.setChecked(name == self.settings.theme)
            action.triggered.connect(lambda _=False, t=name: self.set_theme(t))
            self.theme_actions[name] = action
            self.theme_menu.addAction(action)

        self.shortcuts_action = self._action(
            self.show_shortcuts, [key(key.StandardKey.HelpContents)], "shortcutsAction"
        )
        self.about_action = self._action(self.show_about, [], "aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.help_menu.addActions([self.shortcuts_action, self.about_action])

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
        self._name_copy_buttons()
        self.copy_both_button.setText(_("Copy both"))
        self.copy_both_button.setToolTip(_("Copy every language's reply, one after the other"))
        if self._problems:
            shown = "\n".join(str(p) for p in self._problems[:5])
            text = _("Some template files have mistakes and were skipped:") + "\n" + shown
            more = len(self._problems) - 5
            if more > 0:
                text += "\n" + _("…and {count} more.").format(count=more)
            self.problems_banner.setText(text)

        self.find_action.setText(_("Find scenario"))
        self.back_action.setText(_("Back to the search"))
        self.recent_menu.setTitle(_("Recent scenarios"))
        self.copy_both_action.setText(self.copy_both_button.text())
        self.example_action.setText(self.example_button.text())
        self.reset_action.setText(self.reset_button.text())
        self.quit_action.setText(_("&Quit"))
        self.language_menu.setTitle(_("Interface language"))
        for setting, action in self.language_actions.items():
            action.setText(i18n.LANGUAGES.get(setting) or _("Follow the system"))
        self.theme_menu.setTitle(_("Theme"))
        theme_names = {"system": N_("Follow the system"), "light": N_("Light"), "dark": N_("Dark")}
        for name, action in self.theme_actions.items():
            action.setText(_(theme_names[name]))
        self.shortcuts_action.setText(_("Keyboard shortcuts"))
        self.about_action.setText(_("About Reply Composer"))

        self.picker.retranslate()
        self.picker.set_language(self.ui_language)
        self.guidance.retranslate()
        for pane in self.previews.values():
            pane.retranslate()
        self._update_recent_menu()
        self.retranslated.emit()
        if self.controller.scenario is not None:
            self._show_scenario(self.controller.scenario)
            if self.controller.result is not None:
                self._show_checks()

    def _color_banner(self) -> None:
        from ui import theme

        colors = theme.accents()
        self.problems_banner.setStyleSheet(
            f"QLabel#problemsBanner {{ background: {colors.banner_background};"
            f" color: {colors.banner_text}; padding: 6px;"
            f" border: 1px solid {colors.banner_border}; border-radius: 4px; }}"
        )

    # --- what the seller does ---------------------------------------------------------------

    def choose_scenario(self, scenario_id: str) -> bool:
        """Show ``scenario_id`` in the form and the previews."""
        if not self.controller.choose(scenario_id):
            return False
        self.picker.select(scenario_id)
        self.settings.last_scenario = scenario_id
        self.settings.add_recent(scenario_id)
        self._update_recent_menu()
        return True

    def _open_from_picker(self, scenario_id: str) -> None:
        """Enter in the picker: open the scenario and put the cursor in its first field."""
        if self.choose_scenario(scenario_id):
            self.form.focus_first()

    def focus_search(self) -> None:
        """Put the cursor in the scenario search, its text selected to type over."""
        from PySide6.QtCore import Qt

        self.picker.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.picker.search.selectAll()

    def back_to_search(self) -> None:
        """Esc: back to the scenario search from wherever the cursor is."""
        self.focus_search()

    def recent_ids(self) -> list[str]:
        """The scenarios Ctrl+1..9 reopen: recently used, the current one left out."""
        current = self.controller.scenario.id if self.controller.scenario else None
        recent = [r for r in self.settings.recent_scenarios if r != current and self.catalog.get(r)]
        return recent[:9]

    def open_recent(self, number: int) -> None:
        """Ctrl+``number``: reopen the ``number``-th most recent other scenario."""
        recent = self.recent_ids()
        if 0 < number <= len(recent):
            self.choose_scenario(recent[number - 1])
            self.form.focus_first()

    def _update_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_ids()
        for action, scenario_id in zip(self.recent_actions, recent, strict=False):
            scenario = self.catalog.get(scenario_id)
            action.setText(scenario.title(self.ui_language) if scenario else scenario_id)
            self.recent_menu.addAction(action)
        self.recent_menu.setEnabled(bool(recent))

    def set_interface_language(self, setting: str) -> None:
        """Switch the interface language at once ("" follows the system); no restart."""
        self.settings.ui_language = setting
        i18n.set_language(i18n.resolve(setting))
        self.language_actions[setting].setChecked(True)
        self.retranslate()

    def set_theme(self, name: str) -> None:
        """Light, dark, or follow the system."""
        from ui import theme

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.settings.theme = theme.apply_theme(app, name)
        self.theme_actions[self.settings.theme].setChecked(True)
        self._update_colors()

    def _update_colors(self) -> None:
        if not self.populated:
            return  # populate() colours what it makes
        self._color_banner()
        for pane in self.previews.values():
            pane.update_colors()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the system switched light/dark
            self._update_colors()

    def show_shortcuts(self) -> None:
        """F1: every keyboard shortcut, read from the window's own actions."""
        from ui import help_dialogs

        help_dialogs.show_shortcuts(self)

    def show_about(self) -> None:
        from ui import help_dialogs

        help_dialogs.show_about(self)

    def copy_language(self, code: str) -> None:
        """Copy one language's reply body to the clipboard, as plain text."""
        result = self.controller.result
        draft = result.drafts.get(code) if result else None
        if draft is None or draft.error:
            self.statusBar().showMessage(_("Nothing to copy yet."), 5000)
            return
        if not self._may_copy([code]):
            return
        QGuiApplication.clipboard().setText(draft.text())
        name = self.language_name(code)
        message = _("Copied the {language} reply to the clipboard ({count} characters).")
        self._confirm_copy(message.format(language=name, count=len(draft.text())))
        self.copied.emit(code)

    def language_name(self, code: str) -> str:
        """Reply language ``code`` as the interface names it: "Chinese", "中文", "英语"."""
        language = self.catalog.languages[code]
        return i18n.language_name(language.locale, language.name) or language.name

    def copy_both(self) -> None:
        """Copy every language's body, one after the other."""
        result = self.controller.result
        if result is None:
            self.statusBar().showMessage(_("Nothing to copy yet."), 5000)
            return
        if not self._may_copy(list(result.drafts)):
            return
        texts = [d.text() for d in result.drafts.values() if not d.error]
        text = BOTH_SEPARATOR.join(texts)
        QGuiApplication.clipboard().setText(text)
        message = _("Copied both replies to the clipboard ({count} characters).")
        self._confirm_copy(message.format(count=len(text)))
        self.copied.emit("all")

    def _may_copy(self, languages: list[str]) -> bool:
        """True unless the checks found errors in what is copied and the seller says no.

        Asks once for each finding: copying again with only errors already accepted goes ahead.
        """
        from composer.checks import errors
        from ui import dialogs

        found = [c for c in errors(self.controller.checks) if c.language in (None, *languages)]
        scenario = self.controller.scenario.id if self.controller.scenario else ""
        keys = {(scenario, c.code, c.language, c.text("en")) for c in found}
        if keys <= self._accepted_errors:
            return True
        lines = [f"• {c.text(self.ui_language)}" for c in found[:6]]
        if len(found) > 6:
            lines.append(_("…and {count} more.").format(count=len(found) - 6))
        question = (
            _("The checks found {count} error(s) in this reply:").format(count=len(found))
            + "\n\n"
            + "\n".join(lines)
            + "\n\n"
            + _("Copy it anyway?")
        )
        if not dialogs.ask(self, _("Copy with errors?"), question):
            self.statusBar().showMessage(_("Not copied: see “Before you copy”."), 5000)
            return False
        self._accepted_errors |= keys
        return True

    def set_reply_format(self, name: str) -> bool:
        """Write the replies as a chat message or as the longer e-mail, and remember it."""
        if name not in REPLY_FORMATS:
            return False
        self.settings.reply_format = name
        self._show_format(name)
        self.controller.set_format(name)  # renders again at once
        return True

    def _show_format(self, name: str) -> None:
        """Tick ``name`` in the row above the previews and in the menu, announcing nothing."""
        button = self.format_buttons[name]
        if not button.isChecked():
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)
        self.format_actions[name].setChecked(True)

    def choose_platform(self, platform_id: str) -> None:
        """Check drafts against ``platform_id``'s message rules, and remember the choice."""
        if self.controller.set_platform(platform_id):
            self.settings.platform = platform_id
            self.checks_panel.set_platform(platform_id)

    def follow_profile_platform(self, name: str) -> bool:
        """The profile's default platform for the checks, unless one was chosen in the window."""
        if self.settings.platform_chosen:
            return False
        platform_id = self.controller.workspace.platform_named(name)
        if platform_id is not None and self.controller.set_platform(platform_id):
            self.checks_panel.set_platform(platform_id)
            return True
        return False

    def open_advisor(self) -> AdvisorDialog | None:
        """Show the remedy advisor for the current scenario (one with an ``[advisor]``)."""
        scenario = self.controller.scenario
        if scenario is None or scenario.advisor is None:
            return None
        if self.advisor_dialog is not None:
            self.advisor_dialog.close()
            self.advisor_dialog.deleteLater()
        from ui.advisor import AdvisorDialog  # Babel: only once the seller asks

        dialog = AdvisorDialog(scenario, self.controller.values, self.ui_language, self)
        dialog.optionChosen.connect(self.apply_option)
        self.advisor_dialog = dialog
        dialog.show()
        return dialog

    def apply_option(self, option: Option, currency: str) -> None:
        """Fill the scenario's fields with an advised remedy."""
        scenario = self.controller.scenario
        if scenario is None or scenario.advisor is None:
            return
        from composer.advisor import values_for

        values = values_for(scenario.advisor, option, currency)
        if values:
            self.controller.set_values(values)
            self.statusBar().showMessage(
                _("Applied: {option}").format(option=option.label(self.ui_language)), 5000
            )

    def copy_subject(self, code: str) -> None:
        result = self.controller.result
        draft = result.drafts.get(code) if result else None
        if draft is None or not draft.subject:
            return
        QGuiApplication.clipboard().setText(draft.subject)
        self.statusBar().showMessage(_("Copied the subject line."), 5000)

    def _confirm_copy(self, message: str) -> None:
        missing = self.controller.result.missing if self.controller.result else []
        if missing:
            message += " " + _("Note: {count} required field(s) are still empty.").format(
                count=len(missing)
            )
        self.statusBar().showMessage(message, 8000)

    # --- showing what the controller announces ----------------------------------------------

    def _show_scenario(self, scenario: Scenario) -> None:
        others = [t for code, t in scenario.titles.items() if code != self.ui_language]
        title = scenario.title(self.ui_language)
        self.scenario_title.setText(title + (f"  ·  {others[0]}" if others else ""))
        self.form.set_scenario(scenario, self.controller.values, self.ui_language)
        self.guidance.show_scenario(scenario, self.catalog.languages, self.ui_language)
        self.advise_button.setVisible(scenario.advisor is not None)

    def _name_copy_buttons(self) -> None:
        self._languages_named = True
        for code, button in self.copy_buttons.items():
            language = self.catalog.languages[code]
            name = i18n.language_name(language.locale, language.name)
            if name is None:  # until the first draft has loaded Babel
                name, self._languages_named = language.name, False
            button.setText(_("Copy {language}").format(language=name))
            button.setToolTip(_("Copy the {language} reply as plain text").format(language=name))
        for code, action in self.copy_actions.items():
            action.setText(self.copy_buttons[code].text())

    def _show_result(self, result: RenderResult) -> None:
        if not self._languages_named:
            self._name_copy_buttons()
        for code, pane in self.previews.items():
            pane.show_draft(result.drafts.get(code))
        self._align_subjects()

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

    def _show_checks(self, _checks: object = None) -> None:
        if self.controller.scenario is not None:
            self.checks_panel.show_checks(self.controller.checks, self.catalog.languages)

    def show_check(self, check: Check) -> None:
        """Show where a finding is: select its span in the preview; focus an unfilled field."""
        from PySide6.QtCore import Qt

        pane = self.previews.get(check.language or "")
        if pane is not None and check.end > check.start:
            pane.select_span(check.part, check.start, check.end)
        if check.field:
            self.form.focus_field(check.field)
        elif pane is not None:
            pane.body.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- state ------------------------------------------------------------------------------

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "main": self.main_splitter,
            "right": self.right_splitter,
            "previews": self.preview_splitter,
        }

    def _restore_state(self) -> None:
        from composer.platforms import DEFAULT_PLATFORM

        if not self.controller.set_platform(self.settings.platform):
            self.settings.platform = DEFAULT_PLATFORM
            self.controller.set_platform(DEFAULT_PLATFORM)
        if self.controller.platform is not None:
            self.checks_panel.set_platform(self.controller.platform.id)
        saved = self.settings.reply_format
        reply_format = saved if saved in REPLY_FORMATS else next(iter(REPLY_FORMATS))
        self.controller.set_format(reply_format)
        self._show_format(reply_format)
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


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """A short warning for the seller; tests replace it to avoid a modal dialog."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()
