"""The Brazilian Portuguese replies: what a native reviewer checked that a program can keep.

One address form (você) everywhere and no word that guesses the buyer's or the seller's gender;
the glossary's terms and each platform's own Portuguese words; the Portuguese wording checks
(platforms/phrases/pt.toml) catch what a seller might write, and no shipped variant trips them.
"""

from __future__ import annotations

import re

import pytest

from composer.judgement.presend import check_draft, check_text
from composer.templating.fields import Value
from composer.templating.validate import variants
from tests.helpers.languages import (
    BOOK,
    CATALOG,
    RENDERER,
    SCENARIOS,
    TODAY,
    WORDING_CHECKS,
    masked,
    renders,
)

PHRASE_CODES = WORDING_CHECKS | {"wrong-script"}


def _renders(scenario_id: str) -> list[tuple[str, dict[str, Value], str, str, str, str]]:
    """(variant, values, format, platform, English body, Portuguese subject + body) of every
    variant."""
    found = []
    for label, values, reply_format, platform, result in renders("pt", scenario_id):
        pt = result.drafts["pt"]
        assert pt.error is None, (scenario_id, label, pt.error)
        text = f"{pt.subject or ''}\n{pt.body}"
        found.append((label, values, reply_format, platform, result.drafts["en"].body, text))
    return found


RENDERS = {scenario_id: _renders(scenario_id) for scenario_id in SCENARIOS}

# "tu" and "o senhor" are not how a Brazilian shop writes to a buyer; "obrigado/obrigada",
# "satisfeito/satisfeita", "avisado/avisada" guess a gender we do not know.
OTHER_ADDRESS = re.compile(r"\b(?:tu|te|teu|tua|teus|tuas|contigo|o senhor|a senhora)\b", re.I)
GENDERED = re.compile(
    r"\b(?:obrigad[oa]|satisfeit[oa]|tranquil[oa]|preocupad[oa]|chatead[oa]|avisad[oa]|"
    r"bem-vind[oa]|prezad[oa]|car[oa]\s+cliente|sr\.|sra\.)\b",
    re.I,
)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_variant_says_voce_and_guesses_no_gender(scenario_id: str) -> None:
    for label, _values, reply_format, platform, _, text in RENDERS[scenario_id]:
        where = f"{scenario_id} ({label}, {reply_format}, {platform})"
        assert not OTHER_ADDRESS.search(text), (where, OTHER_ADDRESS.findall(text))
        assert not GENDERED.search(text), (where, GENDERED.findall(text))


# Where the English names a place or a thing on the platform, the Portuguese names it the way
# the Brazilian sites do; and one term per concept (language.toml's glossary).
PLATFORM_WORDS = [
    # (English words, platform, Portuguese words that must be there)
    ("Your Orders", "amazon", "Seus pedidos"),
    ("A-to-z", "amazon", "Garantia de A a Z"),
    ("your Purchases", "ebay", "suas Compras"),
    ("in the dispute", "aliexpress", "na disputa"),
    ("return/refund request", "shopee", "solicitação de devolução/reembolso"),
    ("leave feedback on eBay", "ebay", "deixar um feedback no eBay"),
]
AVOIDED_TERMS = re.compile(
    r"n[úu]mero de rastreamento|c[óo]digo de rastreamento|tracking|encomenda|"
    r"estorno|frete gr[áa]tis|nota fiscal",
    re.I,
)
TRACKING_NUMBER = re.compile(r"c[óo]digos? de rastreio", re.I)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_platform_words_and_the_glossary(scenario_id: str) -> None:
    for label, values, reply_format, platform, english, text in RENDERS[scenario_id]:
        where = f"{scenario_id} ({label}, {reply_format}, {platform})"
        for english_words, on, portuguese in PLATFORM_WORDS:
            if platform == on and english_words in english:
                assert portuguese in text, (where, portuguese)
        plain = masked(text, values, " ", shortest=1)  # typed by the seller, as typed
        assert not AVOIDED_TERMS.search(plain), (where, AVOIDED_TERMS.findall(plain))
        if "tracking number" in english.lower():
            assert TRACKING_NUMBER.search(text), where


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_an_amount_shown_in_english_is_shown_in_portuguese(scenario_id: str) -> None:
    """The same promises: every amount, percentage and date the English prints, in pt_BR."""
    for label, _values, reply_format, platform, english, text in RENDERS[scenario_id]:
        where = f"{scenario_id} ({label}, {reply_format}, {platform})"
        for amount in re.findall(r"\$(\d+)\.(\d\d)", english):
            assert f"US$\xa0{amount[0]},{amount[1]}" in text, (where, amount)
        for percent in re.findall(r"\b(\d+)%", english):
            assert f"{percent}%" in text, (where, percent)


