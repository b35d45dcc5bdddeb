"""Language folders: a buyer language as data in ``languages/<code>/``, apart from the scenario
files, with its mistakes reported as file:line and nothing else lost."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from composer.templating.cache import decode, encode
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from tests.helpers.cli import run
from tests.helpers.scenarios import MINIMAL, SHIPPED

# The buyer languages shipped in templates/languages/, in the order the loader reads them.
SHIPPED_LANGUAGES = sorted(p.name for p in (SHIPPED / "languages").iterdir())

LANGUAGE = """
    # Catalan: vostè.
    [language]
    locale = "ca_ES"
    name = "Català"
    names = { en = "Catalan", zh = "加泰罗尼亚语" }
    yes = "sí"
    no = "no"
    script = "Latn"

    [partials]
    greeting = \"\"\"{% if buyer_name %}Hola, {{ buyer_name }}:{% else %}Hola:{% endif %}\"\"\"

    [labels]
    buyer_name = "Nom del comprador"
    order_number = "Número de comanda"
"""

REPLY = """
    [reply]
    subject = "Gràcies, {{ buyer_name }}"
    body = \"\"\"
    {{ partial("greeting") }}

    Gràcies per pagar {{ total }} (comanda {{ order_number }}).
    \"\"\"

    [labels]
    total = "Import"
