"""Reading a buyer's message: its language, order and tracking numbers, the likely scenarios."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from composer.cli.commands import main
from composer.templating import cache
from composer.templating.loader import load_catalog
from composer.triage import LANGUAGES, detect_language, fill_values, triage
from composer.triage.numbers import order_numbers, s10_valid, tracking_numbers, ups_valid
from composer.triage.phrases import PhraseError, compile_phrase, find, tokens
from tests.helpers.scenarios import SHIPPED

ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog([SHIPPED]).catalog
LABELLED = json.loads((ROOT / "tests/data/triage_messages.json").read_text(encoding="utf-8"))
BLIND = json.loads((ROOT / "tests/data/triage_blind.json").read_text(encoding="utf-8"))["messages"]

# (language, message, the scenario expected first, or among the first three when marked "~",
#  order numbers, tracking numbers)
MESSAGES = [
    ("en", "Hi, my order 114-3941689-8772232 still hasn't arrived. It's been 5 weeks and the "
     "tracking LX123456785CN says nothing new.", "~not-received",
     ["114-3941689-8772232"], ["LX123456785CN"]),
    ("en", "The mug arrived broken, the handle snapped off. Order #1052.", "damaged-item",
     ["#1052"], []),
    ("en", "Can I change my address? I moved last week. eBay order 23-10492-88341",
     "address-change", ["23-10492-88341"], []),
    ("zh", "你好，我的订单8175630291847563还没收到，物流单号LP00123456789012一直不更新。",
     "~where-is-my-order", ["8175630291847563"], ["LP00123456789012"]),
    ("zh", "收到的杯子碎了，能退款吗？", "damaged-item", [], []),
    ("zh", "我拍错了，麻烦取消订单，谢谢", "cancel-request", [], []),
    ("es", "Hola, ¿dónde está mi paquete? El número de seguimiento es YT2408512345678901.",
     "where-is-my-order", [], ["YT2408512345678901"]),
    ("es", "Buenas tardes, me llegó una talla equivocada: pedí la M y vino la XL. Pedido "
     "114-7775512-0091234", "wrong-item", ["114-7775512-0091234"], []),
    ("es", "Correos me pide 12 euros de gastos de aduana para entregar el paquete.",
     "customs-charges", [], []),
    ("fr", "Bonjour, je n'ai toujours pas reçu mon colis RR473289315CN, commande "
     "8181234567890123.", "not-received", ["8181234567890123"], ["RR473289315CN"]),
    ("fr", "Il manque un article dans le colis, je n'ai reçu qu'une seule paire.",
     "missing-items", [], []),
    ("fr", "Comment puis-je retourner l'article ? Il est trop petit.", "return-instructions",
     [], []),
    ("de", "Hallo, mein Paket ist nicht angekommen. Sendungsnummer 1Z999AA10123456784.",
     "not-received", [], ["1Z999AA10123456784"]),
    ("de", "Ich möchte meine Bestellung 302-1234567-7654321 stornieren, bitte.",
     "cancel-request", ["302-1234567-7654321"], []),
    ("de", "Wo bleibt meine Rückerstattung? Die Rücksendung ist seit zwei Wochen bei Ihnen.",
     "refund-status", [], []),
    ("pt", "Olá, ainda não recebi meu pedido 3012345678901234, já passou do prazo.",
     "~late-delivery", ["3012345678901234"], []),
    ("pt", "Produto chegou com defeito, a tela está rachada e quebrada.", "damaged-item", [], []),
    ("pt", "Preciso da nota fiscal do pedido, por favor.", "invoice-request", [], []),
    ("it", "Buongiorno, dov'è il mio pacco? Tracking UA987654326PL fermo da giorni.",
     "where-is-my-order", [], ["UA987654326PL"]),
    ("it", "Ho ricevuto il prodotto sbagliato, avevo ordinato il modello nero.", "wrong-item",
     [], []),
    ("it", "Ho aperto una controversia perché il pacco non è arrivato.", "~dispute-opened",
     [], []),
    ("ru", "Посылка так и не пришла, хотя прошло 40 дней. Заказ 8123456789012345.",
     "not-received", ["8123456789012345"], []),
    ("ru", "Хочу отменить заказ, заказала по ошибке.", "cancel-request", [], []),
    ("ru", "Товар перестал работать через неделю, не включается.", "defect-after-use", [], []),
    ("pl", "Dzień dobry, gdzie jest moja paczka? Numer przesyłki RB112233447CN.",
     "where-is-my-order", [], ["RB112233447CN"]),
    ("pl", "Produkt przyszedł uszkodzony, ekran jest pęknięty.", "damaged-item", [], []),
    ("pl", "Proszę o fakturę VAT na firmę do zamówienia 12-34567-89012.", "invoice-request",
     ["12-34567-89012"], []),
]  # fmt: skip


@pytest.mark.parametrize(("language", "message", "expected", "orders", "tracked"), MESSAGES)
def test_a_buyer_message_in_each_language(language, message, expected, orders, tracked):
    found = triage(message, CATALOG)
    assert found.language == language
    suggested = [s.scenario for s in found.suggestions]
    if expected.startswith("~"):
        assert expected[1:] in suggested[:3], suggested
    else:
        assert suggested[:1] == [expected], suggested
    assert [n.number for n in found.order_numbers] == orders
    assert [n.number for n in found.tracking_numbers] == tracked
    scores = [s.score for s in found.suggestions]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)


def test_every_language_has_three_test_messages():
    per_language = defaultdict(int)
    for language, *_ in MESSAGES:
        per_language[language] += 1
    assert all(per_language[code] >= 3 for code in LANGUAGES)


def test_every_shipped_scenario_has_phrases_in_every_language():
    assert len(CATALOG) >= 26
    for scenario in CATALOG:
        assert set(scenario.triage) >= set(LANGUAGES), scenario.id
        assert all(scenario.triage[code] for code in LANGUAGES), scenario.id


def test_accuracy_on_the_labelled_messages():
    """The labelled set (not the messages above): every language, top-3 at least 90 %."""
    assert len(LABELLED) >= 60
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in LABELLED:
        found = triage(row["message"], CATALOG)
        suggested = [s.scenario for s in found.suggestions]
        counts = hits[row["language"]]
        counts[0] += 1
        counts[1] += found.language == row["language"]
        counts[2] += row["scenario"] in suggested[:3]
    assert set(hits) == set(LANGUAGES)
    for language, (total, right_language, top3) in hits.items():
        assert right_language / total >= 0.85, language
        assert top3 / total >= 0.75, language
    assert sum(h[2] for h in hits.values()) / len(LABELLED) >= 0.9


def test_the_blind_set_covers_every_scenario_and_language_split_by_hash():
    """26 scenarios x 9 languages x 2 messages; of each pair the smaller SHA-1 is "tune"."""
    pairs: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in BLIND:
        pairs[row["scenario"], row["language"]].append(row)
    assert {s for s, _ in pairs} == {s.id for s in CATALOG}
    assert {lang for _, lang in pairs} == set(LANGUAGES)
    for rows in pairs.values():
        assert len(rows) == 2
        tune, holdout = sorted(rows, key=lambda r: hashlib.sha1(r["text"].encode()).hexdigest())
        assert (tune["split"], holdout["split"]) == ("tune", "holdout")


def test_accuracy_floor_on_the_blind_holdout_half():
    """Measured on the holdout half (never tuned on): top-1 77.8 %, top-3 82.5 %, 29 of 234
    with no suggestion, 1.06 suggestions a message. The floors sit about 5 points under, so a
    change to the matcher or the [triage] tables that loses recall fails here; the average
    keeps precision: a message does not get every scenario."""
    rows = [r for r in BLIND if r["split"] == "holdout"]
    top1 = top3 = none = suggested = 0
    for row in rows:
        found = [s.scenario for s in triage(row["text"], CATALOG).suggestions]
        accepted = {row["scenario"], *row["also"]}
        top1 += bool(found) and found[0] in accepted
        top3 += bool(accepted.intersection(found[:3]))
        none += not found
        suggested += len(found)
    assert len(rows) == 234
    assert top3 / len(rows) >= 0.775
    assert top1 / len(rows) >= 0.72
    assert none <= 40
    assert suggested / len(rows) <= 1.5


# --- the language -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Paket nicht angekommen", "de"),
        ("посылка не пришла", "ru"),
        ("gdzie jest moja paczka", "pl"),
        ("还没收到货", "zh"),
        ("¿dónde está mi pedido?", "es"),
        ("DONDE ESTA MI PEDIDO", "es"),  # no accents, shouting
        ("Mi paquete no ha llegado todavía", "es"),
        ("Ainda não recebi a minha encomenda", "pt"),
        ("Non ho ancora ricevuto il pacco", "it"),
        ("Je n'ai pas encore reçu ma commande", "fr"),
        ("荷物がまだ届きません", "ja"),
        ("Посилка досі не прийшла, де вона?", "uk"),
        ("ok", "unknown"),
        ("114-1234567-1234567", "unknown"),
        ("Waar is mijn pakket", "unknown"),  # Dutch: not one of ours, and not guessed
        ("", "unknown"),
    ],
)
def test_the_language(text, language):
    assert detect_language(text) == language


def test_an_english_message_quoting_a_chinese_product_name_is_english():
    assert detect_language("Hi, where is my order for the 蓝牙耳机? It has not arrived") == "en"


# --- the numbers --------------------------------------------------------------------------


def test_s10_check_digits():
    # The serial 12345678 checks to 5 (8·1+6·2+4·3+2·4+3·5+5·6+9·7+7·8 = 204; 11 - 204 % 11).
    assert s10_valid("RR123456785CN")
    assert s10_valid("LX123456785CN")
    assert not s10_valid("RR123456784CN")
    assert not s10_valid("RR12345678CN")
    # 00000000: 11 - 0 = 11, which the standard writes as 5; 00000008: 8·7 = 56, 56 % 11 = 1,
    # 11 - 1 = 10, written as 0.
    assert s10_valid("EE000000005CN")
    assert s10_valid("RR000000080CN")
    assert not s10_valid("RR000000081CN")
    assert [n.number for n in tracking_numbers("RR123456784CN and LX 123 456 785 CN")] == [
        "LX123456785CN"
    ]


def test_ups_check_digit():
    assert ups_valid("1Z999AA10123456784")
    assert not ups_valid("1Z999AA10123456785")
    found = tracking_numbers("ups: 1z999aa10123456784, 1Z999AA10123456785")
    assert [(n.number, n.kind, n.carrier) for n in found] == [("1Z999AA10123456784", "ups", "UPS")]


def test_tracking_kinds_and_carriers():
    text = (
        "LP00123456789012 / YT2408512345678901 / 4PX3001234567890CN / GM605112270084510123 / "
        "TBA123456789012 / SF1234567890123 / 9400 1118 9922 3100 0123 48 / UA987654326PL"
    )
    assert [(n.kind, n.carrier) for n in tracking_numbers(text)] == [
        ("cainiao", "Cainiao"),
        ("yunexpress", "YunExpress"),
        ("4px", "4PX"),
        ("dhl-ecommerce", "DHL eCommerce"),
        ("amazon-logistics", "Amazon Logistics"),
        ("sf-express", "SF Express"),
        ("usps", "USPS"),
        ("upu-s10", "Poczta Polska"),
    ]
    assert tracking_numbers("USPS 9400 1118 9922 3100 0123 47")[:1] == []  # bad check digit


def test_bare_carrier_numbers_only_with_the_carrier_named():
    assert [(n.number, n.kind) for n in order_numbers("order 781234567890123")] == [
        ("781234567890123", "aliexpress")
    ]
    fedex = triage("FedEx tracking 781234567890123, still nothing", CATALOG)
    assert [(n.number, n.kind) for n in fedex.tracking_numbers] == [("781234567890123", "fedex")]
    assert fedex.order_numbers == ()
    assert tracking_numbers("DHL 1234567890")[0].kind == "dhl-express"
    assert tracking_numbers("call me on 1234567890") == []


def test_order_number_kinds():
    text = (
        "Amazon 171-2345678-9012345, eBay 12-34567-89012, AliExpress 8181234567890123, "
        "Shopify #1001, Shopee 220523AB12CD34, Temu PO-211-12345678901234567"
    )
    assert [(n.number, n.kind) for n in order_numbers(text)] == [
        ("171-2345678-9012345", "amazon"),
        ("12-34567-89012", "ebay"),
        ("8181234567890123", "aliexpress"),
        ("#1001", "shopify"),
        ("220523AB12CD34", "shopee"),
        ("PO-211-12345678901234567", "temu"),
    ]


def test_full_width_digits_and_dashes_are_read():
    assert [n.number for n in order_numbers("订单号：１１４－１２３４５６７－１２３４５６７")] == [
        "114-1234567-1234567"
    ]
    assert [n.number for n in order_numbers("order 114–1234567–1234567")] == ["114-1234567-1234567"]


@pytest.mark.parametrize(
    "text",
    [
        "Call me on +86 138 1234 5678 or +8613812345678",
        "Mi teléfono es 008613812345678",
        "Tel. +48 600 123 456, +1-555-123-4567, (555) 123-4567",
        "It was ordered on 2026-03-27 and shipped 27.03.2026 at 10:15:00",
        "Timestamp 20260327101500, price 1234567.89, card ending 4242",
        "The amount was 1.234.567.890.123,45 rubles",
        "IBAN DE89370400440532013000",
        "Reference A1234567890123456B",
    ],
)
def test_no_order_number_in_phone_numbers_dates_or_amounts(text):
    assert order_numbers(text) == []
    assert tracking_numbers(text) == []


# --- the phrases --------------------------------------------------------------------------


def test_phrases_ignore_case_accents_width_and_take_stems():
    assert find(compile_phrase("¿dónde está mi pedido?"), tokens("DONDE ESTA MI PEDIDO"))
    assert find(compile_phrase("not arriv*"), tokens("It has not yet arrived"))
    assert find(compile_phrase("paquete"), tokens("ＰＡＱＵＥＴＥ"))
    assert find(compile_phrase("没 收到"), tokens("我还没有收到货"))
    assert not find(compile_phrase("收到 了"), tokens("收了到"))
    assert not find(compile_phrase("not arriv*"), tokens("arrived, not"))


def test_a_phrase_can_carry_its_own_weight():
    assert compile_phrase("dogana").weight == 1.0  # one word
    assert compile_phrase("dogan* ^2").weight == 2.0
    assert compile_phrase("pacco ^0.3").weight == 0.3
    assert compile_phrase("dogan* ^2").words == compile_phrase("dogan*").words
    assert find(compile_phrase("dogan* ^2"), tokens("mi chiedono la dogana"))


def test_a_loose_match_takes_a_typo_or_another_ending_but_not_another_word():
    new_address = compile_phrase("new address")
    assert not find(new_address, tokens("send it to my new adress"))
    assert find(new_address, tokens("send it to my new adress"), loose=True)
    assert find(compile_phrase("received"), tokens("never recieved it"), loose=True)
    assert find(compile_phrase("cambiar"), tokens("pueden cambiarlo"), loose=True)
    assert find(compile_phrase("deliver*"), tokens("it says delivred"), loose=True)
    assert not find(compile_phrase("refund"), tokens("refuse"), loose=True)
    assert not find(compile_phrase("order"), tokens("older"), loose=True)  # short: exact only
    assert not find(compile_phrase("devolución"), tokens("devolver"), loose=True)


def test_a_message_with_only_a_misspelt_cue_still_gets_a_suggestion():
    found = triage("pls chnage the addres to 22 Oak street", CATALOG)
    assert found.suggestions and found.suggestions[0].scenario == "address-change"
    assert found.suggestions[0].score <= 0.5  # found loosely: half the weight


@pytest.mark.parametrize(
    "bad", ["", "a*", "arr*ived", "*x", "收*", "x" * 81, "dogana ^", "dogana ^x", "dogana ^5"]
)
def test_a_phrase_that_cannot_match_is_refused(bad):
    with pytest.raises(PhraseError):
        compile_phrase(bad)


def test_a_template_with_a_bad_triage_table_names_the_file_and_line(write_template, load):
    from tests.helpers.scenarios import MINIMAL

    path = write_template(
        "thanks.toml",
        MINIMAL + '\n[triage]\nen = [\n    "thank you",\n    "a*",\n]\nzh = ["谢谢"]\n',
    )
    result = load(path.parent)
    problem = next(p for p in result.problems if p.path == path)
    assert problem.severity == "error"
    assert "'a*'" in problem.message and "triage.en" in problem.message
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].strip() == '"a*",'
    assert result.catalog.get("shipping-delay") is not None  # the rest still loads


def test_a_new_scenario_brings_its_own_phrases(write_template, load):
    from tests.helpers.scenarios import MINIMAL

    path = write_template(
        "thanks.toml", MINIMAL + '\n[triage]\nen = ["lovely service"]\nnl = ["dank je"]\n'
    )
    result = load(path.parent)
    assert not result.errors
    warning = next(p for p in result.problems if p.path == path)
    assert warning.severity == "warning" and "'nl'" in warning.message
    found = triage("What a lovely service, thanks", result.catalog)
    assert found.suggestions[0].scenario == "thanks"


def test_the_phrases_survive_the_cache(data_dir):
    first = cache.load_catalog_cached([SHIPPED], data_dir)
    again = cache.load_catalog_cached([SHIPPED], data_dir)
    assert again.catalog.get("damaged-item").triage == first.catalog.get("damaged-item").triage
    assert again.catalog.get("damaged-item").triage["pl"]


# --- filling the fields -------------------------------------------------------------------


def test_fill_values_takes_the_numbers_the_scenario_has_fields_for():
    found = triage("Where is my order 114-1234567-1234567? Tracking LX123456785CN", CATALOG)
    assert fill_values(CATALOG.get("where-is-my-order"), found) == {
        "order_number": "114-1234567-1234567",
        "tracking_number": "LX123456785CN",
        "carrier": "China Post",
    }
    assert fill_values(CATALOG.get("damaged-item"), found) == {
        "order_number": "114-1234567-1234567"
    }
    assert fill_values(CATALOG.get("negative-review"), found) == {}


# --- the command line ---------------------------------------------------------------------


def test_cli_json(tmp_path, data_dir, capsys):
    message = tmp_path / "message.txt"
    message.write_text("Hola, el paquete llegó roto. Pedido 114-1234567-1234567.", encoding="utf-8")
    assert main(["triage", str(message), "--json", "--data-dir", str(data_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"language", "order_numbers", "tracking_numbers", "suggestions"}
    assert data["language"] == "es"
    assert data["order_numbers"] == [{"number": "114-1234567-1234567", "kind": "amazon"}]
    assert data["tracking_numbers"] == []
    first = data["suggestions"][0]
    assert first["scenario"] == "damaged-item" and 0 < first["score"] <= 1
    assert first["values"] == {"order_number": "114-1234567-1234567"}
    assert len(data["suggestions"]) <= 3


def test_cli_summary_from_stdin(data_dir, capsys, monkeypatch):
    text = "Wo ist mein Paket? LX123456785CN"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    assert main(["triage", "-", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Language: de (German)" in out
    assert "LX123456785CN (upu-s10, China Post)" in out
    assert "1. where-is-my-order" in out


@pytest.mark.parametrize(
    ("content", "says"),
    [(None, "cannot read"), (b"   \n", "is empty"), (b"\xff\xfe\x00bad", "not UTF-8")],
)
def test_cli_bad_usage_is_one_line_and_exit_2(tmp_path, data_dir, capsys, content, says):
    path = tmp_path / "message.txt"
    if content is not None:
        path.write_bytes(content)
    assert main(["triage", str(path), "--data-dir", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1


def test_cli_unknown_option_exits_2(data_dir, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["triage", "--nope", "--data-dir", str(data_dir)])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.slow
def test_cli_reads_a_piped_message(data_dir):
    done = subprocess.run(
        [sys.executable, "-m", "composer", "triage", "--json", "--data-dir", str(data_dir)],
        input="Gdzie jest moja paczka? Zamówienie 8181234567890123".encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout.decode("utf-8"))
    assert data["language"] == "pl"
    assert data["suggestions"][0]["scenario"] == "where-is-my-order"
    assert data["order_numbers"] == [{"number": "8181234567890123", "kind": "aliexpress"}]
