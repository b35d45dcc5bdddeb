"""The French replies (templates/languages/fr/) as a French buyer reads them: one address form
(vous), the platforms' own French words, French markers, no glued or unelided words, the eBay
public reply within 80 characters; and the French wording checks (platforms/phrases/fr.toml)
catch what a seller might write in French while flagging no shipped reply the English one is
not flagged for."""

from __future__ import annotations

import re

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

INFORMAL = re.compile(r"\b(?:tu|toi|ton|ta|tes|t['’])(?=\W)", re.IGNORECASE)
# "je suis désolé(e)", "je suis ravi(e)": the seller may be a man or a woman.
GENDERED_FIRST_PERSON = re.compile(r"\bje\s+suis\s+\w+[ée]e?s?\b", re.IGNORECASE)
# A word that must elide before a vowel ("de examiner", "que il", "le article").
# A pronoun after an imperative ("rapportez-le au bureau") does not elide.
UNELIDED = re.compile(
    r"(?<![\w'’-])(?:de|que|ne|je|se|le|la|me|te)\s+[aeiouyéèêàâîô]", re.IGNORECASE
)
GLUED = re.compile(r" {2}| [.,]|[a-zà-ÿ][.!?][A-ZÀ-Ý]|\.\.|::")
ENGLISH_PLATFORM_WORDS = ("Your Orders", "Purchases", "A-to-z", "dispute", "return request")


def test_french_is_a_reply_language_with_its_own_words() -> None:
    french = CATALOG.languages["fr"]
    assert (french.locale, french.script, french.yes, french.no) == ("fr_FR", "Latn", "oui", "non")
    assert all("fr" in s.replies for s in CATALOG)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_french_variant_reads_cleanly(scenario_id: str) -> None:
    """vous throughout, no gendered "je suis désolé", no unelided or glued words, French
    markers, and no English platform word left."""
    for where, values, result in labelled("fr", scenario_id):
        french, english = result.drafts["fr"], result.drafts["en"]
        assert french.error is None, where
        for text in (french.subject or "", french.body):
            plain = masked(text, values)
            assert not INFORMAL.search(plain), (where, INFORMAL.search(plain), text)
            assert not GENDERED_FIRST_PERSON.search(plain), (where, text)
            found = UNELIDED.search(plain)
            assert not found, (where, plain[max(0, found.start() - 30) : found.end() + 30])
            found = GLUED.search(plain)
            assert not found, (where, plain[max(0, found.start() - 30) : found.end() + 30])
            for word in ENGLISH_PLATFORM_WORDS:
                assert word not in plain, (where, word, text)
        # An unfilled field shows a French marker, never the English one.
        assert not set(french.markers) & set(english.markers), (where, french.markers)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_french_uses_vous_in_every_reply(scenario_id: str) -> None:
    """A public reply included: the buyer is addressed, and always as vous."""
    for where, _values, result in labelled(
        "fr", scenario_id, formats=("chat",), platforms=("generic",)
    ):
        assert re.search(r"\b(?:vous|votre|vos)\b", result.drafts["fr"].body, re.I), where


def _body(scenario_id: str, platform: str, reply_format: str = "chat", **chosen: Value) -> str:
    return example_draft("fr", scenario_id, platform, reply_format, **chosen).body


def test_each_platform_gets_its_own_french_words() -> None:
    assert "litige" in _body("dispute-opened", "aliexpress")
    assert "garantie A à Z" in _body("dispute-opened", "amazon")
    assert "demande de retour" in _body("dispute-opened", "ebay")
    assert "demande pour objet non reçu" in _body("dispute-opened", "ebay", problem="not-received")
    for platform in ("amazon", "ebay", "shopee"):
        assert "litige" not in _body("dispute-opened", platform)
    assert "Vos commandes" in _body("wrong-item", "amazon", remedy="return-refund")
    assert "vos Achats" in _body("wrong-item", "ebay", remedy="return-refund")
    assert "évaluation sur eBay" in _body("feedback-request", "ebay")
    assert "avis sur AliExpress" in _body("feedback-request", "aliexpress")
    assert "Demander l'annulation" in _body("address-change", "amazon", remedy="not-shipped")


