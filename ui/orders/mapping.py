"""The mapping step: for an order file of columns no platform uses, the seller says which
column holds what. The import remembers it (``composer.orders.store.OrderStore.mappings``),
so the next file with these columns imports at once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from composer.orders.formats import ColumnMapping, MappingError, mapping_from
from ui.i18n import N_, _

# What each value of an order is called for the seller (composer.orders.formats.COLUMNS).
VALUE_NAMES: Mapping[str, str] = {
    "order_id": N_("Order number"),
    "ordered_at": N_("Order date"),
    "buyer_id": N_("Buyer's user name or id"),
    "buyer_email": N_("Buyer's e-mail"),
    "buyer_name": N_("Buyer's name"),
    "address": N_("Address"),
    "country": N_("Country"),
    "item_name": N_("Item"),
    "sku": N_("SKU"),
    "quantity": N_("Quantity"),
    "item_price": N_("Item price"),
    "shipping_cost": N_("Shipping cost"),
    "total": N_("Order total"),
    "currency": N_("Currency"),
    "carrier": N_("Carrier"),
    "tracking_number": N_("Tracking number"),
    "shipped_at": N_("Ship date"),
    "status": N_("Status"),
}
# A header that names a value as most shops write it: the dialog starts from these guesses.
GUESSES: Mapping[str, tuple[str, ...]] = {
    "order_id": ("order", "order id", "order number", "ref", "订单号"),
    "ordered_at": ("date", "order date", "created", "下单时间"),
    "buyer_email": ("email", "e-mail", "mail"),
    "buyer_name": ("name", "buyer", "customer", "client", "买家"),
    "country": ("country", "land", "pays", "国家"),
    "item_name": ("item", "product", "article", "title", "商品"),
    "quantity": ("qty", "quantity", "数量"),
    "item_price": ("price", "unit", "unit price", "单价"),
    "shipping_cost": ("shipping", "postage", "运费"),
    "total": ("total", "amount", "金额"),
    "currency": ("currency", "币种"),
    "carrier": ("carrier", "courier", "物流"),
    "tracking_number": ("tracking", "tracking number", "运单号"),
}


class MappingDialog(QDialog):
    """One row per value an order holds: the file's column that holds it, or none."""

    def __init__(
        self, file_name: str, headers: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mappingDialog")
        self.headers = list(headers)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.file_name = file_name
        self.boxes: dict[str, QComboBox] = {}
        form = QFormLayout()
        self.captions: dict[str, QLabel] = {}
        for name in VALUE_NAMES:
            box = QComboBox(self)
            box.setObjectName(f"mapping-{name}")
            box.addItem("", "")
            for header in self.headers:
                box.addItem(header, header)
            guess = self._guess(name)
            if guess:
                box.setCurrentIndex(box.findData(guess))
            self.boxes[name] = box
            caption = QLabel(self)
            caption.setBuddy(box)
            self.captions[name] = caption
            form.addRow(caption, box)
        self.platform = QLineEdit("other", self)
        self.platform.setObjectName("mappingPlatform")
        self.currency = QLineEdit(self)
        self.currency.setObjectName("mappingCurrency")
        self.currency.setMaxLength(3)
        self.date_format = QLineEdit(self)
        self.date_format.setObjectName("mappingDateFormat")
        self.unit_price = QCheckBox(self)
        self.unit_price.setObjectName("mappingUnitPrice")
        self.unit_price.setChecked(True)
        self.extra_captions = [QLabel(self) for _i in range(3)]
        form.addRow(self.extra_captions[0], self.platform)
        form.addRow(self.extra_captions[1], self.currency)
        form.addRow(self.extra_captions[2], self.date_format)
        form.addRow(self.unit_price)
        inside = QWidget(self)
        inside.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inside)
        self.error = QLabel(self)
        self.error.setObjectName("mappingError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, 600)
        self.retranslate()

    def _guess(self, name: str) -> str:
        folded = {h.casefold().strip(): h for h in self.headers}
        for word in GUESSES.get(name, ()):
            if word in folded:
                return folded[word]
        return ""

    def retranslate(self) -> None:
        self.setWindowTitle(_("Which column is which?"))
        self.intro.setText(
            _(
                "{file} is not an export Reply Composer knows. Say which of its columns holds "
                "each value (the order number at least); this is remembered for the next file "
                "with these columns."
            ).format(file=self.file_name)
        )
        for name, caption in self.captions.items():
            caption.setText(_(VALUE_NAMES[name]) + (" *" if name == "order_id" else ""))
        self.extra_captions[0].setText(_("Platform (a name like etsy)"))
        self.extra_captions[1].setText(_("Currency, when the file names none"))
        self.extra_captions[2].setText(_("Date written as (e.g. %d.%m.%Y)"))
        self.unit_price.setText(_("The item price is per unit"))

    def mapping(self) -> ColumnMapping:
        """The mapping as chosen; raises MappingError naming what is wrong."""
        columns = {name: box.currentData() for name, box in self.boxes.items() if box.currentData()}
        data = {
            "platform": self.platform.text().strip().lower() or "other",
            "currency": self.currency.text().strip().upper(),
            "date_format": self.date_format.text().strip(),
            "unit_price": self.unit_price.isChecked(),
            "columns": columns,
        }
        return mapping_from(data, _("the column mapping"))

    def accept(self) -> None:
        if not self.boxes["order_id"].currentData():
            self.error.setText(_("Choose the column that holds the order number."))
            self.error.show()
            return
        try:
            self.mapping()
        except MappingError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()
