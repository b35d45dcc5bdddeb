"""What the main window's actions do, apart from the widgets that show it (the view,
``ui.window.main_window``): copying with the checks' errors asked about once, the platform the
checks follow (chosen, or the profile's), the reply format, the remedy advisor's life cycle,
recent scenarios, the interface language and theme, and the app-wide error dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from ui import i18n
from ui.i18n import N_, _

if TYPE_CHECKING:
    from composer.judgement.findings import Check
    from composer.judgement.remedies import Option
    from ui.dialogs.advisor import AdvisorDialog
    from ui.window.draft_controller import DraftController
    from ui.window.main_window import MainWindow


BOTH_SEPARATOR = "\n\n----------\n\n"
# The reply formats a template can take (``format`` in a template; composer.templating.jinja's
# REPLY_FORMATS), with their names in the window. Chat comes first: it is the default.
REPLY_FORMATS = {
    "chat": (N_("Chat message"), N_("A short message for the platform's chat, read on a phone")),
    "email": (N_("E-mail"), N_("The longer, formal letter, for e-mail")),
}


class WindowBehaviour:
    """The main window's behaviour over its draft controller (``window.behaviour``)."""

    def __init__(self, window: MainWindow, controller: DraftController) -> None:
        self.window = window
        self.controller = controller
        self.settings = window.settings
        self.advisor_dialog: AdvisorDialog | None = None
        # Errors the seller chose to copy anyway: (scenario, code, language, text).
        self._accepted_errors: set[tuple[str, str, str | None, str]] = set()

    def recent_ids(self) -> list[str]:
        """The scenarios Ctrl+1..9 reopen: recently used, the current one left out."""
        current = self.controller.scenario.id if self.controller.scenario else None
        recent = [
            r for r in self.settings.recent_scenarios if r != current and self.window.catalog.get(r)
        ]
        return recent[:9]

    def open_recent(self, number: int) -> None:
        """Ctrl+``number``: reopen the ``number``-th most recent other scenario."""
        recent = self.recent_ids()
        if 0 < number <= len(recent):
            self.window.choose_scenario(recent[number - 1])
            self.window.form.focus_first()

    def open_from_message(self, scenario_id: str) -> None:
        """A suggestion of the buyer's message: open it with the order number, tracking number
        and carrier the message gives; the other fields keep what the seller typed."""
        window = self.window
        found = window.buyer_message.read_now()
        scenario = window.catalog.get(scenario_id)
        if scenario is None or not window.choose_scenario(scenario_id):
            return
        workspace = window.controller.workspace
        filled = workspace.values_from_message(scenario, found) if found is not None else {}
        if filled:
            window.controller.set_values(filled)
        window.form.focus_first()
        title = scenario.title(window.ui_language)
        if filled:
            language = window.ui_language
            names = _(", ").join(f.label(language) for f in scenario.fields if f.name in filled)
            text = _("Opened {scenario}, filled from the message: {fields}.")
            window.statusBar().showMessage(text.format(scenario=title, fields=names), 8000)
        else:
            text = _("Opened {scenario}; the message has no number for its fields.")
            window.statusBar().showMessage(text.format(scenario=title), 8000)

    def may_leave_edits(self, scenario_id: str) -> bool:
        """True unless the seller edited a reply of the current scenario and, asked, keeps it.

        Another scenario's template says other things: an edit cannot follow it, so the
        seller chooses (No, the default, keeps the edit and the scenario)."""
        controller, window = self.controller, self.window
        current = controller.scenario
        if not controller.edits or current is None or current.id == scenario_id:
            return True
        from ui.dialogs import questions

        target = window.catalog.get(scenario_id)
        names = _(", ").join(self.language_name(code) for code in controller.edits)
        question = _(
            "You edited the {languages} reply. “{scenario}” starts from its own template, "
            "without your edit.\n\nOpen it and drop your edit? (No keeps your edited reply.)"
        ).format(languages=names, scenario=target.title(window.ui_language) if target else "")
        if questions.ask(window, _("Drop your edited reply?"), question):
            return True
        window.picker.select(current.id)
        window.statusBar().showMessage(_("Kept your edited reply."), 5000)
        return False

    def update_recent_menu(self) -> None:
        """The Ctrl+1..9 menu: the recent scenarios' titles in the interface language."""
        window = self.window
        window.recent_menu.clear()
        recent = self.recent_ids()
        for action, scenario_id in zip(window.recent_actions, recent, strict=False):
            scenario = window.catalog.get(scenario_id)
            action.setText(scenario.title(window.ui_language) if scenario else scenario_id)
            window.recent_menu.addAction(action)
        window.recent_menu.setEnabled(bool(recent))

    def set_interface_language(self, setting: str) -> None:
        """Switch the interface language at once ("" follows the system); no restart."""
        self.settings.ui_language = setting
        i18n.set_language(i18n.resolve(setting))
        self.window.language_actions[setting].setChecked(True)
        self.window.retranslate()

    def set_theme(self, name: str) -> None:
        """Light, dark, or follow the system."""
        from ui import theme

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.settings.theme = theme.apply_theme(app, name)
        self.window.theme_actions[self.settings.theme].setChecked(True)
        self.window.update_colors()

    def show_shortcuts(self) -> None:
        """F1: every keyboard shortcut, read from the window's own actions."""
        from ui.dialogs import help_menu

        help_menu.show_shortcuts(self.window)

    def show_about(self) -> None:
        from ui.dialogs import help_menu

        help_menu.show_about(self.window)

    def copy_buyer(self) -> None:
        """Ctrl+Enter: copy the buyer's reply, in the language it is shown in."""
        shown = self.controller.shown
        if shown is None or shown.buyer is None:
            self.window.statusBar().showMessage(_("Nothing to copy yet."), 5000)
            return
        self.copy_language(shown.buyer)

    def copy_language(self, code: str) -> None:
        """Copy one language's reply body to the clipboard, as plain text."""
        result = self.controller.result
        draft = result.drafts.get(code) if result else None
        if draft is None or draft.error:
            self.window.statusBar().showMessage(_("Nothing to copy yet."), 5000)
            return
        if not self.may_copy([code]):
            return
        QGuiApplication.clipboard().setText(draft.text())
        name = self.language_name(code)
        message = _("Copied the {language} reply to the clipboard ({count} characters).")
        self.confirm_copy(message.format(language=name, count=len(draft.text())))
        self.window.copied.emit(code)

    def language_name(self, code: str) -> str:
        """Reply language ``code`` as the interface names it: "Chinese", "中文", "英语"."""
        language = self.window.catalog.languages[code]
        return i18n.reply_language_name(language)

    def copy_both(self) -> None:
        """Copy the buyer's reply and the Chinese (the languages shown), one after the other."""
        result = self.controller.result
        if result is None:
            self.window.statusBar().showMessage(_("Nothing to copy yet."), 5000)
            return
        if not self.may_copy(list(result.drafts)):
            return
        texts = [d.text() for d in result.drafts.values() if not d.error]
        text = BOTH_SEPARATOR.join(texts)
        QGuiApplication.clipboard().setText(text)
        message = _("Copied both replies to the clipboard ({count} characters).")
        self.confirm_copy(message.format(count=len(text)))
        self.window.copied.emit("all")

    def may_copy(self, languages: list[str]) -> bool:
        """True unless the checks found errors in what is copied and the seller says no.

        Asks once for each finding: copying again with only errors already accepted goes ahead.
        """
        from composer.judgement.findings import errors
        from ui.dialogs import questions

        found = [c for c in errors(self.controller.checks) if c.language in (None, *languages)]
        scenario = self.controller.scenario.id if self.controller.scenario else ""
        keys = {(scenario, c.code, c.language, c.text("en")) for c in found}
        if keys <= self._accepted_errors:
            return True
        lines = [f"• {c.text(self.window.ui_language)}" for c in found[:6]]
        if len(found) > 6:
            lines.append(_("…and {count} more.").format(count=len(found) - 6))
        question = (
            _("The checks found {count} error(s) in this reply:").format(count=len(found))
            + "\n\n"
            + "\n".join(lines)
            + "\n\n"
            + _("Copy it anyway?")
        )
        if not questions.ask(self.window, _("Copy with errors?"), question):
            self.window.statusBar().showMessage(_("Not copied: see “Before you copy”."), 5000)
            return False
        self._accepted_errors |= keys
        return True

    def show_check(self, check: Check) -> None:
        """Show where a finding is: select its span in the preview; focus an unfilled field."""
        from PySide6.QtCore import Qt

        pane = self.window.previews.get(check.language or "")
        if pane is not None and check.end > check.start:
            pane.select_span(check.part, check.start, check.end)
        if check.field:
            self.window.form.focus_field(check.field)
        elif pane is not None:
            pane.body.setFocus(Qt.FocusReason.OtherFocusReason)

    def restore_choices(self) -> None:
        """The platform and the reply format saved last (their defaults when unknown)."""
        from composer.judgement.rules import DEFAULT_PLATFORM

        controller, window = self.controller, self.window
        if not controller.set_platform(self.settings.platform):
            self.settings.platform = DEFAULT_PLATFORM
            controller.set_platform(DEFAULT_PLATFORM)
        if controller.platform is not None:
            window.checks_panel.set_platform(controller.platform.id)
        saved = self.settings.reply_format
        reply_format = saved if saved in REPLY_FORMATS else next(iter(REPLY_FORMATS))
        controller.set_format(reply_format)
        window.show_format(reply_format)

    def set_reply_format(self, name: str) -> bool:
        """Write the replies as a chat message or as the longer e-mail, and remember it."""
        if name not in REPLY_FORMATS:
            return False
        self.settings.reply_format = name
        self.window.show_format(name)
        self.controller.set_format(name)  # renders again at once
        return True

    def choose_platform(self, platform_id: str) -> None:
        """Check drafts against ``platform_id``'s message rules, and remember the choice."""
        if self.controller.set_platform(platform_id):
            self.settings.platform = platform_id
            self.window.checks_panel.set_platform(platform_id)

    def follow_profile_platform(self, name: str) -> bool:
        """The profile's default platform for the checks, unless one was chosen in the window."""
        if self.settings.platform_chosen:
            return False
        platform_id = self.controller.workspace.platform_named(name)
        if platform_id is not None and self.controller.set_platform(platform_id):
            self.window.checks_panel.set_platform(platform_id)
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
        from ui.dialogs.advisor import AdvisorDialog  # Babel: only once the seller asks

        dialog = AdvisorDialog(
            scenario,
            self.controller.values,
            self.window.ui_language,
            self.window,
            currency=self.controller.profile.currency,
        )
        dialog.optionChosen.connect(self.apply_option)
        self.advisor_dialog = dialog
        dialog.show()
        return dialog

    def apply_option(self, option: Option, currency: str) -> None:
        """Fill the scenario's choice and amount with an advised remedy (a typed amount is
        replaced only if the seller says so)."""
        scenario = self.controller.scenario
        if scenario is None or scenario.advisor is None:
            return
        from ui.dialogs.advisor import amounts_to_apply

        values = amounts_to_apply(
            self.window,
            scenario.advisor,
            option,
            currency,
            self.controller.values,
            self.window.ui_language,
        )
        if values:
            self.controller.set_values(values)
            self.window.statusBar().showMessage(
                _("Applied: {option}").format(option=option.label(self.window.ui_language)), 5000
            )

    def copy_subject(self, code: str) -> None:
        result = self.controller.result
        draft = result.drafts.get(code) if result else None
        if draft is None or not draft.subject:
            return
        QGuiApplication.clipboard().setText(draft.subject)
        self.window.statusBar().showMessage(_("Copied the subject line."), 5000)

    def fix_check(self, check: Check) -> None:
        """Write a finding's fix (the form's new value) into the edited reply it concerns."""
        pane = self.window.previews.get(check.language or "")
        if pane is None or check.fix is None or not pane.edited:
            return
        pane.replace_span(check.start, check.end, check.fix)
        self.window.statusBar().showMessage(
            _("Wrote “{text}” into your edited reply.").format(text=check.fix), 5000
        )

    def confirm_copy(self, message: str) -> None:
        missing = self.controller.result.missing if self.controller.result else []
        if missing:
            message += " " + _("Note: {count} required field(s) are still empty.").format(
                count=len(missing)
            )
        self.window.statusBar().showMessage(message, 8000)


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """A short warning for the seller; tests replace it to avoid a modal dialog."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()
