"""What differs on Windows and macOS, tested where it can be here: a console that is not
UTF-8, a user name that is not ASCII, a log file another copy holds open, Chinese fonts.

CI (``.github/workflows/ci.yml``) runs these, with the rest of the suite, on Windows and macOS.
"""

from __future__ import annotations

import io
import json
import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFont

from composer.cli.commands import main
from composer.storage.profile import Profile
from composer.storage.profile_store import ProfileStore
from composer.storage.snippets import SnippetStore
from ui import theme

NON_ASCII_HOME = "李明 Müller"  # C:\Users\李明 Müller\AppData\Roaming\ReplyComposer


def run_cli(monkeypatch, *args: str, encoding: str = "utf-8") -> tuple[int, bytes, bytes]:
    """``main(args)`` with stdout and stderr redirected as Windows redirects them: in the
    code page's ``encoding``. Returns the exit code and the bytes written."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding=encoding, errors="strict")
    stderr = io.TextIOWrapper(err, encoding=encoding, errors="backslashreplace")
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(sys, "stderr", stderr)
    try:
        code = main(list(args))
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    sys.stdout.flush()
    sys.stderr.flush()
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("code_page", ["cp1252", "cp936", "ascii"])
def test_the_cli_writes_utf8_whatever_the_console_code_page(monkeypatch, data_dir, code_page):
    """Before: ``render ... > reply.txt`` on an English Windows died with UnicodeEncodeError at
    the Chinese reply (and on a Chinese one at a character outside GBK, like ``€``)."""
    code, out, _ = run_cli(
        monkeypatch, "render", "unpaid-reminder", "--example", "--set", "buyer_name=Zoë €",
        "--json", "--data-dir", str(data_dir), encoding=code_page,
    )  # fmt: skip
    assert code == 0
    drafts = json.loads(out.decode("utf-8"))["drafts"]
    assert "您好" in drafts["zh"]["body"] or "亲爱的" in drafts["zh"]["body"]
    assert "Zoë €" in drafts["en"]["body"]


def test_a_data_folder_under_a_non_ascii_user_name(monkeypatch, tmp_path):
    """The stores, their locks, the profile and the messages that name the folder."""
    data = tmp_path / NON_ASCII_HOME / "ReplyComposer"
    code, out, _ = run_cli(
        monkeypatch, "snippets", "list", "--data-dir", str(data), encoding="cp1252"
    )
    assert code == 0 and NON_ASCII_HOME in out.decode("utf-8")  # "No snippets yet in ..."
    code, _, err = run_cli(
        monkeypatch, "snippets", "add", "--key", "sig", "--en", "Best, Li", "--zh", "此致，李明",
        "--data-dir", str(data),
    )  # fmt: skip
    assert code == 0, err.decode("utf-8")
    assert SnippetStore(data / "snippets.json").get("sig").bodies["zh"] == "此致，李明"
    ProfileStore(data / "profile.json").save(Profile(seller_name="李明", shop_name="明记小店"))
    code, out, _ = run_cli(
        monkeypatch, "render", "unpaid-reminder", "--set", "order_number=1", "--lang", "zh",
        "--json", "--data-dir", str(data), encoding="cp1252",
    )  # fmt: skip
    assert code == 0 and "明记小店" in json.loads(out.decode("utf-8"))["drafts"]["zh"]["body"]


@pytest.fixture
def root_logger():
    """The root logger's handlers as they were, put back after the test."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield root
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.level = level


def test_a_log_another_copy_holds_open_is_appended_to(monkeypatch, tmp_path, root_logger):
    """Windows refuses to rename the log while a second copy of the app has it open. Before,
    the refusal sent this copy's log to a console that a windowed app does not have."""
    from ui import app

    data = tmp_path / NON_ASCII_HOME
    log_file = data / "logs" / "reply-composer.log"
    log_file.parent.mkdir(parents=True)
    log_file.write_bytes(b"x" * 1_000_001)

    def refused(self: Path, target: Path) -> Path:
        raise PermissionError(13, "The process cannot access the file", str(self))

    monkeypatch.setattr(Path, "replace", refused)
    assert app._setup_logging(data) == log_file
    logging.getLogger("reply_composer").info("after a refused rotation: 李明")
    for handler in root_logger.handlers:
        handler.flush()
    assert log_file.read_text(encoding="utf-8").endswith("after a refused rotation: 李明\n")


@pytest.mark.gui
@pytest.mark.parametrize(
    ("platform", "first"),
    [("win32", "Microsoft YaHei UI"), ("darwin", "PingFang SC"), ("linux", "Noto Sans CJK SC")],
)
def test_chinese_falls_back_to_a_simplified_chinese_font(qapp, platform, first):
    """Latin text keeps the system font; Chinese comes from a mainland font, not a Japanese
    one (Qt's own fallback on an English Windows or macOS may pick one)."""
    font = QFont("Segoe UI", 10)
    fallback = theme.chinese_font_fallback(font, platform)
    assert fallback.families()[:2] == ["Segoe UI", first]
    assert fallback.pointSize() == 10
    assert font.families() == ["Segoe UI"]  # the font given is left as it was


@pytest.mark.gui
def test_the_app_font_gets_the_fallback_once(qapp):
    before = qapp.font()
    try:
        theme.use_chinese_fonts(qapp)
        families = qapp.font().families()
        assert families[0] == before.family()
        assert families[1:] == [
            f for f in theme.CHINESE_FONTS[sys.platform if sys.platform in theme.CHINESE_FONTS
                                            else "linux"] if f != before.family()
        ]  # fmt: skip
    finally:
        qapp.setFont(before)


def test_every_currency_the_money_editor_offers_is_accepted():
    from composer.templating.fields import currencies_in_use
    from ui.panes.editors import CURRENCIES

    assert set(CURRENCIES) <= currencies_in_use()
