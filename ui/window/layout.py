"""The main window's panes laid out and its menus' actions made (the view's widgets).

Imported by ``MainWindow.populate()`` once the frame is on screen, so its imports (Qt's
namespace enums among them) are not paid for by the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui import i18n, theme
from ui.i18n import N_, _
from ui.panes.checks_panel import ChecksPanel
from ui.panes.preview import language_suffix
from ui.window.behaviour import REPLY_FORMATS
from ui.window.preview_fit import PreviewFit
from ui.window.title_label import TitleLabel

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow


def build_layout(window: MainWindow) -> None:
    """The panes' layout: picker | form and checks | previews, copy buttons and guidance."""
    # Middle column: scenario title, the form (scrolls), what is left to fill in.
    window.scenario_title = TitleLabel(window)
    window.scenario_title.setObjectName("scenarioTitle")
    title_font = window.scenario_title.font()
    title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
    title_font.setBold(True)
    window.scenario_title.setFont(title_font)
    window.form_scroll = QScrollArea(window)
    window.form_scroll.setWidgetResizable(True)
    # The form follows the column's width (its editors shrink); it only ever scrolls down.
    window.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    window.form_scroll.setWidget(window.form)
    window.form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    window.example_button = QPushButton(window)
    window.example_button.setObjectName("fillExampleButton")
    window.reset_button = QPushButton(window)
    window.reset_button.setObjectName("resetFieldsButton")
    window.example_button.clicked.connect(window.controller.fill_examples)
    window.reset_button.clicked.connect(window.controller.reset)
    form_buttons = QHBoxLayout()
    form_buttons.addWidget(window.example_button)
    form_buttons.addWidget(window.reset_button)
    window.advise_button = QPushButton(window)
    window.advise_button.setObjectName("adviseButton")
    window.advise_button.clicked.connect(window.behaviour.open_advisor)
    form_buttons.addStretch(1)
    window.checks_panel = ChecksPanel(
        window.controller.rulebook.platforms, window.ui_language, window
    )
    window.checks = window.checks_panel.list
    window.checks_panel.fixRequested.connect(window.behaviour.fix_check)
    middle = QWidget(window)
    middle_layout = QVBoxLayout(middle)
    middle_layout.setContentsMargins(6, 0, 6, 0)
    middle_layout.addWidget(window.scenario_title)
    middle_layout.addWidget(window.form_scroll, 1)
    middle_layout.addLayout(form_buttons)
    middle_layout.addWidget(window.checks_panel)

    # Right column: the buyer's reply beside the Chinese, the copy buttons, then the guidance.
    window.preview_splitter = QSplitter(Qt.Orientation.Horizontal, window)
    window.preview_splitter.setObjectName("previewSplitter")
    panes = (window.buyer_preview, window.chinese_preview)
    # The buyer's pane has the language picker for a heading, and Chinese glyphs come from a
    # taller fallback font: one height keeps the two bodies aligned.
    heading = max(p.header.sizeHint().height() for p in panes)
    for index, pane in enumerate(panes):
        window.preview_splitter.addWidget(pane)
        pane.header.setFixedHeight(heading)
        window.preview_splitter.setStretchFactor(index, 1)
    copy_row = QHBoxLayout()
    # Copy the buyer's reply (in whichever language it is shown), copy the Chinese.
    window.buyer_copy_button = QPushButton(window)
    buyer = window.buyer_preview.language.code  # until the buyer's language changes
    window.buyer_copy_button.setObjectName(f"copy{language_suffix(buyer)}Button")
    window.buyer_copy_button.clicked.connect(lambda _=False: window.behaviour.copy_buyer())
    window.chinese_copy_button = QPushButton(window)
    chinese = window.chinese_preview.language.code
    window.chinese_copy_button.setObjectName(f"copy{language_suffix(chinese)}Button")
    window.chinese_copy_button.clicked.connect(
        lambda _=False: window.behaviour.copy_language(chinese)
    )
    window.copy_buttons = {
        window.buyer_preview.language.code: window.buyer_copy_button,
        chinese: window.chinese_copy_button,
    }
    copy_row.addWidget(window.buyer_copy_button)
    copy_row.addWidget(window.chinese_copy_button)
    window.copy_both_button = QPushButton(window)
    window.copy_both_button.setObjectName("copyBothButton")
    window.copy_both_button.clicked.connect(window.behaviour.copy_both)
    copy_row.addWidget(window.copy_both_button)
    copy_row.addStretch(1)
    window.buyer_copy_button.setDefault(True)
    # Above the previews: write the reply as a chat message or as the longer e-mail.
    window.format_label = QLabel(window)
    window.format_label.setObjectName("replyFormatLabel")
    window.format_group = QButtonGroup(window)
    window.format_buttons = {}
    format_row = QHBoxLayout()
    format_row.addWidget(window.format_label)
    for name in REPLY_FORMATS:
        choice = QRadioButton(window)
        choice.setObjectName(f"format{name.title()}")  # formatChat, formatEmail
        choice.toggled.connect(
            lambda checked, n=name: checked and window.behaviour.set_reply_format(n)
        )
        window.format_group.addButton(choice)
        window.format_buttons[name] = choice
        format_row.addWidget(choice)
    window.format_label.setBuddy(window.format_buttons["chat"])
    format_row.addStretch(1)
    preview_area = QWidget(window)
    preview_layout = QVBoxLayout(preview_area)
    preview_layout.setContentsMargins(0, 0, 0, 0)
    preview_layout.addLayout(format_row)
    preview_layout.addWidget(window.preview_splitter, 1)
    preview_layout.addLayout(copy_row)
    guidance_area = QWidget(window)
    guidance_layout = QVBoxLayout(guidance_area)
    guidance_layout.setContentsMargins(0, 0, 0, 0)
    window.guidance_heading = QLabel(window)
    window.guidance_heading.setObjectName("guidanceHeading")
    window.guidance_heading.setBuddy(window.guidance)
    guidance_row = QHBoxLayout()
    guidance_row.addWidget(window.guidance_heading)
    guidance_row.addStretch(1)
    guidance_row.addWidget(window.advise_button)  # the advisor sits with the advice
    guidance_layout.addLayout(guidance_row)
    guidance_layout.addWidget(window.guidance, 1)
    window.right_splitter = QSplitter(Qt.Orientation.Vertical, window)
    window.right_splitter.setObjectName("rightSplitter")
    window.right_splitter.addWidget(preview_area)
    window.right_splitter.addWidget(guidance_area)
    window.right_splitter.setStretchFactor(0, 3)
    window.right_splitter.setStretchFactor(1, 1)
    window.preview_fit = PreviewFit(window)  # no half-empty previews on a tall window

    window.main_splitter = QSplitter(Qt.Orientation.Horizontal, window)
    window.main_splitter.setObjectName("mainSplitter")
    # Left column: the buyer's message above the scenario list; it can be folded away (drag
    # the handle up; Ctrl+B brings it back) and takes no width from the form or the previews.
    window.left_splitter = QSplitter(Qt.Orientation.Vertical, window)
    window.left_splitter.setObjectName("leftSplitter")
    window.left_splitter.addWidget(window.buyer_message)
    window.left_splitter.addWidget(window.picker)
    window.left_splitter.setCollapsible(0, True)
    window.left_splitter.setCollapsible(1, False)
    window.left_splitter.setStretchFactor(0, 0)
    window.left_splitter.setStretchFactor(1, 1)
    window.main_splitter.addWidget(window.left_splitter)
    window.main_splitter.addWidget(middle)
    window.main_splitter.addWidget(window.right_splitter)
    window.main_splitter.setStretchFactor(0, 0)
    window.main_splitter.setStretchFactor(1, 1)
    window.main_splitter.setStretchFactor(2, 3)
    window.main_splitter.setSizes([230, 340, 790])
    window.main_splitter.setChildrenCollapsible(False)

    window.problems_banner = QLabel(window)
    window.problems_banner.setObjectName("problemsBanner")
    window.problems_banner.setWordWrap(True)
    window.problems_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    color_banner(window)
    window.problems_banner.setVisible(bool(window._problems))

    central = QWidget(window)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(8, 8, 8, 4)
    layout.addWidget(window.problems_banner)
    layout.addWidget(window.main_splitter, 1)
    window.setCentralWidget(central)


