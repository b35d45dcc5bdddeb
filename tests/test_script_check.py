"""The script check: text in another writing system than the reply's language uses."""

from __future__ import annotations

import re

from composer.judgement.presend import check_text
from composer.judgement.rules import Phrases, load_rulebook
from composer.judgement.text_checks import RuleContext


def _codes(text: str, language: str, script: str) -> list[str]:
    return [c.code for c in check_text(text, language, script=script)]


def test_chinese_characters_in_a_latin_reply_are_flagged_but_not_in_the_chinese_one() -> None:
    (check,) = check_text("Hola, 王芳: su pedido ya está en camino.", "es", script="Latn")
    assert (check.code, check.severity, check.language) == ("wrong-script", "warning", "es")
    assert "王芳" in check.message["en"] and "王芳" in check.message["zh"]
    assert _codes("您好，王芳！", "zh", "Hans") == []


def test_cyrillic_in_a_latin_reply_is_flagged() -> None:
    (check,) = check_text("Bonjour, merci pour votre commande Спасибо.", "fr", script="Latn")
    assert check.code == "wrong-script" and "Спасибо" in check.message["en"]


def test_an_english_sentence_left_in_a_russian_reply_is_flagged() -> None:
    text = "Здравствуйте! Ваш заказ отправлен. We will refund you in full."
    (check,) = check_text(text, "ru", script="Cyrl")
    assert check.code == "wrong-script"
    assert text[check.start : check.end].strip() == "We will refund you in full."


def test_brands_and_the_sellers_own_values_are_not_flagged_in_a_russian_reply() -> None:
    assert _codes("Посылка идёт через DHL Express, заказ на AliExpress.", "ru", "Cyrl") == []
    text = "Здравствуйте! Ваша ceramic table lamp уже в пути.\n\nLily Chen, Sunny Home Store"
    context = RuleContext(
        None,
        Phrases(),
        "ru",
        values={"item_name": "ceramic table lamp", "sign_off": "Lily Chen, Sunny Home Store"},
    )
    assert list(context.check(text, "body", "Cyrl")) == []
    # Without knowing the values, the sign-off reads as a Latin sentence.
    assert _codes(text, "ru", "Cyrl") == ["wrong-script"]


def test_a_languages_own_placeholder_words_are_errors() -> None:
    phrases = Phrases({"es": {"placeholder": ((re.compile(r"\(\s*tu nombre\s*\)", re.I),),)}})
    (check,) = check_text("Un saludo, (tu nombre)", "es", phrases=phrases)
    assert (check.code, check.severity) == ("placeholder", "error")
    assert "(tu nombre)" in check.message["en"]
    assert check_text("Un saludo, (tu nombre)", "fr", phrases=phrases) == []


def test_the_chinese_placeholder_words_ship() -> None:
    book = load_rulebook()
    found = check_text("祝好！（您的名字）", "zh", phrases=book.phrases, script="Hans")
    assert [c.code for c in found] == ["placeholder"]
    assert book.problems == []
