"""The German replies (templates/languages/de/) as a German buyer reads them: one address form
(Sie, always capitalized, never du), the platforms' own German words, German markers, no glued
words, a lower-case start after the greeting's comma where German wants one, the eBay public
reply within 80 characters; and the German wording checks (platforms/phrases/de.toml) catch what
a seller might write in German while flagging no shipped reply the English one is not flagged
for."""

from __future__ import annotations

import re
import tomllib

import pytest

from composer.judgement.presend import check_text
from composer.templating.fields import Value
from tests.helpers.languages import (
    BOOK,
    CATALOG,
    SCENARIOS,
    WORDING_CHECKS,
    example_draft,
    flags,
    labelled,
    masked,
    renders,
)
from tests.helpers.scenarios import SHIPPED

# "du", "dich", "dein": the informal address; a German shop writes "Sie" to a buyer.
INFORMAL = re.compile(r"\b(?:du|dich|dir|dein|deine|deinen|deinem|deiner|deines|euch|euer)\b", re.I)
# The formal pronoun in lower case ("wir helfen ihnen", "ihre Bestellung") reads as "they/her".
LOWER_FORMAL = re.compile(r"\b(?:ihnen|ihre|ihren|ihrem|ihrer|ihr)\s+(?:Bestellung|Paket|Artikel)")
GLUED = re.compile(r" {2}| [.,;:]|[a-zäöüß][.!?][A-ZÄÖÜ]|\.\.|::|,,")
ENGLISH_PLATFORM_WORDS = (
    "Your Orders",
    "Purchases",
    "A-to-z",
    "dispute",
    "return request",
    "order page",
    "tracking number",
)
# After "Hallo Maria," the first sentence goes on in lower case, unless its first word is a
# noun or the formal Sie/Ihr.
CAPITAL_START_ALLOWED = {"Sie", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihnen"}
NOUNS_THAT_START = {"Bestellung", "Paket", "Einfuhrabgaben"}


def test_german_is_a_reply_language_with_its_own_words() -> None:
    german = CATALOG.languages["de"]
    assert (german.locale, german.script, german.yes, german.no) == ("de_DE", "Latn", "ja", "nein")
    assert all("de" in s.replies for s in CATALOG)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_german_variant_reads_cleanly(scenario_id: str) -> None:
    """Sie throughout, no du, no lower-case formal pronoun, no glued words, German markers,
    no English platform word left."""
    for where, values, result in labelled("de", scenario_id):
        german, english = result.drafts["de"], result.drafts["en"]
        assert german.error is None, where
        for text in (german.subject or "", german.body):
            plain = masked(text, values)
            assert not INFORMAL.search(plain), (where, INFORMAL.search(plain), text)
            assert not LOWER_FORMAL.search(plain), (where, LOWER_FORMAL.search(plain), text)
            found = GLUED.search(plain)
            assert not found, (where, plain[max(0, found.start() - 30) : found.end() + 30])
            for word in ENGLISH_PLATFORM_WORDS:
                assert word not in plain, (where, word, text)
        # An unfilled field shows a German marker, never the English one.
        assert not set(german.markers) & set(english.markers), (where, german.markers)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_first_sentence_after_the_greeting_starts_as_german_wants(scenario_id: str) -> None:
    """ "Hallo Maria,\\n\\nleider …", "… Ihre Bestellung …": lower case after the comma unless
    the first word is Sie/Ihr or a noun."""
    scenario = CATALOG.get(scenario_id)
    assert scenario is not None
    if scenario.kind == "review-reply":
        return
    for where, _values, result in labelled(
        "de", scenario_id, platforms=("generic", "amazon", "ebay")
    ):
        body = result.drafts["de"].body
        greeting, _, rest = body.partition("\n\n")
        assert greeting.endswith(","), (where, greeting)
        first = re.match(r"\w+", rest)
        assert first is not None, (where, rest)
        word = first.group()
        assert word.islower() or word in CAPITAL_START_ALLOWED | NOUNS_THAT_START, (where, word)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_german_uses_sie_in_every_reply(scenario_id: str) -> None:
    """A public reply included: the buyer is addressed, and always as Sie."""
    for where, _values, result in labelled(
        "de", scenario_id, formats=("chat",), platforms=("generic",)
    ):
        assert re.search(
            r"\b(?:Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer)\b", result.drafts["de"].body
        ), where


def _body(scenario_id: str, platform: str, reply_format: str = "chat", **chosen: Value) -> str:
    return example_draft("de", scenario_id, platform, reply_format, **chosen).body


def test_each_platform_gets_its_own_german_words() -> None:
    assert "Streitfall" in _body("dispute-opened", "aliexpress")
    assert "A-bis-z-Garantieantrag" in _body("dispute-opened", "amazon")
    assert "Ihre Rückgabeanfrage" in _body("dispute-opened", "ebay")
    assert "„Artikel nicht erhalten“" in _body("dispute-opened", "ebay", problem="not-received")
    assert "Rückgabe-/Erstattungsantrag" in _body("dispute-opened", "shopee")
    for platform in ("amazon", "ebay", "shopee"):
        assert "Streitfall" not in _body("dispute-opened", platform)
    assert "„Meine Bestellungen“" in _body("wrong-item", "amazon", remedy="return-refund")
    assert "„Käufe“ in Mein eBay" in _body("wrong-item", "ebay", remedy="return-refund")
    assert "auf eBay eine Bewertung" in _body("feedback-request", "ebay")
    assert "auf AliExpress eine Bewertung" in _body("feedback-request", "aliexpress")
    assert "„Stornierung anfordern“" in _body("address-change", "amazon", remedy="not-shipped")
    assert "Sendungsnummer" in _body("shipped-update", "generic")


def test_dates_and_amounts_read_the_german_way() -> None:
    assert "bis zum 27. März" in _body("late-delivery", "generic")
    assert "25,90\u00a0$" in _body("late-delivery", "generic")
    assert "30\u00a0%" in _body("damaged-item", "generic", refund_amount=None)


def test_the_greeting_and_sign_off_read_as_a_german_shop_writes_them() -> None:
    chat = _body("late-delivery", "generic")
    assert chat.startswith("Hallo Maria,\n\nes tut uns leid")
    assert chat.rstrip().endswith("Lily Chen, Sunny Home Store")
    email = _body("late-delivery", "generic", reply_format="email", buyer_name=None)
    assert email.startswith("Guten Tag,") and "Viele Grüße\nLily Chen\nSunny Home Store" in email
    assert "kunde" not in email.lower()


def test_the_ebay_reply_to_feedback_fits_80_characters_in_german() -> None:
    for where, _values, result in labelled("de", "negative-review", platforms=("ebay",)):
        body = result.drafts["de"].body
        if "[" not in body:  # the seller's own text (a change, the facts) is theirs to size
            assert len(body) <= 80, (where, len(body), body)


def test_the_public_reply_names_no_buyer_and_signs_nothing() -> None:
    for where, values, result in labelled("de", "negative-review"):
        body = result.drafts["de"].body
        assert not body.startswith(("Hallo", "Guten Tag")), where
        assert str(values.get("seller_name")) not in body, where


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_shipped_german_reply_is_flagged_where_the_english_one_is_not(scenario_id: str) -> None:
    """The German wording checks flag a shipped German reply exactly where they flag the English
    (Amazon's rule on a shipping notice), and nowhere else."""
    scenario = CATALOG.get(scenario_id)
    assert scenario is not None
    for render in renders("de", scenario_id):
        where, result = render.where, render.result
        flagged = flags(render, scenario, ("en", "de"))
        assert flagged["de"] == flagged["en"], (where, flagged, result.drafts["de"].body)


def german_codes(text: str, platform: str = "amazon", kind: str = "answer") -> set[str]:
    found = check_text(text, "de", BOOK.platform(platform), BOOK.phrases, kind=kind)
    return {c.code for c in found}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Schreiben Sie mir am besten per WhatsApp.", "off-platform"),
        ("Kontaktieren Sie uns direkt per E-Mail, dann geht es schneller.", "off-platform"),
        ("Schreib mir direkt, das ist einfacher.", "off-platform"),
        ("Sie können den Rest per Banküberweisung zahlen.", "off-platform"),
        ("Zahlen Sie bitte über PayPal, dann sparen wir die Gebühren.", "off-platform"),
        ("Wir können das auch außerhalb von Amazon regeln.", "off-platform"),
        ("Beim nächsten Mal bestellen Sie einfach direkt bei uns.", "off-platform"),
        ("Unsere Artikel finden Sie auch in unserem eigenen Onlineshop.", "off-platform"),
        ("Sie erreichen uns auch telefonisch.", "off-platform"),
        ("Wir erstatten Ihnen 5 €, wenn Sie eine Bewertung schreiben.", "review-incentive"),
        ("Sie bekommen ein Geschenk, wenn Sie Ihre Bewertung ändern.", "review-incentive"),
        (
            "Löschen Sie bitte die Bewertung, dann erstatten wir den vollen Betrag.",
            "review-incentive",
        ),
        ("Ein Gutschein über 10 € als Dankeschön für Ihre Bewertung.", "review-incentive"),
        ("Bewertung gegen Rückerstattung: So einfach geht es.", "review-incentive"),
        (
            "Wenn Sie zufrieden sind, hinterlassen Sie uns bitte eine Bewertung.",
            "review-conditional",
        ),
        (
            "Falls Ihnen der Artikel gefällt, würden wir uns über Feedback freuen.",
            "review-conditional",
        ),
        ("Wir freuen uns über eine positive Bewertung.", "review-conditional"),
        ("Geben Sie uns gern 5 Sterne.", "review-conditional"),
        ("Hier ist ein Code für 10 % Rabatt auf Ihre nächste Bestellung.", "future-coupon"),
        ("Bei Ihrem nächsten Einkauf gibt es einen Gutschein.", "future-coupon"),
        ("Viele Grüße, (Ihr Name) vom Shop.", "placeholder"),
    ],
)
def test_the_german_checks_catch_what_a_seller_might_write(text: str, code: str) -> None:
    assert code in german_codes(text)


