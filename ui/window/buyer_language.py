"""The buyer's language in the window: the picker above the buyer's reply, what picks it, and
what follows it (the buyer's pane, the copy buttons and the Reply menu's copy actions).

The window shows two replies: the buyer's, in the language picked here, and the Chinese. The
language is picked from the buyer's message when the seller pastes one (``from_message``), else
it is the one used last (kept in the settings), else English; the seller can pick another at
any time. A scenario without a reply in the chosen language shows its English one, and the pane
says so. Which languages a scenario is shown in is the domain's
(``composer.workspace.reply_languages``); this module shows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QSizePolicy

from composer.templating.scenario import Language
from composer.workspace import ShownLanguages, buyer_languages, pick_buyer_language
from composer.workspace.reply_languages import SELLER_LANGUAGE, match_language
from ui import i18n
from ui.i18n import _
from ui.panes.preview import language_suffix

if TYPE_CHECKING:
    from composer.templating.scenario import Catalog
    from composer.triage import Triage
    from ui.window.main_window import MainWindow


class BuyerLanguageUi:
    """The buyer-language picker over the window's controller (``window.buyer_language``)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.controller = window.controller
        self.catalog = window.catalog
        self.settings = window.settings
        self.codes = buyer_languages(self.catalog)
        self.picker = QComboBox(window)
        self.picker.setObjectName("buyerLanguagePicker")
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.picker.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        font = self.picker.font()
        font.setBold(True)  # it is the buyer pane's heading
        self.picker.setFont(font)
        for code in self.codes:
            self.picker.addItem(code, code)
        self.picker.activated.connect(lambda index: self.choose(self.codes[index]))
        self._detected: str | None = None  # the language of the message read last
        self.kept = ""  # what the last choice said about an edit it kept
        self.shown: ShownLanguages | None = None
        self.controller.set_buyer_language(
            pick_buyer_language(self.catalog, None, self.settings.buyer_language)
        )

    def retranslate(self) -> None:
        """The picker's items and the copy buttons in the current interface language."""
        for index, code in enumerate(self.codes):
            self.picker.setItemText(index, self.name(code))
        self.picker.setToolTip(
            _("The buyer's language: taken from their message, or pick one (Chinese is beside it)")
        )
        self.picker.setAccessibleName(_("Buyer's language"))
        if self.shown is not None:
            self.show(self.shown, force=True)

    def name(self, code: str) -> str:
        """Reply language ``code`` as the interface names it."""
        language = self.catalog.languages.get(code)
        return i18n.reply_language_name(language) if language is not None else code

    # --- what picks the language --------------------------------------------------------------

    def choose(self, code: str) -> bool:
        """Answer the buyer in ``code`` (the picker, a message, the history) and remember it.

        An edited reply in the language left is kept, not dropped: it shows again when the
        seller picks that language again, and the status bar says so."""
        shown = self.controller.shown
        previous = shown.buyer if shown is not None else None
        if not self.controller.set_buyer_language(code):
            return False
        self.settings.buyer_language = code
        after = self.controller.shown
        self.kept = ""
        if previous in self.controller.edits and after is not None and after.buyer != previous:
            text = _("Your edited {language} reply is kept: pick {language} again to see it.")
            self.kept = text.format(language=self.name(previous))
            self.window.statusBar().showMessage(self.kept, 10000)
        return True

    def from_message(self, found: Triage | None) -> None:
        """The buyer's message was read: reply in its language when the catalog has it.

        Only a change of the message's language switches: reading the same message again
        (the seller corrects a typo in it) leaves a language picked by hand alone."""
        detected = found.language if found is not None else None
        if detected == self._detected:
            return
        self._detected = detected
        if detected is None or found is None:
            return
        code = match_language(self.catalog, detected)
        if code is not None:
            if code != self.controller.buyer_language and self.choose(code):
                text = _("The buyer wrote {language}: the reply is in {language}.")
                told = f"{text.format(language=self.name(code))} {self.kept}".strip()
                self.window.statusBar().showMessage(told, 10000)
            return
        from composer.triage import LANGUAGE_NAMES, UNKNOWN

        if detected in (UNKNOWN, SELLER_LANGUAGE):
            return  # nothing to switch to: the Chinese reply is beside the buyer's already
        written = i18n.language_name(detected, LANGUAGE_NAMES.get(detected, detected))
        current = self.name(self.controller.buyer_language)
        text = _(
            "The buyer wrote {language}, which has no replies yet: the reply stays in {current}."
        )
        self.window.statusBar().showMessage(text.format(language=written, current=current), 10000)

    # --- showing it ---------------------------------------------------------------------------

    def show(self, shown: ShownLanguages, *, force: bool = False) -> None:
        """Follow a render's languages: the buyer pane's language and notice, the picker, the
        copy buttons and actions (named for what they copy), the window's lookups by code."""
        window = self.window
        changed = force or shown != self.shown
        self.shown = shown
        if not changed:
            return
        index = self.codes.index(shown.chosen) if shown.chosen in self.codes else -1
        if index != self.picker.currentIndex():
            self.picker.setCurrentIndex(index)  # activated() is the seller's pick only
        pane = window.buyer_preview
        buyer = self.catalog.languages.get(shown.buyer or "")
        if buyer is not None and buyer is not pane.language:
            pane.set_language(buyer)
        if shown.missing and shown.buyer is not None:
            notice = _("This scenario has no {chosen} reply yet: the {shown} one is shown instead.")
            pane.set_notice(
                notice.format(chosen=self.name(shown.chosen), shown=self.name(shown.buyer))
            )
        else:
            pane.set_notice("")
        code = pane.language.code
        chinese = window.chinese_preview.language.code
        window.previews = {code: pane, chinese: window.chinese_preview}
        window.form.show_notes((code, chinese))
        window.copy_buttons = {code: window.buyer_copy_button, chinese: window.chinese_copy_button}
        window.copy_actions = {code: window.buyer_copy_action, chinese: window.chinese_copy_action}
        window.buyer_copy_button.setObjectName(f"copy{language_suffix(code)}Button")
        window.buyer_copy_action.setObjectName(f"copy{language_suffix(code)}Action")
        self.name_copy_buttons()

    def name_copy_buttons(self) -> None:
        """ "Copy Spanish", "复制西班牙语": each copy button and action names what it copies."""
        window = self.window
        for code, button in window.copy_buttons.items():
            name = self.name(code)
            button.setText(_("Copy {language}").format(language=name))
            button.setToolTip(_("Copy the {language} reply as plain text").format(language=name))
            window.copy_actions[code].setText(button.text())
        names = _(" and ").join(self.name(code) for code in window.copy_buttons)
        window.copy_both_button.setText(_("Copy both"))
        window.copy_both_button.setToolTip(
            _("Copy the {languages} replies, one after the other").format(languages=names)
        )
        window.copy_both_action.setText(window.copy_both_button.text())


def seller_language(catalog: Catalog) -> Language:
    """The Chinese the seller reads, as the catalog declares it (a stand-in if it does not)."""
    return catalog.languages.get(SELLER_LANGUAGE) or Language(
        SELLER_LANGUAGE, "zh_CN", "中文", names={"en": "Chinese", "zh": "中文"}, script="Hans"
    )
