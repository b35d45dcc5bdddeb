"""The command line's usage, in process (fast): one-line errors, bounds, empty lists, the
profile. ``tests/test_cli.py`` runs the same entry point as a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from composer.cli.commands import main
from composer.storage.history import HistoryStore
from composer.storage.profile import Profile
from composer.storage.profile_store import ProfileStore
from composer.storage.snippets import Snippet, SnippetStore
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from tests.helpers.scenarios import SHIPPED


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``python -m composer ARGS`` in this process: (exit code, stdout, stderr)."""
    try:
        code = main(list(args))
    except SystemExit as stop:  # argparse's exits
        code = stop.code if isinstance(stop.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


ADVISE = ("advise", "--problem", "damaged", "--logistics", "postal", "--shipping-cost", "3")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((*ADVISE, "--order-value", "1e999999"), "argument --order-value: '1e999999' is too large"),
        ((*ADVISE, "--order-value", "-5"), "argument --order-value: '-5' is negative"),
        ((*ADVISE, "--order-value", "5", "--currency", "XXX"), "'XXX' is not a currency in use"),
        (("advise", "--problem", "lost"), "argument --problem: invalid choice: 'lost'"),
        (("snippets", "list", "--limit", "-1"), "argument --limit: '-1' must be 1 or more"),
        (("history", "list", "--limit", "0"), "argument --limit: '0' must be 1 or more"),
        (("snippets", "list", "--limit", "ten"), "'ten' is not a whole number"),
        (("render",), "the following arguments are required: ID"),
        (("nonsense",), "argument COMMAND: invalid choice: 'nonsense'"),
        ((), "the following arguments are required: COMMAND"),
    ],
)
def test_every_usage_error_is_one_line_on_stderr_with_exit_2(capsys, data_dir, args, words):
    code, out, err = cli(capsys, *args, *(["--data-dir", str(data_dir)] if args else []))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("python -m composer"), err
    assert ": error: " in err and words in err and "--help`)" in err


def test_the_program_name_follows_how_it_was_run(capsys, monkeypatch, data_dir):
    monkeypatch.setenv("REPLY_COMPOSER_PROG", "python3 dev.py cli")
    code, _, err = cli(capsys, "render", "no-such", "--data-dir", str(data_dir))
    assert code == 2
    assert err == (
        "python3 dev.py cli: error: unknown scenario 'no-such' (see `python3 dev.py cli list`)\n"
    )


def test_the_last_result_is_kept_whatever_the_limit(capsys, data_dir):
    store = SnippetStore(data_dir / "snippets.json")
    store.save_many([Snippet(key, key.title(), {"en": key}) for key in ("alpha", "beta", "gamma")])
    _, out, _ = cli(
        capsys, "snippets", "list", "--limit", "3", "--json", "--data-dir", str(data_dir)
    )
    assert [s["key"] for s in json.loads(out)] == ["alpha", "beta", "gamma"]
    _, out, _ = cli(capsys, "snippets", "list", "--limit", "1", "--data-dir", str(data_dir))
    assert out.splitlines() == ["alpha  Alpha  [en]"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("snippets", "list"), "No snippets yet in "),
        (("snippets", "list", "--search", "refund"), "No snippets match 'refund'."),
        (("history", "list"), "No copied replies yet in "),
        (("history", "list", "--search", "A-1"), "No copied replies match 'A-1'."),
    ],
)
def test_an_empty_list_says_so_and_its_json_stays_a_list(capsys, data_dir, args, words):
    code, out, err = cli(capsys, *args, "--data-dir", str(data_dir))
    assert code == 0 and err == ""
    assert out.startswith(words) and out.count("\n") == 1
    code, out, _ = cli(capsys, *args, "--json", "--data-dir", str(data_dir))
    assert code == 0 and json.loads(out) == []
    assert not any(data_dir.iterdir())  # listing creates no store