MUST_TRIGGER = [
    ("off-platform", "Me chama no WhatsApp que a gente resolve mais rápido."),
    ("off-platform", "Se preferir, pode pagar via Pix direto para nós."),
    ("off-platform", "Faça a transferência bancária para a nossa conta bancária."),
    ("off-platform", "Fale comigo pelo Telegram, é mais fácil."),
    ("off-platform", "Escreva diretamente para mim, sem passar pela plataforma."),
    ("off-platform", "Você também pode comprar direto com a gente, mais barato."),
    ("off-platform", "Visite o nosso site oficial para ver mais modelos."),
    ("off-platform", "Podemos fechar negócio fora da Shopee."),
    ("review-incentive", "Deixe uma avaliação e ganhe um cupom de 10%."),
    ("review-incentive", "Se você mudar a sua avaliação, fazemos o reembolso total."),
    ("review-incentive", "Mandamos um brinde em troca de um comentário com foto."),
    ("review-incentive", "Ganhe cashback ao escrever a sua avaliação."),
    ("review-conditional", "Se você ficou satisfeito, deixe uma avaliação para nós."),
    ("review-conditional", "Se gostou do produto, nos dê uma nota no AliExpress."),
    ("review-conditional", "Por favor, deixe uma avaliação positiva."),
    ("review-conditional", "Você poderia nos dar 5 estrelas?"),
    ("future-coupon", "Como desculpas, aqui está 10% de desconto na sua próxima compra."),
    ("future-coupon", "Use o cupom SUNNY5 no seu próximo pedido."),
    ("placeholder", "Atenciosamente, (seu nome)"),
    ("placeholder", "Olá, XXX, tudo bem?"),
]


@pytest.mark.parametrize(("code", "text"), MUST_TRIGGER)
def test_the_portuguese_checks_catch_what_a_seller_might_write(code: str, text: str) -> None:
    found = check_text(text, "pt", BOOK.platform("amazon"), BOOK.phrases)
    assert code in {c.code for c in found}, (text, [c.code for c in found])


def test_a_shipping_confirmation_notice_in_portuguese_is_caught_on_amazon() -> None:
    text = "Olá, Maria!\n\nO seu pedido foi enviado e já está a caminho.\n\nLily"
    found = check_text(text, "pt", BOOK.platform("amazon"), BOOK.phrases, kind="notice")
    assert "shipping-confirmation" in {c.code for c in found}
    delayed = "Olá!\n\nO seu pedido foi enviado, mas está retido na alfândega.\n\nLily"
    found = check_text(delayed, "pt", BOOK.platform("amazon"), BOOK.phrases, kind="notice")
    assert "shipping-confirmation" not in {c.code for c in found}


MUST_NOT_TRIGGER = [
    ("off-platform", "O valor volta para a sua forma de pagamento original."),
    ("off-platform", "Entre em contato com a transportadora pelo telefone 800-463-3339."),
    ("off-platform", "Agradeço por ter falado diretamente conosco."),
    ("review-incentive", "Vamos reembolsar o valor total. Se puder, deixe uma avaliação."),
    ("review-incentive", "Como agradecimento, aqui está um cupom de 5% para a próxima compra."),
    ("review-conditional", "Se tiver um minutinho, você pode deixar uma avaliação."),
    ("review-conditional", "Se você tiver qualquer dúvida, é só responder a esta mensagem."),
    ("future-coupon", "Vamos reembolsar 30% do valor pago."),
    ("placeholder", "O seu pedido de 3 itens (tamanho G) está a caminho."),
]


@pytest.mark.parametrize(("code", "text"), MUST_NOT_TRIGGER)
def test_the_portuguese_checks_stay_quiet_on_ordinary_text(code: str, text: str) -> None:
    found = check_text(text, "pt", BOOK.platform("amazon"), BOOK.phrases)
    assert code not in {c.code for c in found}, text


def test_the_portuguese_checks_exist_for_every_english_check() -> None:
    english = {code for code, entries in BOOK.phrases.by_language["en"].items() if entries}
    portuguese = {code for code, entries in BOOK.phrases.by_language["pt"].items() if entries}
    assert english <= portuguese, english - portuguese


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_shipped_portuguese_variant_trips_a_wording_check(scenario_id: str) -> None:
    """Every variant on every platform (chat; the e-mail adds only courtesy sentences, read in
    the tests above): no wording finding but the one a notice is meant to get on Amazon."""
    scenario = CATALOG.get(scenario_id)
    for label, values in variants(scenario):
        for platform in sorted(BOOK.platforms):
            result = RENDERER.render_draft(scenario, values, ["pt"], platform=platform, today=TODAY)
            found = check_draft(
                result,
                scenario,
                values,
                CATALOG.languages,
                BOOK.platform(platform),
                BOOK.phrases,
            )
            expected = (
                {"shipping-confirmation"}
                if platform == "amazon" and scenario.kind == "notice"
                else set()
            )
            flagged = {c.code for c in found if c.code in PHRASE_CODES} - expected
            assert flagged == set(), (scenario_id, label, platform, flagged)
