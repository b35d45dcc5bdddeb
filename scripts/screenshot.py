"""Take a screenshot of the real main window, for the README and for reviewing a change.

Run under a display (on a headless Linux machine: ``xvfb-run -a python scripts/screenshot.py``).
Uses a throw-away data folder, picks a scenario, fills its example values and saves a PNG.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from composer import paths
from ui.app import build_main_window


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default="shipping-delay")
    parser.add_argument("--output", default="docs/screenshot.png")
    parser.add_argument("--empty", action="store_true", help="leave the fields unfilled")
    parser.add_argument("--search", default="", help="text to type into the scenario search")
    parser.add_argument("--size", default="1360x820")
    parser.add_argument("--language", default="en", help="interface language: en or zh_CN")
    parser.add_argument("--theme", default="light", choices=["light", "dark", "system"])
    parser.add_argument("--format", default="chat", choices=["chat", "email"], help="reply format")
    parser.add_argument("--platform", default="", help="the platform chosen for the checks")
    parser.add_argument(
        "--message", default="", help="a buyer's message to paste (a file's path, or the text)"
    )
    parser.add_argument(
        "--open", action="store_true", help="press Enter in the message: open its first scenario"
    )
    parser.add_argument(
        "--advisor", action="store_true", help="open Advise… and shoot its dialog instead"
    )
    parser.add_argument(
        "--edit",
        default="",
        metavar="CODE:TEXT",
        help="add TEXT at the end of the CODE reply's preview, as the seller edits it (en:…)",
    )
    parser.add_argument(
        "--then-field",
        default="",
        metavar="NAME=VALUE",
        help="after the edit, change a field (the edited reply keeps the edit)",
    )
    parser.add_argument(
        "--templates",
        action="append",
        default=[],
        metavar="DIR",
        help="another template folder after the shipped ones (a languages/ folder, say)",
    )
    parser.add_argument(
        "--buyer-language",
        default="",
        metavar="CODE",
        help="pick the buyer's language in the picker (es, fr...) before anything else",
    )
    parser.add_argument(
        "--note",
        action="append",
        default=[],
        metavar="CODE:TEXT",
        help="type TEXT as your note in the CODE language (repeatable: en:…, zh:…)",
    )
    parser.add_argument(
        "--snippet-into",
        default="",
        metavar="CODE",
        help="insert a sample snippet into the CODE preview, before its sign-off",
    )
    args = parser.parse_args()

    app = QApplication(sys.argv[:1])  # Qt would take --platform for its own option
    with tempfile.TemporaryDirectory() as data:
        folders = [paths.shipped_templates_dir(), *args.templates] if args.templates else None
        window = build_main_window(data, folders)
        window.behaviour.set_interface_language(args.language)
        window.behaviour.set_theme(args.theme)
        width, height = (int(n) for n in args.size.split("x"))
        window.resize(width, height)
        window.move(0, 0)  # the whole window on a screen of its size (xvfb's -screen)
        window.behaviour.set_reply_format(args.format)
        if args.platform:
            window.behaviour.choose_platform(args.platform)
        if args.buyer_language and not window.buyer_language.choose(args.buyer_language):
            parser.error(f"--buyer-language: no {args.buyer_language!r} replies")
        window.choose_scenario(args.scenario)
        if not args.empty:
            window.controller.fill_examples()
        if args.search:
            window.picker.search.setText(args.search)
        if args.message:
            given = Path(args.message)
            text = given.read_text(encoding="utf-8") if given.is_file() else args.message
            window.buyer_message.set_message(text)
            window.buyer_message.read_now()
            if args.open:
                window.buyer_message.open_current()
        if args.edit:
            code, _, text = args.edit.partition(":")
            body = window.previews[code].body
            body.moveCursor(QTextCursor.MoveOperation.End)
            body.insertPlainText(text)
        for note in args.note:
            code, _, text = note.partition(":")
            window.form.notes[code].setText(text)
        if args.note:  # the note's boxes are at the form's end: scroll down to them
            last = list(window.form.notes.values())[-1]
            QTimer.singleShot(300, lambda: window.form_scroll.ensureWidgetVisible(last))
        if args.snippet_into:
            insert_sample_snippet(window, args.snippet_into)
        if args.then_field:
            name, _, value = args.then_field.partition("=")
            window.controller.set_value(name, value)
            window.form.set_values(window.controller.values)
        window.show()
        shown = window.behaviour.open_advisor() if args.advisor else None
        target = shown or window

        def shoot() -> None:
            screen = target.screen()
            picture = screen.grabWindow(target.winId()) if screen else target.grab()
            if picture.isNull():
                picture = target.grab()
            picture.save(args.output)
            print(f"saved {args.output} ({picture.width()}x{picture.height()})")
            window.close()
            app.quit()

        QTimer.singleShot(800, shoot)
        app.exec()
    return 0


def insert_sample_snippet(window: object, code: str) -> None:
    """Save a sample snippet, find it by its key and insert it into the ``code`` preview at the
    start of the reply's last line (its sign-off), as a seller would."""
    from composer.storage.snippets import Snippet

    panel = window.seller_data.panel  # type: ignore[attr-defined]
    texts = {"en": "Thank you for shopping with us again.", "zh": "感谢您再次光临本店。"}
    panel.workspace.save_snippet(Snippet("thanks", "Thanks for coming back", texts))
    panel.refresh()
    panel.search.setText("thanks")
    body = window.previews[code].body  # type: ignore[attr-defined]
    body.moveCursor(QTextCursor.MoveOperation.End)
    body.moveCursor(QTextCursor.MoveOperation.StartOfBlock)
    body.moveCursor(QTextCursor.MoveOperation.PreviousBlock)
    body.moveCursor(QTextCursor.MoveOperation.PreviousBlock)
    body.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
    body.insertPlainText("\n\n")  # a new paragraph before the sign-off, then the snippet
    panel.set_target(body)
    panel.insert()


if __name__ == "__main__":
    sys.exit(main())
