"""Creating or editing one snippet: key, title, tags and a text per reply language."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from composer.storage.snippets import Snippet, SnippetError, checked
from composer.templating.scenario import Language
from ui import theme
from ui.i18n import _


class SnippetDialog(QDialog):
    """The form behind New and Edit; ``snippet()`` is what the seller entered, checked."""

    def __init__(self, languages: Mapping[str, Language], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("snippetDialog")
        self.languages = languages
        self._original: Snippet | None = None
        self.key = QLineEdit(self)
        self.key.setObjectName("snippetKey")
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("snippetTitle")
        self.tags = QLineEdit(self)
        self.tags.setObjectName("snippetTags")
        self.bodies: dict[str, QPlainTextEdit] = {}
        self.form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for name, widget in (("key", self.key), ("title", self.title_edit), ("tags", self.tags)):
            self.labels[name] = QLabel(self)
            self.form.addRow(self.labels[name], widget)
        for code in languages:
            body = QPlainTextEdit(self)
            body.setObjectName(f"snippetBody_{code}")
            body.setTabChangesFocus(True)
            self.bodies[code] = body
            self.labels[code] = QLabel(self)
            self.form.addRow(self.labels[code], body)
        self.error = QLabel(self)
        self.error.setObjectName("snippetError")
        self.error.setStyleSheet(f"color: {theme.accents().error_text}")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, 420)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Snippet"))
        self.labels["key"].setText(_("Key"))
        self.key.setToolTip(_("A short unique name, used in templates as {{ snippet('sig') }}"))
        self.key.setPlaceholderText(_("e.g. sig"))
        self.labels["title"].setText(_("Title"))
        self.labels["tags"].setText(_("Tags"))
        self.tags.setPlaceholderText(_("comma-separated, e.g. coupon, after-sales"))
        for code, language in self.languages.items():
            self.labels[code].setText(_("Text ({language})").format(language=language.name))

    def set_snippet(self, snippet: Snippet | None) -> None:
        """Fill the form from ``snippet`` (empty for a new one)."""
        self._original = snippet
        self.key.setText(snippet.key if snippet else "")
        self.title_edit.setText(snippet.title if snippet else "")
        self.tags.setText(", ".join(snippet.tags) if snippet else "")
        for code, body in self.bodies.items():
            body.setPlainText(snippet.bodies.get(code, "") if snippet else "")

    def snippet(self) -> Snippet:
        """What the form holds, tidied; raises SnippetError when it cannot be saved."""
        bodies = {code: edit.toPlainText() for code, edit in self.bodies.items()}
        if self._original is not None:  # texts in languages this window does not show
            bodies = {**self._original.bodies, **bodies}
        tags = [t for t in self.tags.text().replace("，", ",").split(",")]
        base = self._original
        return checked(
            Snippet(
                key=self.key.text(),
                title=self.title_edit.text(),
                bodies=bodies,
                tags=tags,
                created=base.created if base else None,
                use_count=base.use_count if base else 0,
            )
        )

    def accept(self) -> None:
        try:
            self.snippet()
        except SnippetError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()
