"""The buyer's RFM tier as a compact badge beside the reply, its tooltip saying what the tier
means for service (``composer.orders.rfm.TIERS``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

from ui import theme
from ui.i18n import _

if TYPE_CHECKING:
    from composer.orders.rfm import Buyer

# Background and text per tier, light and dark theme; every pair at least 4.5:1.
COLORS = {
    "best": (("#1e6b34", "#ffffff"), ("#7fd49a", "#0b2613")),
    "loyal": (("#245f9e", "#ffffff"), ("#9ec1ff", "#0b1e3a")),
    "new": (("#6a3fa0", "#ffffff"), ("#cdb4f5", "#221036")),
    "promising": (("#0f6b6b", "#ffffff"), ("#8fdcdc", "#062626")),
    "at-risk": (("#9a4a00", "#ffffff"), ("#ffc857", "#2b1900")),
    "occasional": (("#5a5a5a", "#ffffff"), ("#c8c8c8", "#1a1a1a")),
    "lost": (("#8c2a22", "#ffffff"), ("#ff9c92", "#2b0906")),
}


class TierBadge(QLabel):
    """``Best buyers · 444``; hidden while no order is chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tierBadge")
        self.tier = ""
        self.hide()

    def show_buyer(self, buyer: Buyer | None, language: str) -> None:
        """Show ``buyer``'s tier (None: hide the badge)."""
        if buyer is None:
            self.tier = ""
            self.hide()
            return
        tier = buyer.tier
        self.tier = tier.key
        title = tier.title.get(language) or tier.title["en"]
        self.setText(f"{title} · {buyer.group}")
        days = "—" if buyer.recency_days is None else str(buyer.recency_days)
        facts = _(
            "R {r} · F {f} · M {m}: last order {days} days ago, {orders} orders, {spent} spent"
        ).format(r=buyer.r, f=buyer.f, m=buyer.m, days=days, orders=buyer.orders,
                 spent=buyer.spent)  # fmt: skip
        service = tier.service.get(language) or tier.service["en"]
        self.setToolTip(f"{title} ({buyer.name})\n{facts}\n\n{service}")
        self.setAccessibleName(_("Buyer's tier: {tier}").format(tier=title))
        self.update_colors()
        self.show()

    def update_colors(self) -> None:
        light, dark = COLORS.get(self.tier, COLORS["occasional"])
        background, text = dark if theme.is_dark() else light
        sheet = (
            f"QLabel#tierBadge {{ background: {background}; color: {text};"
            " border-radius: 8px; padding: 1px 8px; font-weight: bold; }"
        )
        if sheet != self.styleSheet():  # a style sheet set sends a palette change itself
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.tier:  # light or dark now
            self.update_colors()
