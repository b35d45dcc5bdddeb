"""The form the seller fills in: one typed editor per field the scenario declares, then the
seller's own note, one line per reply language (``composer.templating.note``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from composer.templating.fields import Field, FieldType, Value, to_json
from composer.templating.note import MAX_NOTE_LENGTH, note_key
from composer.templating.scenario import Language, Scenario
from ui import i18n
from ui.i18n import _
from ui.panes.editors import _Editor, make_editor


class FieldForm(QWidget):
    """Builds the editors of a scenario and reports every change as (field name, value)."""

    valueChanged = Signal(str, object)

    def __init__(
        self, parent: QWidget | None = None, languages: Mapping[str, Language] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("fieldForm")
        self.languages = dict(languages or {})  # the reply languages the note is written in
        self.notes: dict[str, QLineEdit] = {}
        self._note_codes: set[str] | None = None  # the shown replies' languages (None: all)
        self._quiet_notes = False
        self._layout = QFormLayout(self)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Labels above their editors: the column stays narrow and long labels never squeeze
        # an editor (Chinese and English labels differ a lot in length).
        self._layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self._layout.setVerticalSpacing(4)
        self.editors: dict[str, _Editor] = {}
        self.labels: dict[str, QLabel] = {}

    def set_scenario(self, scenario: Scenario, values: Mapping[str, Value], language: str) -> None:
        """Replace the editors with ``scenario``'s, filled with ``values``."""
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self.editors.clear()
        self.labels.clear()
        self.notes.clear()
        for field in scenario.fields:
            editor = make_editor(field, language, self)
            editor.set_value(values.get(field.name))
            # The mixin declares the Signal; mypy cannot see it bound on an instance.
            editor.edited.connect(lambda name=field.name: self._edited(name))  # type: ignore[call-overload]
            widget: QWidget = editor  # type: ignore[assignment]
            help_text = field.help.get(language) or field.help.get("en", "")
            tooltip = self._tooltip(field, editor, help_text)
            widget.setToolTip(tooltip)
            for target in {widget, editor.focus_target()}:
                target.setAccessibleName(field.label(language))
                target.setAccessibleDescription(help_text)
            self.editors[field.name] = editor
            if field.type is FieldType.YES_NO:
                # A checkbox carries its own label, clickable, on the same line.
                widget.setText(self._label_text(field, language))  # type: ignore[attr-defined]
                self._layout.addRow(widget)
                continue
            label = QLabel(self._label_text(field, language), self)
            label.setContentsMargins(0, 6, 0, 0)
            label.setBuddy(editor.focus_target())
            label.setToolTip(tooltip)
            self._layout.addRow(label, widget)
            self.labels[field.name] = label
        self._add_note(values)

    def _add_note(self, values: Mapping[str, Value]) -> None:
        """The note's rows: a heading, then one line per reply language (``note_en``...)."""
        if not self.languages:
            return
        heading = QLabel(_("Your note (optional)"), self)
        heading.setObjectName("noteHeading")
        heading.setContentsMargins(0, 10, 0, 0)
        heading.setWordWrap(True)
        tip = _(
            "A sentence of your own for this reply, put just before the sign-off (at the end "
            "of a public review reply). Written in one language only, the other reply shows "
            "it marked for you to translate."
        )
        heading.setToolTip(tip)
        self._layout.addRow(heading)
        for code, language in self.languages.items():
            box = QLineEdit(self)
            box.setObjectName(f"note_{code}")
            box.setClearButtonEnabled(True)
            box.setMaxLength(MAX_NOTE_LENGTH)
            box.setProperty("replyLanguage", code)  # a snippet goes in in this language
            box.setProperty("snippetTarget", True)
            name = i18n.language_name(language.locale, language.name)
            box.setAccessibleName(_("Your note in {language}").format(language=name))
            box.setToolTip(tip)
            box.setText(str(values.get(note_key(code)) or ""))
            box.textChanged.connect(lambda text, c=code: self._note_edited(c, text))
            label = QLabel(name, self)
            label.setBuddy(box)
            self._layout.addRow(label, box)
            self.notes[code] = box
        self._show_note_rows()

    def show_notes(self, codes: Iterable[str]) -> None:
        """Show the note lines of the replies shown (the buyer's language and the Chinese);
        the other languages' notes are kept with the draft, out of sight."""
        self._note_codes = set(codes)
        self._show_note_rows()

    def _show_note_rows(self) -> None:
        for code, box in self.notes.items():
            self._layout.setRowVisible(box, self._note_codes is None or code in self._note_codes)

    def _note_edited(self, code: str, text: str) -> None:
        if self.notes.get(code) is not None and not self._quiet_notes:
            self.valueChanged.emit(note_key(code), text)

    def _tooltip(self, field: Field, editor: _Editor, help_text: str) -> str:
        """The help text, with the example value; the example also as a text box's hint."""
        if field.example in (None, "") or field.type is FieldType.YES_NO:
            return help_text
        example = to_json(field.example)
        if isinstance(example, dict):
            example = f"{example['amount']} {example['currency']}"
        placeholder = getattr(editor.focus_target(), "setPlaceholderText", None)
        if placeholder is not None and field.type in (FieldType.TEXT, FieldType.LONG_TEXT):
            placeholder(_("e.g. {example}").format(example=example))
        return "\n".join(filter(None, [help_text, _("Example: {example}").format(example=example)]))

    def _label_text(self, field: Field, language: str) -> str:
        text = field.label(language)
        # The asterisk marks a field the reply cannot do without.
        return f"{text} *" if field.required and field.type is not FieldType.YES_NO else text

    def _edited(self, name: str) -> None:
        self.valueChanged.emit(name, self.editors[name].value())

    def set_values(self, values: Mapping[str, Value]) -> None:
        """Show ``values`` in the editors without reporting them as the seller's edits."""
        for name, editor in self.editors.items():
            editor.set_value(values.get(name))
        self._quiet_notes = True
        try:
            for code, box in self.notes.items():
                box.setText(str(values.get(note_key(code)) or ""))
        finally:
            self._quiet_notes = False

    def focus_field(self, name: str) -> None:
        editor = self.editors.get(name)
        if editor is not None:
            editor.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_first(self) -> None:
        """Put the cursor in the first field, ready to type."""
        for editor in self.editors.values():
            editor.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)
            return