"""

SCENARIO = MINIMAL.replace(
    "Thank you for paying {{ total }}.", "Paid {{ total }}, {{ order_number }}."
)
SCENARIO = SCENARIO.replace(
    "感谢您支付{{ total }}。", "感谢您支付{{ total }}，{{ order_number }}。"
)


def _folder(tmp_path: Path, reply: str = REPLY, language: str = LANGUAGE) -> Path:
    folder = tmp_path / "own"
    spanish = folder / "languages" / "ca"
    spanish.mkdir(parents=True)
    (folder / "thanks.toml").write_text(textwrap.dedent(SCENARIO).lstrip(), encoding="utf-8")
    (spanish / "language.toml").write_text(textwrap.dedent(language).lstrip(), encoding="utf-8")
    (spanish / "thanks.toml").write_text(textwrap.dedent(reply).lstrip(), encoding="utf-8")
    return folder


def test_a_language_folder_adds_a_reply_language(tmp_path: Path) -> None:
    result = load_catalog([SHIPPED, _folder(tmp_path)])
    catalog = result.catalog
    spanish = catalog.languages["ca"]
    assert (spanish.locale, spanish.name, spanish.title("zh_CN"), spanish.script) == (
        "ca_ES",
        "Català",
        "加泰罗尼亚语",
        "Latn",
    )
    scenario = catalog.get("thanks")
    assert set(scenario.replies) == {"en", "zh", "ca"}  # the shipped languages lack "thanks"
    values = {**scenario.examples(), "order_number": ""}
    draft = Renderer(catalog).render_draft(scenario, values).drafts["ca"]
    assert draft.body.splitlines()[0] == "Hola, Maria:"
    # Amounts in the locale's way, markers in the language's words.
    assert "Gràcies per pagar 13,00\xa0USD (comanda [Número de comanda])." in draft.body
    assert scenario.field("total").label("ca") == "Import"
    # The shipped scenarios, which have no Catalan, show without it and the loader says so once.
    warning = [p for p in result.problems if p.path.name == "language.toml"]
    assert len(warning) == 1 and "has no reply for" in warning[0].message


def test_a_broken_reply_is_named_by_file_and_line_and_only_it_is_left_out(tmp_path: Path) -> None:
    broken = REPLY.replace("Gràcies per pagar {{ total }}", "Gràcies per pagar {{ total }")
    result = load_catalog([SHIPPED, _folder(tmp_path, broken)])
    problem = next(p for p in result.errors if p.path.name == "thanks.toml")
    assert problem.path.parent.name == "ca"
    assert problem.line == 6  # the broken line of the body, counted in the Catalan file
    scenario = result.catalog.get("thanks")
    assert "ca" not in scenario.replies and "en" in scenario.replies  # the others still load


def test_a_reply_may_not_use_a_field_the_others_do_not(tmp_path: Path) -> None:
    wrong = REPLY.replace("(comanda {{ order_number }})", "(comanda {{ shop_name }})")
    result = load_catalog([SHIPPED, _folder(tmp_path, wrong)])
    (problem,) = [p for p in result.errors if p.path.parent.name == "ca"]
    assert "'shop_name', which the scenario's other replies do not" in problem.message


def test_a_missing_subject_is_an_error(tmp_path: Path) -> None:
    wrong = REPLY.replace('subject = "Gràcies, {{ buyer_name }}"\n', "")
    result = load_catalog([SHIPPED, _folder(tmp_path, wrong)])
    (problem,) = [p for p in result.errors if p.path.parent.name == "ca"]
    assert "needs a subject" in problem.message


def test_unknown_labels_and_options_are_warnings(tmp_path: Path) -> None:
    extra = REPLY + '    colour = "Color"\n\n    [options.total]\n    big = "gran"\n'
    result = load_catalog([SHIPPED, _folder(tmp_path, extra)])
    messages = [p.message for p in result.problems if p.path.parent.name == "ca"]
    assert "there is no field 'colour'" in messages
    assert "there is no choice field 'total'" in messages
    assert "ca" in result.catalog.get("thanks").replies


def test_a_reply_for_no_scenario_and_a_bad_language_are_reported(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "languages" / "ca" / "nothing-here.toml").write_text(
        textwrap.dedent(REPLY), encoding="utf-8"
    )
    bad = folder / "languages" / "xx"
    bad.mkdir()
    (bad / "language.toml").write_text('[language]\nscript = "Klingon"\n', encoding="utf-8")
    result = load_catalog([SHIPPED, folder])
    assert any(
        p.path.name == "nothing-here.toml" and "no scenario 'nothing-here'" in p.message
        for p in result.problems
    )
    (bad_language,) = [p for p in result.errors if p.path.parent.name == "xx"]
    assert bad_language.line == 2 and "script must be one of" in bad_language.message
    assert "xx" not in result.catalog.languages


def test_a_render_error_names_the_language_file(tmp_path: Path) -> None:
    failing = REPLY.replace("Gràcies per pagar", "{% for i in range(20000) %}x{% endfor %}")
    catalog = load_catalog([SHIPPED, _folder(tmp_path, failing)]).catalog
    scenario = catalog.get("thanks")
    draft = Renderer(catalog).render_draft(scenario, scenario.examples()).drafts["ca"]
    assert draft.error is not None
    assert str(tmp_path / "own" / "languages" / "ca" / "thanks.toml") + ":6" in draft.error


def test_the_cache_keeps_what_a_language_folder_brings(tmp_path: Path) -> None:
    result = load_catalog([SHIPPED, _folder(tmp_path)])
    again = decode(json.loads(json.dumps(encode(result), ensure_ascii=False)))
    assert again.catalog.languages["ca"] == result.catalog.languages["ca"]
    assert again.catalog.get("thanks").replies["ca"] == result.catalog.get("thanks").replies["ca"]
    assert again.catalog.get("thanks").fields == result.catalog.get("thanks").fields


@pytest.mark.parametrize("code", ["en", "zh"])
def test_the_interface_names_every_shipped_language(code: str) -> None:
    catalog = load_catalog([SHIPPED]).catalog
    for language in catalog.languages.values():
        assert language.names.get("en") and language.names.get("zh"), language.code
        assert language.title(code) == language.names[code]


def test_the_command_line_lists_and_renders_a_folder_language(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    _folder(tmp_path).rename(data_dir / "templates")
    done = run("list", "--json", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    listed = {s["id"]: s for s in json.loads(done.stdout)}
    assert listed["thanks"]["languages"] == ["en", "zh", "ca"]
    assert listed["shipping-delay"]["languages"] == ["en", "zh", *SHIPPED_LANGUAGES]
    done = run("render", "thanks", "--lang", "ca", "--example", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert "Gràcies per pagar 13,00\xa0USD" in done.stdout and "Thank" not in done.stdout
    done = run("render", "thanks", "--lang", "all", "--example", data_dir=data_dir)
    assert "Gràcies per pagar" in done.stdout and "感谢您支付" in done.stdout
