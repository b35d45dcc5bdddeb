"""The guidance panel: how a seasoned seller handles the scenario, in every language it has."""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtWidgets import QTextBrowser, QWidget

from composer.templating.scenario import Language, Scenario
from ui.i18n import _


class GuidancePanel(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidancePanel")
        self.setOpenLinks(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(_("Handling advice"))
        self.setAccessibleDescription(
            _("How an experienced seller handles this case, in every language it is written in")
        )

    def show_scenario(
        self, scenario: Scenario | None, languages: Mapping[str, Language], first: str
    ) -> None:
        """Show the advice, the interface language ``first``, then the others."""
        if scenario is None or not scenario.guidance:
            self.setHtml(f"<p><i>{html.escape(_('No handling advice for this scenario.'))}</i></p>")
            return
        order = sorted(scenario.guidance, key=lambda code: (code != first, code))
        parts = []
        for code in order:
            language = languages.get(code)
            name = language.name if language else code
            lines = [line.strip() for line in scenario.guidance[code].splitlines() if line.strip()]
            items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
            heading = f"<h4 style='margin:4px 0'>{html.escape(name)}</h4>"
            parts.append(f"{heading}<ul style='margin-top:0'>{items}</ul>")
        self.setHtml("".join(parts))
