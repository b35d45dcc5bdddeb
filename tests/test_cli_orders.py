"""`python -m composer orders ...`, `rfm`, `cases ...` and `disputes`, in process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from composer.cli.commands import main
from composer.storage.history import HistoryStore
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from tests.helpers.scenarios import SHIPPED

SAMPLES = Path(__file__).parent / "data" / "orders"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``python -m composer ARGS`` in this process: (exit code, stdout, stderr)."""
    try:
        code = main(list(args))
    except SystemExit as stop:  # argparse's exits
        code = stop.code if isinstance(stop.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def run(capsys, data_dir):
    def run(*args: str) -> tuple[int, str, str]:
        return cli(capsys, *args, "--data-dir", str(data_dir))

    return run


def test_import_counts_added_updated_and_skipped_with_reasons(run):
    code, out, err = run("orders", "import", str(SAMPLES / "amazon-order-report.txt"))
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "Amazon order report: added 2, updated 0, unchanged 0, skipped 1 (amazon-order-report.txt)",
        "  skipped line 5 (order 303-3333333-3333333): quantity: 'two' is not a quantity",
    ]
    code, out, _ = run("orders", "import", str(SAMPLES / "amazon-order-report.txt"), "--json")
    report = json.loads(out)
    assert (report["added"], report["unchanged"], report["skipped"]) == (0, 2, 1)
    assert report["skipped_rows"][0]["line"] == 5


def test_an_unknown_file_then_its_mapping(run):
    code, out, err = run("orders", "import", str(SAMPLES / "own-shop.csv"))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "own-shop.csv: not an order export" in err and "--mapping FILE" in err
    mapping = str(SAMPLES / "own-shop-mapping.toml")
    code, out, _ = run("orders", "import", str(SAMPLES / "own-shop.csv"), "--mapping", mapping)
    assert code == 0 and "added 2" in out