def add_action(
    window: MainWindow, handler: object, shortcuts: list[QKeySequence] | None = None, name: str = ""
) -> QAction:

    action = QAction(window)
    if name:
        action.setObjectName(name)
    if shortcuts:
        action.setShortcuts(shortcuts)
    action.triggered.connect(handler)
    window.addAction(action)  # shortcuts work even while the menu bar is hidden
    return action


def build_actions(window: MainWindow) -> None:
    """The menus' actions, with their shortcuts."""
    key = QKeySequence
    find_keys = [key(key.StandardKey.Find), key("Ctrl+K")]
    window.find_action = add_action(window, window.focus_search, find_keys, "findAction")
    window.back_action = add_action(window, window.focus_search, [key("Esc")], "backToSearchAction")
    window.message_action = add_action(
        window, window.focus_buyer_message, [key("Ctrl+B")], "buyerMessageAction"
    )
    window.reply_menu.addActions([window.find_action, window.message_action, window.back_action])
    window.recent_menu = window.reply_menu.addMenu("")
    window.recent_menu.setObjectName("recentMenu")
    window.recent_actions = []
    for number in range(1, 10):
        action = add_action(
            window,
            lambda _=False, n=number: window.behaviour.open_recent(n),
            [key(f"Ctrl+{number}")],
            f"recentAction{number}",
        )
        window.recent_actions.append(action)
    window.reply_menu.addSeparator()
    # Ctrl+Enter copies the buyer's reply, whichever language it is in.
    window.buyer_copy_action = add_action(
        window,
        lambda _=False: window.behaviour.copy_buyer(),
        [key("Ctrl+Return"), key("Ctrl+Enter")],
        f"copy{language_suffix(window.buyer_preview.language.code)}Action",
    )
    chinese = window.chinese_preview.language.code
    window.chinese_copy_action = add_action(
        window,
        lambda _=False: window.behaviour.copy_language(chinese),
        [],
        f"copy{language_suffix(chinese)}Action",
    )
    window.copy_actions = {
        window.buyer_preview.language.code: window.buyer_copy_action,
        chinese: window.chinese_copy_action,
    }
    window.reply_menu.addActions([window.buyer_copy_action, window.chinese_copy_action])
    window.copy_both_action = add_action(
        window,
        window.behaviour.copy_both,
        [key("Ctrl+Shift+Return"), key("Ctrl+Shift+Enter")],
        "copyBothAction",
    )
    window.reply_menu.addAction(window.copy_both_action)
    window.reply_menu.addSeparator()
    window.format_actions = {}
    format_keys = {"chat": "Ctrl+Shift+M", "email": "Ctrl+Shift+E"}
    format_actions = QActionGroup(window)
    for name in REPLY_FORMATS:
        action = add_action(
            window,
            lambda _=False, n=name: window.behaviour.set_reply_format(n),
            [key(format_keys[name])],
            f"{name}FormatAction",
        )
        action.setCheckable(True)
        format_actions.addAction(action)
        window.format_actions[name] = action
        window.reply_menu.addAction(action)
    window.reply_menu.addSeparator()
    window.example_action = add_action(window, window.controller.fill_examples, [], "exampleAction")
    window.reset_action = add_action(window, window.controller.reset, [], "resetAction")
    window.reply_menu.addActions([window.example_action, window.reset_action])
    window.reply_menu.addSeparator()
    window.quit_action = add_action(window, window.close, [key(key.StandardKey.Quit)], "quitAction")
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.reply_menu.addAction(window.quit_action)

    window.language_menu = window.view_menu.addMenu("")
    window.language_menu.setObjectName("languageMenu")
    window.language_group = QActionGroup(window)
    window.language_actions = {}
    for setting in (i18n.SYSTEM, *i18n.LANGUAGES):
        action = QAction(window.language_group)
        action.setCheckable(True)
        action.setChecked(setting == window.settings.ui_language)
        action.setData(setting)
        action.triggered.connect(
            lambda _=False, s=setting: window.behaviour.set_interface_language(s)
        )
        window.language_actions[setting] = action
        window.language_menu.addAction(action)
    window.theme_menu = window.view_menu.addMenu("")
    window.theme_menu.setObjectName("themeMenu")
    window.theme_group = QActionGroup(window)
    window.theme_actions = {}
    for name in theme.THEMES:
        action = QAction(window.theme_group)
        action.setCheckable(True)
        action.setChecked(name == window.settings.theme)
        action.triggered.connect(lambda _=False, t=name: window.behaviour.set_theme(t))
        window.theme_actions[name] = action
        window.theme_menu.addAction(action)

    window.shortcuts_action = add_action(
        window,
        window.behaviour.show_shortcuts,
        [key(key.StandardKey.HelpContents)],
        "shortcutsAction",
    )
    window.about_action = add_action(window, window.behaviour.show_about, [], "aboutAction")
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    window.help_menu.addActions([window.shortcuts_action, window.about_action])


