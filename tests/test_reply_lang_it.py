"""The Italian replies (templates/languages/it/) as an Italian buyer reads them: one address
form (Lei, with its capitalised courtesy forms), the platforms' own Italian words, Italian
markers, elided articles before a date or a percentage ("l'8 dicembre", "dell'80%"), nothing
glued, the eBay public reply within 80 characters; and the Italian wording checks
(platforms/phrases/it.toml) catch what a seller might write in Italian while flagging no shipped
reply the English one is not flagged for."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

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

# "tu" and its forms: the replies say Lei throughout.
INFORMAL = re.compile(
    r"\b(?:tu|ti|te|tuo|tua|tuoi|tue|puoi|vuoi|hai|sei|scrivimi|contattami|grazie\s+a\s+te)\b",
    re.IGNORECASE,
)
# The courtesy forms take a capital; a lowercase "suo" or "lei" would read as "his"/"her", so
# the replies avoid them altogether (they say "la pagina di questo ordine", not "la sua pagina").
LOWERCASE_COURTESY = re.compile(r"\b(?:lei|suo|sua|suoi|sue)\b")
# An article or preposition that must elide before a date or a number said with a vowel
# ("l'8 dicembre", "dall'11 marzo", "dell'80%"), and prepositions glued to an article.
UNELIDED = re.compile(r"\b(?:il|dal|al|del|nel)\s+(?:8|11(?!\d))")
GLUED = re.compile(
    r" {2}| [.,:;?]|[a-zà-ÿ][.!?][A-ZÀ-Ý]|\.\.|::|\b(?:a al|di il|di la|a il|da il|in il)\b"
)
ENGLISH_SIMPLE_PAST_SHIPPED = re.compile(r"\b(?:order|parcel)\s+\S+\s+shipped\s+on\b")
ENGLISH_PLATFORM_WORDS = ("Your Orders", "Purchases", "A-to-z", "dispute", "return request")


def test_italian_is_a_reply_language_with_its_own_words() -> None:
    italian = CATALOG.languages["it"]
    assert (italian.locale, italian.script, italian.yes, italian.no) == (
        "it_IT",
        "Latn",
        "sì",
        "no",
    )
    assert all("it" in s.replies for s in CATALOG)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_italian_variant_reads_cleanly(scenario_id: str) -> None:
    """Lei throughout, courtesy forms capitalised, elided articles, no glued words, Italian
    markers, and no English platform word left."""
    for where, values, result in labelled("it", scenario_id):
        italian, english = result.drafts["it"], result.drafts["en"]
        assert italian.error is None, where
        for text in (italian.subject or "", italian.body):
            plain = masked(text, values)
            for pattern in (INFORMAL, LOWERCASE_COURTESY, UNELIDED, GLUED):
                found = pattern.search(plain)
                assert not found, (where, plain[max(0, found.start() - 30) : found.end() + 30])
            for word in ENGLISH_PLATFORM_WORDS:
                assert word not in plain, (where, word, text)
        assert "\n\n\n" not in italian.body, (where, italian.body)
        # The same paragraphs and lines as the English: no sentence glued to the sign-off.
        assert italian.body.count("\n") == english.body.count("\n"), (where, italian.body)
        assert italian.body.count("\n\n") == english.body.count("\n\n"), (where, italian.body)
        # An unfilled field shows an Italian marker, never the English one.
        assert not set(italian.markers) & set(english.markers), (where, italian.markers)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_italian_addresses_the_buyer_as_lei_in_every_reply(scenario_id: str) -> None:
    """A public reply included: the buyer is addressed, with the courtesy form (a pronoun or a
    verb in the third person: "ci scriva", "può")."""
    for where, _values, result in labelled(
        "it", scenario_id, formats=("chat",), platforms=("generic",)
    ):
        body = result.drafts["it"].body
        courtesy = r"\b(?:Lei|La|Le|Suo|Sua|Suoi|Sue|ci scriva|può|potrebbe)\b|[a-z](?:La|Le)\b"
        assert re.search(courtesy, body), where


def _body(scenario_id: str, platform: str, reply_format: str = "chat", **chosen: Value) -> str:
    return example_draft("it", scenario_id, platform, reply_format, **chosen).body


def test_each_platform_gets_its_own_italian_words() -> None:
    assert "controversia" in _body("dispute-opened", "aliexpress")
    assert "Garanzia dalla A alla Z" in _body("dispute-opened", "amazon")
    assert "richiesta di reso" in _body("dispute-opened", "ebay")
    assert "richiesta per oggetto non ricevuto" in _body(
        "dispute-opened", "ebay", problem="not-received"
    )
    assert "richiesta di reso/rimborso" in _body("dispute-opened", "shopee")
    for platform in ("amazon", "ebay", "shopee", "generic"):
        assert "controversia" not in _body("dispute-opened", platform)
    assert "I miei ordini" in _body("wrong-item", "amazon", remedy="return-refund")
    assert "Suoi Acquisti" in _body("wrong-item", "ebay", remedy="return-refund")
    assert "feedback su eBay" in _body("feedback-request", "ebay")
    assert "recensione su AliExpress" in _body("feedback-request", "aliexpress")
    assert "«Richiedi l'annullamento»" in _body("address-change", "amazon", remedy="not-shipped")


def test_the_greeting_and_sign_off_read_as_an_italian_shop_writes_them() -> None:
    chat = _body("late-delivery", "generic")
    assert chat.startswith("Buongiorno Maria,")
    assert chat.rstrip().endswith("Lily Chen, Sunny Home Store")
    assert _body("late-delivery", "generic", buyer_name=None).startswith("Buongiorno,\n")
    email = _body("late-delivery", "generic", reply_format="email", buyer_name=None)
    assert email.startswith("Gentile cliente,") and "Cordiali saluti,\nLily Chen" in email
    assert "caro cliente" not in email.lower() and "ciao" not in email.lower()


def test_dates_and_percentages_take_the_elided_article() -> None:
    assert "entro l'8 dicembre" in _body(
        "out-of-stock", "generic", offer="wait", restock_date=dt.date(2026, 12, 8)
    )
    assert "entro il 18 dicembre" in _body(
        "out-of-stock", "generic", offer="wait", restock_date=dt.date(2026, 12, 18)
    )
    assert "dall'11 marzo" in _body(
        "where-is-my-order", "generic", status="not-updating", last_update=dt.date(2026, 3, 11)
    )
    damaged = {"photos_received": True, "refund_amount": None}
    assert "dell'80% del prezzo" in _body(
        "damaged-item", "generic", refund_percent=Decimal(80), **damaged
    )
    assert "del 30% del prezzo" in _body(
        "damaged-item", "generic", refund_percent=Decimal(30), **damaged
    )


def test_the_ebay_reply_to_feedback_fits_80_characters_in_italian() -> None:
    for where, _values, result in labelled("it", "negative-review", platforms=("ebay",)):
        body = result.drafts["it"].body
        if "[" not in body:  # the seller's own text (a change, the facts) is theirs to size
            assert len(body) <= 80, (where, len(body), body)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_shipped_italian_reply_is_flagged_where_the_english_one_is_not(scenario_id: str) -> None:
    """The Italian wording checks flag a shipped Italian reply exactly where they flag the
    English (Amazon's rule on a shipping notice), and nowhere else."""
    scenario = CATALOG.get(scenario_id)
    assert scenario is not None
    for render in renders("it", scenario_id):
        where, result = render.where, render.result
        flagged = flags(render, scenario, ("en", "it"))
        english = result.drafts["en"]
        if ENGLISH_SIMPLE_PAST_SHIPPED.search((english.subject or "") + english.body):
            # "Your order ... shipped on March 16": the English list knows only "has/was
            # shipped"; Italian has one form for both ("è stato spedito il 16 marzo"), caught.
            flagged["en"] |= {"shipping-confirmation"} & flagged["it"]
        assert flagged["it"] == flagged["en"], (where, flagged, result.drafts["it"].body)


def italian_codes(text: str, platform: str = "amazon", kind: str = "answer") -> set[str]:
    found = check_text(text, "it", BOOK.platform(platform), BOOK.phrases, kind=kind)
    return {c.code for c in found}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Per fare prima, mi contatti su WhatsApp.", "off-platform"),
        ("Ci scriva via e-mail e sistemiamo tutto.", "off-platform"),
        ("Mi scriva direttamente, è più semplice.", "off-platform"),
        ("Scrivimi in privato e ne parliamo.", "off-platform"),
        ("Può pagare il resto con bonifico bancario.", "off-platform"),
        ("Ci paghi tramite PayPal per evitare le commissioni.", "off-platform"),
        ("Possiamo chiudere la cosa fuori da Amazon.", "off-platform"),
        ("La prossima volta ordini direttamente da noi.", "off-platform"),
        ("Trova tutti i nostri articoli sul nostro sito ufficiale.", "off-platform"),
        ("Le rimborseremo 5 € se lascia una recensione.", "review-incentive"),
        ("Le offriamo un regalo se modifica la Sua valutazione.", "review-incentive"),
        ("Un buono sconto di 10 € in cambio del Suo feedback.", "review-incentive"),
        ("Se è soddisfatto, ci lasci una recensione.", "review-conditional"),
        ("Se l'articolo Le è piaciuto, un feedback ci aiuterebbe molto.", "review-conditional"),
        ("La preghiamo di lasciarci una recensione positiva.", "review-conditional"),
        ("Non esiti a darci 5 stelle.", "review-conditional"),
        ("Ecco un codice con il 10% di sconto sul Suo prossimo ordine.", "future-coupon"),
        ("Per il Suo prossimo acquisto, approfitti di un codice sconto.", "future-coupon"),
        ("Buongiorno, (il Suo nome) del negozio.", "placeholder"),
    ],
)
def test_the_italian_checks_catch_what_a_seller_might_write(text: str, code: str) -> None:
    assert code in italian_codes(text)


def test_an_italian_shipping_notice_on_amazon_is_flagged_unless_about_a_problem() -> None:
    for text in (
        "Il Suo ordine è stato spedito oggi.",
        "Abbiamo spedito il Suo ordine stamattina.",
        "Il Suo pacco è in viaggio.",
        "Le confermiamo che il Suo ordine è confermato.",
    ):
        assert "shipping-confirmation" in italian_codes(text, kind="notice"), text
    delayed = "Il Suo ordine è stato spedito, ma la dogana lo trattiene da lunedì."
    assert "shipping-confirmation" not in italian_codes(delayed, kind="notice")


def test_polite_italian_replies_are_left_alone() -> None:
    for text in (
        "Se ha un momento, può lasciare una recensione sull'articolo.",
        "Contatti il corriere al numero 800-463-3339 con il numero di tracciamento.",
        "Ci scriva se qualcosa non va.",
        "Possiamo riprendere l'articolo con un rimborso completo tramite Amazon.",
        "L'importo è tornato sul Suo conto PayPal.",
        "Una recensione sincera, qualunque cosa dica, aiuta gli altri acquirenti a scegliere.",
    ):
        assert not italian_codes(text) & WORDING_CHECKS, text