def test_a_german_shipping_notice_on_amazon_is_flagged_unless_about_a_problem() -> None:
    for text in (
        "Ihre Bestellung wurde heute verschickt.",
        "Ihre Bestellung wurde am 16. März mit DHL verschickt.",
        "Wir haben Ihre Bestellung heute versandt.",
        "Ihr Paket ist auf dem Weg zu Ihnen.",
        "Ihre Bestellung ist bestätigt.",
    ):
        assert "shipping-confirmation" in german_codes(text, kind="notice"), text
    delayed = "Ihre Bestellung wurde verschickt, hängt aber seit Montag beim Zoll."
    assert "shipping-confirmation" not in german_codes(delayed, kind="notice")


def test_polite_german_replies_are_left_alone() -> None:
    for text in (
        "Wenn Sie einen Moment Zeit haben, können Sie eine Bewertung schreiben.",
        "Wenden Sie sich mit der Sendungsnummer an FedEx (Tel. 800-463-3339).",
        "Schreiben Sie uns, falls etwas nicht stimmt.",
        "Wir können den Artikel gegen volle Rückerstattung über Amazon zurücknehmen.",
        "Das Geld ging direkt auf Ihr PayPal-Konto zurück.",
        "Danke, dass Sie sich direkt an uns gewandt haben.",
        "Wenn Sie möchten, können Sie diese Alternative gern in unserem Amazon-Shop bestellen.",
        "Bitte beantragen Sie auf der Bestellseite die volle Rückerstattung.",
    ):
        assert not german_codes(text) & WORDING_CHECKS, text


def test_the_german_phrase_file_has_every_code_of_the_english_table() -> None:
    english = tomllib.loads((SHIPPED.parent / "platforms" / "phrases.toml").read_text("utf-8"))
    german = tomllib.loads(
        (SHIPPED.parent / "platforms" / "phrases" / "de.toml").read_text("utf-8")
    )
    assert set(english["en"]) <= set(german)