def test_empty_snippets_suggest_the_command_that_adds_one(capsys, data_dir):
    _, out, _ = cli(capsys, "snippets", "list", "--data-dir", str(data_dir))
    assert "`python -m composer snippets add --key sig --en TEXT`" in out
    assert str(data_dir / "snippets.json") in out


def test_a_history_with_records_lists_them_and_no_message(capsys, data_dir):
    catalog = load_catalog([SHIPPED]).catalog
    scenario = catalog.get("unpaid-reminder")
    values = {**scenario.examples(), "order_number": "A-1"}
    result = Renderer(catalog).render_draft(scenario, values)
    HistoryStore(data_dir / "history.json").add(scenario, values, result, "all")
    _, out, _ = cli(capsys, "history", "list", "--data-dir", str(data_dir))
    assert "A-1" in out and "No copied" not in out


def render(capsys, data_dir: Path, *args: str) -> tuple[int, dict, str]:
    code, out, err = cli(
        capsys, "render", "unwanted-order", "--lang", "en", "--json", "--data-dir", str(data_dir),
        *args,
    )  # fmt: skip
    return code, (json.loads(out) if out else {}), err


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("-5", "partial_refund: '-5' is negative: give an amount from 0 to 999,999,999,999.99"),
        ("9" * 40, "partial_refund: '" + "9" * 40 + "' is too large"),
        ("5 XXX", "partial_refund: 'XXX' is not a currency in use"),
    ],
)
def test_render_refuses_an_amount_out_of_bounds_naming_the_field(capsys, data_dir, value, words):
    """Before: -5 gave "we will refund you -$5.00" (exit 0, --strict too), 40 nines gave
    ``InvalidOperation: [<class 'decimal.InvalidOperation'>]``, XXX gave ``¤5.00``."""
    for strict in ((), ("--strict",)):
        code, data, err = render(capsys, data_dir, "--example", "--set", f"partial_refund={value}",
                                 *strict)  # fmt: skip
        assert code == 2 and data == {}
        assert err == f"python -m composer: error: {words}" + err.split(words)[1]
        assert err.count("\n") == 1


def test_render_fills_the_saved_profile_as_the_app_does(capsys, data_dir):
    ProfileStore(data_dir / "profile.json").save(
        Profile(seller_name="Wei Zhang", shop_name="Bright Shop", platform="Amazon")
    )
    code, data, err = render(capsys, data_dir, "--set", "order_number=8041")
    assert code == 0, err
    body = data["drafts"]["en"]["body"]
    assert "Wei Zhang" in body and "Bright Shop" in body and "[Your name]" not in body
    assert "seller_name" not in data["missing"]
    # The example values replace the profile, as "Fill with example values" does in the app.
    _, example, _ = render(capsys, data_dir, "--example")
    assert "Lily Chen" in example["drafts"]["en"]["body"]
    # A value given on the command line wins over both.
    _, given, _ = render(capsys, data_dir, "--set", "seller_name=Li")
    assert given["drafts"]["en"]["body"].endswith("\nLi, Bright Shop")


def test_render_checks_the_profiles_platform_unless_one_is_given(capsys, data_dir):
    """Amazon forbids links in buyer messages; the generic rules only warn or say nothing."""
    ProfileStore(data_dir / "profile.json").save(Profile(platform="Amazon"))
    link = ("--set", "order_number=see https://example.com/track")

    def codes(*more: str) -> set[tuple[str, str]]:
        _, data, _ = render(capsys, data_dir, *link, *more)
        return {(c["code"], c["severity"]) for c in data["checks"]}

    assert ("link", "error") in codes()
    assert codes() == codes("--platform", "amazon")
    assert ("link", "error") not in codes("--platform", "generic")


def test_render_without_a_profile_leaves_the_marker(capsys, data_dir):
    _, data, _ = render(capsys, data_dir, "--set", "order_number=8041")
    assert "[Your name]" in data["drafts"]["en"]["body"]
    assert not (data_dir / "profile.json").exists()