def test_list_search_and_show_with_the_fields_a_scenario_takes(run):
    run("orders", "import", str(SAMPLES / "ebay-orders.csv"))
    code, out, _ = run("orders", "list", "--search", "RM1234", "--json")
    (order,) = json.loads(out)
    assert order["order_id"] == "07-11111-11111" and order["language"] == "en"
    code, out, _ = run("orders", "show", "07-11111-11111", "--scenario", "late-delivery", "--json")
    shown = json.loads(out)
    assert shown["fills"] == {
        "buyer_name": "Tom Baker",
        "order_number": "07-11111-11111",
        "order_total": {"amount": "21.00", "currency": "GBP"},
    }
    assert shown["buyer"]["tier"] and shown["order"]["country"] == "GB"
    code, out, _ = run("orders", "show", "12-22222-22222")
    assert code == 0 and "reply language: it" in out and "tracking_number = RR987654321IT" in out
    assert run("orders", "list", "--search", "nobody")[1] == "No orders match 'nobody'.\n"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("orders", "show", "nope"), "no order 'nope'"),
        (("orders", "show", "07-11111-11111", "--scenario", "zz"), "unknown scenario 'zz'"),
        (("orders", "import", "missing.csv"), "missing.csv: cannot be read"),
        (("orders", "list", "--limit", "0"), "argument --limit: '0' must be 1 or more"),
        (("rfm", "--as-of", "June"), "argument --as-of: 'June' is not a date"),
        (("cases", "show", "4"), "there is no case 4"),
        (("cases", "set", "1", "--status", "closed"), "argument --status: invalid choice"),
        (("cases", "set", "1", "--remedy", "reship"), "--remedy and --cost go together"),
        (("cases", "set", "1", "--done", "nap"), "'nap' is not one of record"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(run, args, words):
    run("orders", "import", str(SAMPLES / "ebay-orders.csv"))
    code, out, err = run(*args)
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert ": error: " in err and words in err


def test_rfm_lists_each_buyer_and_the_count_per_tier(run):
    run("orders", "import", str(SAMPLES / "shopify-orders.csv"))
    run("orders", "import", str(SAMPLES / "ebay-orders.csv"))
    code, out, _ = run("rfm", "--as-of", "2026-03-31", "--json")
    data = json.loads(out)
    assert {b["name"] for b in data["buyers"]} == {"Ivan Petrov", "Kim Minji", "Tom Baker",
                                                    "Anna Rossi"}  # fmt: skip
    ivan = next(b for b in data["buyers"] if b["name"] == "Ivan Petrov")
    assert (ivan["r"], ivan["f"], ivan["m"], ivan["group"]) == (3, 1, 4, "314")
    assert sum(t["count"] for t in data["tiers"].values()) == 4
    assert data["tiers"]["best"]["service"]["zh"]
    code, out, _ = run("rfm", "--as-of", "2026-03-31")
    assert code == 0 and "Ivan Petrov" in out and "buyers per tier:" in out


def test_a_case_end_to_end_and_the_dispute_rate(run, data_dir):
    run("orders", "import", str(SAMPLES / "ebay-orders.csv"))
    catalog = load_catalog([SHIPPED]).catalog
    scenario = catalog.get("damaged-item")
    values = {**scenario.examples(), "order_number": "07-11111-11111", "buyer_name": "Tom"}
    record = HistoryStore(data_dir / "history.json").add(
        scenario, values, Renderer(catalog).render_draft(scenario, values), "en"
    )
    code, out, _ = run("cases", "open", "07-11111-11111", "--message", "It arrived scratched")
    assert code == 0 and "[x] 1. record" in out
    code, out, _ = run(
        "cases", "set", "1", "--reply", str(record.id), "--remedy", "partial-refund",
        "--cost", "5", "--done", "justified", "--status", "disputed", "--json",
    )  # fmt: skip
    case = json.loads(out)
    assert case["status"] == "disputed" and case["remedy_cost"] == {
        "amount": "5",
        "currency": "GBP",  # the order's currency
    }
    assert case["replies"][0]["text"].startswith("Hi Tom,")
    assert case["steps"]["justified"] and not case["steps"]["owner"]
    # A bad change changes nothing: the step list is checked before anything is written.
    assert run("cases", "set", "1", "--message", "more", "--done", "zzz")[0] == 2
    assert json.loads(run("cases", "show", "1", "--json")[1])["messages"][-1]["text"] == (
        "It arrived scratched"
    )
    code, out, _ = run("disputes", "--as-of", "2026-03-31", "--json")
    data = json.loads(out)
    rates = {(r["platform"], r["days"]): r for r in data["rates"]}
    assert rates["ebay", 90] == {"platform": "ebay", "days": 90, "orders": 2, "disputed": 1,
                                 "rate": 0.5}  # fmt: skip
    assert rates["ebay", 30]["orders"] == 1 and rates["ebay", 30]["disputed"] == 0
    assert list(data["remedy_cost"].values()) == [{"GBP": "5"}]
    code, out, _ = run("disputes", "--as-of", "2026-03-31")
    assert "ebay       last 90 days: 1 disputed of 2 orders (50.0%)" in out


def test_a_cost_without_a_currency_for_an_order_without_one(run, tmp_path):
    export = tmp_path / "Order.all.csv"
    export.write_text(
        "Order ID,Username (Buyer),Product Name,Deal Price,Quantity\nS1,siti,Mug,10,1\n",
        encoding="utf-8",
    )
    assert run("orders", "import", str(export))[0] == 0
    run("cases", "open", "S1")
    code, _, err = run("cases", "set", "1", "--remedy", "reship", "--cost", "4")
    assert code == 2 and "write it too, like 4.50 USD" in err
    code, out, _ = run("cases", "set", "1", "--remedy", "reship", "--cost", "4 MYR", "--json")
    assert json.loads(out)["remedy_cost"] == {"amount": "4", "currency": "MYR"}
