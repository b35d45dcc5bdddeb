"""The first start: a short welcome, the profile in one dialog (skippable), then a scenario.

Shown once per data folder; later starts open where the seller left off.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from composer.storage.profile import Profile
from ui.i18n import _
from ui.profile.dialog import ProfileDialog
from ui.window.main_window import MainWindow

# The reply sellers send most: every order that ships gets one.
FIRST_SCENARIO = "shipped-update"


class WelcomeDialog(ProfileDialog):
    """The profile dialog with a welcome above it and "Skip for now" instead of Cancel."""

    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(profile, parent)
        self.setObjectName("welcomeDialog")
        self.welcome = QLabel(self)
        self.welcome.setObjectName("welcomeText")
        self.welcome.setWordWrap(True)
        layout = self.layout()
        if layout is not None:
            layout.insertWidget(0, self.welcome)  # type: ignore[attr-defined]
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        if not hasattr(self, "welcome"):
            return  # the profile dialog's own __init__ calls this before the welcome exists
        self.setWindowTitle(_("Welcome to Reply Composer"))
        self.welcome.setText(
            "<h3>"
            + _("Welcome to Reply Composer")
            + "</h3><p>"
            + _(
                "Pick a situation, fill in a few fields, and copy a polite reply in English "
                "with its Chinese beside it. Everything stays on this computer."
            )
            + "</p><p>"
            + _("Tell us who signs your replies; you can change it later in Seller ▸ Your profile.")
            + "</p>"
        )
        skip = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if skip is not None:
            skip.setText(_("Skip for now"))


def offer(window: MainWindow) -> bool:
    """On the first start of a data folder: welcome, ask for the profile, open a scenario.

    Returns True if it ran (it never runs twice for one data folder).
    """
    settings = window.settings
    seller = window.seller_data
    if settings.first_run_done or seller is None:
        return False
    dialog = WelcomeDialog(seller.workspace.profile(), window)
    if seller.ask(dialog):
        seller.save_profile(dialog)
    settings.first_run_done = True
    settings.sync()
    if window.catalog.get(FIRST_SCENARIO) is not None:
        window.choose_scenario(FIRST_SCENARIO)
    window.focus_search()
    return True