def name_actions(window: MainWindow) -> None:
    """The menus' and actions' texts in the current interface language."""
    window.find_action.setText(_("Find scenario"))
    window.back_action.setText(_("Back to the search"))
    window.message_action.setText(_("Buyer's message"))
    window.recent_menu.setTitle(_("Recent scenarios"))
    window.copy_both_action.setText(window.copy_both_button.text())
    window.example_action.setText(window.example_button.text())
    window.reset_action.setText(window.reset_button.text())
    window.quit_action.setText(_("&Quit"))
    window.language_menu.setTitle(_("Interface language"))
    for setting, action in window.language_actions.items():
        action.setText(i18n.LANGUAGES.get(setting) or _("Follow the system"))
    window.theme_menu.setTitle(_("Theme"))
    theme_names = {"system": N_("Follow the system"), "light": N_("Light"), "dark": N_("Dark")}
    for name, action in window.theme_actions.items():
        action.setText(_(theme_names[name]))
    window.shortcuts_action.setText(_("Keyboard shortcuts"))
    window.about_action.setText(_("About Reply Composer"))


def color_banner(window: MainWindow) -> None:
    """The problems banner in the theme's accent colours."""
    colors = theme.accents()
    window.problems_banner.setStyleSheet(
        f"QLabel#problemsBanner {{ background: {colors.banner_background};"
        f" color: {colors.banner_text}; padding: 6px;"
        f" border: 1px solid {colors.banner_border}; border-radius: 4px; }}"
    )


# --- what the seller does ---------------------------------------------------------------