def test_the_greeting_and_sign_off_read_as_a_french_shop_writes_them() -> None:
    chat = _body("late-delivery", "generic")
    assert chat.startswith("Bonjour Maria,")
    assert chat.rstrip().endswith("Lily Chen, Sunny Home Store")
    email = _body("late-delivery", "generic", reply_format="email", buyer_name=None)
    assert email.startswith("Madame, Monsieur,") and "Bien cordialement,\nLily Chen" in email
    assert "cher client" not in email.lower()


def test_the_ebay_reply_to_feedback_fits_80_characters_in_french() -> None:
    for where, _values, result in labelled("fr", "negative-review", platforms=("ebay",)):
        body = result.drafts["fr"].body
        if "[" not in body:  # the seller's own text (a change, the facts) is theirs to size
            assert len(body) <= 80, (where, len(body), body)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_shipped_french_reply_is_flagged_where_the_english_one_is_not(scenario_id: str) -> None:
    """The French wording checks flag a shipped French reply exactly where they flag the English
    (Amazon's rule on a shipping notice), and nowhere else."""
    scenario = CATALOG.get(scenario_id)
    assert scenario is not None
    for render in renders("fr", scenario_id):
        where, result = render.where, render.result
        flagged = flags(render, scenario, ("en", "fr"))
        assert flagged["fr"] == flagged["en"], (where, flagged, result.drafts["fr"].body)


def french_codes(text: str, platform: str = "amazon", kind: str = "answer") -> set[str]:
    found = check_text(text, "fr", BOOK.platform(platform), BOOK.phrases, kind=kind)
    return {c.code for c in found}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Pour aller plus vite, contactez-moi sur WhatsApp.", "off-platform"),
        ("Écrivez-nous directement par e-mail et nous réglerons cela.", "off-platform"),
        ("Écrivez-moi directement, ce sera plus simple.", "off-platform"),
        ("Vous pouvez payer le reste par virement bancaire.", "off-platform"),
        ("Réglez-nous via PayPal pour éviter les frais.", "off-platform"),
        ("Nous pouvons conclure en dehors d'Amazon.", "off-platform"),
        ("La prochaine fois, commandez directement chez nous.", "off-platform"),
        ("Retrouvez nos articles sur notre site officiel.", "off-platform"),
        ("Nous vous rembourserons 5 € si vous laissez un avis.", "review-incentive"),
        ("Nous vous offrons un cadeau si vous modifiez votre évaluation.", "review-incentive"),
        ("Un bon d'achat de 10 € en échange de votre commentaire.", "review-incentive"),
        ("Si vous êtes satisfait, laissez-nous une évaluation.", "review-conditional"),
        ("Si l'article vous plaît, un commentaire nous aiderait beaucoup.", "review-conditional"),
        ("Merci de nous laisser un avis positif sur la boutique.", "review-conditional"),
        ("N'hésitez pas à mettre 5 étoiles.", "review-conditional"),
        ("Voici un code de 10 % de réduction sur votre prochaine commande.", "future-coupon"),
        ("Pour votre prochain achat, profitez d'un code promo.", "future-coupon"),
        ("Bonjour, (votre nom) de la boutique.", "placeholder"),
    ],
)
def test_the_french_checks_catch_what_a_seller_might_write(text: str, code: str) -> None:
    assert code in french_codes(text)


def test_a_french_shipping_notice_on_amazon_is_flagged_unless_about_a_problem() -> None:
    for text in (
        "Votre commande a été expédiée aujourd'hui.",
        "Nous avons expédié votre commande ce matin.",
        "Votre colis est en route.",
        "Nous vous confirmons que votre commande est confirmée.",
    ):
        assert "shipping-confirmation" in french_codes(text, kind="notice"), text
    delayed = "Votre commande a été expédiée, mais la douane la retient depuis lundi."
    assert "shipping-confirmation" not in french_codes(delayed, kind="notice")


def test_polite_french_replies_are_left_alone() -> None:
    for text in (
        "Si vous avez un moment, vous pouvez laisser un avis sur l'article.",
        "Contactez le transporteur au 800-463-3339 avec le numéro de suivi.",
        "Écrivez-nous si quelque chose ne va pas.",
        "Nous pouvons reprendre l'article contre un remboursement intégral via Amazon.",
        "L'argent est revenu sur votre compte PayPal.",
    ):
        assert not french_codes(text) & WORDING_CHECKS, text
