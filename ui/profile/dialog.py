"""The profile dialog: the seller's name, shop, default platform, currency and sign-off."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from composer.storage.profile import PLATFORMS, Profile
from ui.i18n import N_, _
from ui.panes.editors import CURRENCIES

LABELS = {
    "seller_name": N_("Your name"),
    "shop_name": N_("Shop name"),
    "platform": N_("Default platform"),
    "currency": N_("Default currency"),
    "sign_off": N_("Sign-off"),
}


class ProfileDialog(QDialog):
    """Edits a Profile; fields of the same name in every scenario start with these values."""

    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self.seller_name = QLineEdit(self)
        self.shop_name = QLineEdit(self)
        # Never blank: "No default platform" (the checks' general rules) or a platform.
        self.platform = QComboBox(self)
        self.platform.addItem("", "")
        for name in PLATFORMS:
            self.platform.addItem(name, name)
        self.currency = QComboBox(self)
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.sign_off = QLineEdit(self)
        self.editors: dict[str, QWidget] = {
            "seller_name": self.seller_name,
            "shop_name": self.shop_name,
            "platform": self.platform,
            "currency": self.currency,
            "sign_off": self.sign_off,
        }
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, editor in self.editors.items():
            editor.setObjectName(f"profile_{name}")
            self.labels[name] = QLabel(self)
            self.labels[name].setBuddy(editor)
            form.addRow(self.labels[name], editor)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.set_profile(profile)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Your profile"))
        self.note.setText(_("Every scenario field with the same name starts with these values."))
        for name, label in self.labels.items():
            label.setText(_(LABELS[name]))
        self.sign_off.setPlaceholderText(_("e.g. Lily, Sunny Home Store"))
        self.platform.setItemText(0, _("No default platform (general rules)"))

    def set_profile(self, profile: Profile) -> None:
        self.seller_name.setText(profile.seller_name)
        self.shop_name.setText(profile.shop_name)
        wanted = profile.platform.strip().casefold()
        names = [str(self.platform.itemData(i)).casefold() for i in range(self.platform.count())]
        index = names.index(wanted) if wanted in names else -1
        if index < 0:  # a platform of the seller's own: kept as it is
            self.platform.addItem(profile.platform, profile.platform)
            index = self.platform.count() - 1
        self.platform.setCurrentIndex(index)
        self.currency.setCurrentText(profile.currency)
        self.sign_off.setText(profile.sign_off)

    def profile(self) -> Profile:
        """What the dialog holds (checked when it is saved)."""
        return Profile(
            seller_name=self.seller_name.text(),
            shop_name=self.shop_name.text(),
            platform=str(self.platform.currentData() or ""),
            currency=self.currency.currentText(),
            sign_off=self.sign_off.text(),
        )
