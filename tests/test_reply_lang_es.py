"""The Spanish replies (templates/languages/es/), checked where a program can after a native
speaker's read: "usted" throughout, the chat and e-mail forms, the platforms' Spanish words, the
same figures as the English, no English text left over, and Spanish wording checks
(platforms/phrases/es.toml) that catch what a seller might write without flagging a shipped
reply. Every scenario, every combination of options and empty optional fields, chat and e-mail,
on the platforms sellers use most."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest

from composer.judgement.presend import check_text
from composer.templating.fields import Value
from tests.helpers.languages import (
    BOOK,
    CATALOG,
    RESULT,
    SCENARIOS,
    WORDING_CHECKS,
    flags,
    masked,
    renders,
)

WORDING = WORDING_CHECKS | {"too-long", "wrong-script"}

# "Tú" and "vosotros" forms: the Spanish replies say "usted" to every buyer.
INFORMAL = re.compile(
    r"\b(?:tú|tu|tus|te|ti|contigo|tienes|puedes|quieres|prefieres|estás|eres|has|hayas|"
    r"escríbenos|escríbeme|dinos|dime|avísanos|cuéntanos|envíanos|mándanos|danos|"
    r"vosotros|vosotras|vuestr[oa]s?|os)\b",
    re.IGNORECASE,
)
USTED = re.compile(
    r"\b(?:usted|su|sus|le|les|díganos|díganoslo|escríbanos|avísenos|envíenos)\b", re.I
)
# Words an English sentence can hardly do without; none is Spanish.
ENGLISH = re.compile(
    r"\b(?:the|and|your|you|we|our|please|with|will|this|that|order|refund|thank|sorry)\b",
    re.IGNORECASE,
)
DIGITS = re.compile(r"\d+")


def spanish(scenario_id: str) -> Iterator[tuple[str, dict[str, Value], str, str, str, str]]:
    """(label, values, format, platform, English text, Spanish text): subject and body."""
    for label, values, reply_format, platform, result in renders("es", scenario_id):
        en, es = result.drafts["en"], result.drafts["es"]
        assert es.error is None, (scenario_id, label, es.error)
        yield (
            label,
            values,
            reply_format,
            platform,
            f"{en.subject or ''}\n{en.body}",
            f"{es.subject or ''}\n{es.body}",
        )


def test_spanish_is_a_language_of_the_catalog_and_every_scenario_has_it():
    spanish_language = CATALOG.languages["es"]
    assert spanish_language.locale == "es_ES"
    assert spanish_language.name == "Español"
    assert spanish_language.names == {"en": "Spanish", "zh": "西班牙语"}
    assert spanish_language.script == "Latn"
    assert [s for s in SCENARIOS if "es" not in CATALOG.get(s).replies] == []
    assert [p.message for p in RESULT.problems if "/languages/es/" in str(p.path)] == []


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_field_has_a_spanish_marker(scenario_id):
    """An unfilled field shows "[Número de pedido]", never the English label."""
    scenario = CATALOG.get(scenario_id)
    for field in scenario.fields:
        assert field.labels.get("es"), (scenario_id, field.name, "no Spanish label")
        assert field.label("es") != field.label("en"), (scenario_id, field.name)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_spanish_reply_says_usted_throughout(scenario_id):
    public = CATALOG.get(scenario_id).kind == "review-reply"
    for label, values, reply_format, platform, _en, es in spanish(scenario_id):
        text = masked(es, values, " ", shortest=1)
        informal = INFORMAL.search(text)
        assert informal is None, (label, reply_format, platform, informal.group(0), es)
        if not public:
            assert USTED.search(text), (label, reply_format, platform, es)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_chat_reply_greets_with_hola_and_an_email_is_a_letter(scenario_id):
    public = CATALOG.get(scenario_id).kind == "review-reply"
    for label, values, reply_format, platform, result in renders("es", scenario_id):
        body = result.drafts["es"].body
        paragraphs = body.split("\n\n")
        where = (label, reply_format, platform, body)
        if public:
            assert "Hola" not in body and "saludo" not in body, where
            assert values.get("seller_name") is None or str(values["seller_name"]) not in body
            continue
        if reply_format == "chat":
            assert re.fullmatch(r"¡Hola(, .+)?!", paragraphs[0]), where
            assert "\n" not in paragraphs[-1], where  # a one-line sign-off
            assert "Buenos días" not in body and "Un cordial saludo" not in body, where
        else:
            assert re.fullmatch(r"Buenos días(, .+)?:", paragraphs[0]), where
            assert paragraphs[-1].startswith("Un cordial saludo,\n"), where


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_spanish_has_the_english_paragraphs_figures_and_markers(scenario_id):
    """The same promises: every amount, date, count and number the English prints, and every
    marker of an unfilled field, in as many paragraphs."""
    for label, _values, reply_format, platform, result in renders("es", scenario_id):
        en, es = result.drafts["en"], result.drafts["es"]
        where = (label, reply_format, platform, en.body, es.body)
        assert len(en.body.split("\n\n")) == len(es.body.split("\n\n")), where
        en_text, es_text = f"{en.subject or ''} {en.body}", f"{es.subject or ''} {es.body}"
        assert Counter(DIGITS.findall(en_text)) == Counter(DIGITS.findall(es_text)), where
        assert en_text.count("[") == es_text.count("["), where
        assert (en.subject is None) == (es.subject is None), where


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_english_is_left_in_a_spanish_reply(scenario_id):
    for label, values, reply_format, platform, _en, es in spanish(scenario_id):
        left = ENGLISH.search(masked(es, values, " ", shortest=1))
        assert left is None, (label, reply_format, platform, left.group(0), es)


# Where the English names a place or a procedure of the platform, the Spanish names it as the
# platform's Spanish site does (a pattern, matched without regard to case).
PLATFORM_WORDS = [
    ("Your Orders", r"Mis pedidos"),
    ("Purchases", r"Compras, en Mi eBay"),
    ("A-to-z", r"Garantía de la A a la Z"),
    ("dispute", r"disputa"),
    ("return/refund request", r"solicitud de devolución/reembolso"),
    ("item not received request", r"solicitud de artículo no recibido"),
    ("return request", r"solicitud de devolución"),
    ("tracking number", r"números? de seguimiento"),
    ("order page", r"página del pedido"),
    ("customs", r"aduanas?"),
    ("prepaid", r"prepagada"),
]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_platform_words_are_the_platforms_spanish_words(scenario_id):
    for label, values, _reply_format, platform, en, es in spanish(scenario_id):
        en_text = masked(en, values, " ", shortest=1)
        for english, spanish_words in PLATFORM_WORDS:
            if english.lower() in en_text.lower():
                assert re.search(spanish_words, es, re.I), (label, platform, english, es)
        if "disputa" in es:
            assert platform == "aliexpress", (label, platform, es)  # AliExpress's own word


def test_the_ebay_reply_to_feedback_fits_the_older_80_character_limit():
    for label, _values, _format, platform, result in renders("es", "negative-review"):
        if platform == "ebay":
            body = result.drafts["es"].body
            assert len(body) <= 80, (label, len(body), body)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_shipped_spanish_reply_is_flagged_where_the_english_is_not(scenario_id):
    """The Spanish wording checks pass every shipped reply the English checks pass, and flag
    the same rules where the English is flagged (Amazon forbids a shipping notice: both are)."""
    scenario = CATALOG.get(scenario_id)
    for render in renders("es", scenario_id):
        label, _values, reply_format, platform, result = render
        codes = flags(render, scenario, ("en", "es"), WORDING.__contains__)
        drafts = {code: result.drafts[code].body for code in ("en", "es")}
        assert codes["es"] == codes["en"], (label, reply_format, platform, codes, drafts)


def test_the_spanish_phrase_lists_have_the_english_codes():
    for code in ("off-platform", "review-incentive", "review-conditional", "future-coupon"):
        assert BOOK.phrases.entries("es", code), code
    for code in ("shipping-confirmation", "order-problem", "review-request", "placeholder"):
        assert BOOK.phrases.entries("es", code), code
    assert not [p for p in BOOK.problems if "es" in p]


# What a seller might write in Spanish, and the check that must stop it.
FORBIDDEN = [
    ("aliexpress", "answer", "off-platform", "Escríbame por WhatsApp y se lo soluciono antes."),
    ("ebay", "answer", "off-platform", "Agrégueme en Telegram, así hablamos mejor."),
    ("amazon", "answer", "off-platform", "Puede pagarnos por PayPal o por transferencia bancaria."),
    ("ebay", "answer", "off-platform", "Es más barato si lo compra directamente a nosotros."),
    ("amazon", "answer", "off-platform", "Visite nuestra tienda online para más ofertas."),
    ("aliexpress", "answer", "off-platform", "Mejor hablamos fuera de AliExpress."),
    ("aliexpress", "answer", "off-platform", "Contácteme directamente, por favor."),
    ("ebay", "answer", "review-incentive", "Si deja una valoración positiva, le reembolsamos 5 €."),
    ("aliexpress", "answer", "review-incentive", "Le damos un cupón si cambia su opinión."),
    ("amazon", "answer", "review-incentive", "Le regalamos otra funda a cambio de su reseña."),
    (
        "amazon",
        "answer",
        "review-incentive",
        "Si quita la reseña negativa, le hacemos un reembolso.",
    ),
    (
        "amazon",
        "answer",
        "review-conditional",
        "Si está satisfecho con su compra, déjenos una reseña.",
    ),
    ("aliexpress", "answer", "review-conditional", "Si le ha gustado, valórenos con 5 estrellas."),
    (
        "amazon",
        "answer",
        "review-conditional",
        "Le agradeceríamos que nos dejara una reseña positiva.",
    ),
    ("amazon", "answer", "future-coupon", "Tiene un 10 % de descuento en su próximo pedido."),
    ("amazon", "answer", "future-coupon", "Le enviaremos un cupón para su próxima compra."),
    ("amazon", "notice", "shipping-confirmation", "Su pedido ya se ha enviado."),
    ("amazon", "notice", "shipping-confirmation", "Hemos enviado su paquete hoy mismo."),
    ("amazon", "notice", "shipping-confirmation", "Su compra ya está en camino."),
    ("generic", "answer", "placeholder", "Un cordial saludo,\n(su nombre)"),
    ("ebay", "answer", "placeholder", "Su pedido (número de pedido) ya está en camino."),
]


@pytest.mark.parametrize(("platform", "kind", "code", "sentence"), FORBIDDEN)
def test_the_spanish_checks_stop_what_a_platform_forbids(platform, kind, code, sentence):
    found = check_text(sentence, "es", BOOK.platform(platform), BOOK.phrases, kind=kind)
    assert code in {c.code for c in found}, (sentence, [(c.code, c.start, c.end) for c in found])


# What a careful seller writes: no check may fire on it.
ALLOWED = [
    ("aliexpress", "answer", "Escríbanos si tiene cualquier duda y le ayudaremos."),
    ("amazon", "answer", "Le reembolsaremos 5,00 US$ a través de Amazon, a su método de pago."),
    ("ebay", "feedback-request", "Si tiene un momento, puede dejar una valoración en eBay."),
    ("amazon", "notice", "Su paquete sale con retraso por el despacho de aduanas."),
    ("amazon", "notice", "Nuestra tienda hace una pausa en los envíos por el Año Nuevo chino."),
    ("aliexpress", "answer", "El dinero vuelve a su cuenta de PayPal al momento."),
    ("ebay", "answer", "Puede seguirlo en la web del transportista."),
]


@pytest.mark.parametrize(("platform", "kind", "sentence"), ALLOWED)
def test_the_spanish_checks_leave_a_careful_reply_alone(platform, kind, sentence):
    found = check_text(sentence, "es", BOOK.platform(platform), BOOK.phrases, kind=kind)
    assert not [c for c in found if c.code in WORDING], (sentence, found)
