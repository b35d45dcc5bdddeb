"""Every text the interface shows has a Chinese translation with the same placeholders."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import translations  # noqa: E402

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
ACCELERATOR = re.compile(r"&[^&\s]")


@pytest.fixture(scope="module")
def texts() -> dict[str, list[str]]:
    """Each text in ui/ wrapped in _() or N_(), with the files it comes from."""
    return {m.id: [path for path, _line in m.locations] for m in translations.extract() if m.id}


@pytest.fixture(scope="module")
def chinese():
    (po,) = [p for p in translations.po_files() if p.parent.parent.name == "zh_CN"]
    return translations.read(po)


def test_the_interface_has_texts_to_translate(texts):
    assert "Copy both" in texts
    assert len(texts) > 50


def test_every_visible_text_has_a_chinese_translation(texts, chinese):
    untranslated = [
        f"{text!r} ({', '.join(where)})"
        for text, where in texts.items()
        if not (m := chinese.get(text)) or not m.string or m.fuzzy
    ]
    assert not untranslated, "no Chinese for:\n" + "\n".join(untranslated)


def test_translations_keep_their_placeholders_and_menu_keys(texts, chinese):
    wrong = []
    for text in texts:
        message = chinese.get(text)
        if not message or not message.string:
            continue
        if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(message.string)):
            wrong.append(f"{text!r} -> {message.string!r}: placeholders differ")
        if bool(ACCELERATOR.search(text)) != bool(ACCELERATOR.search(message.string)):
            wrong.append(f"{text!r} -> {message.string!r}: menu key (&) differs")
    assert not wrong, "\n".join(wrong)


def test_the_placeholder_check_catches_a_mismatch():
    assert PLACEHOLDER.findall("Copy {language}") != PLACEHOLDER.findall("复制{语言}")


def test_no_text_in_the_interface_is_chinese_in_the_source(texts):
    # Sources are English; Chinese belongs in the catalog (examples in hints excepted).
    chinese_source = [t for t in texts if re.search(r"[\u4e00-\u9fff]", t) and "e.g." not in t]
    assert not chinese_source


def test_the_compiled_catalog_is_what_the_app_loads(tmp_path):
    # The build compiles .po to .mo; compiled here from the same source into a scratch copy.
    import shutil

    copy = tmp_path / "ui" / "locale"
    shutil.copytree(translations.locale_dir(), copy)
    for mo in copy.rglob("*.mo"):
        mo.unlink()
    (mo,) = translations.compile_catalogs(tmp_path)
    import gettext

    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    assert catalog.gettext("Copy both") == "复制两种语言"
