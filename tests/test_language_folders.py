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

LANGUAGE = """
    # Spanish: usted.
    [language]
    locale = "es_ES"
    name = "Español"
    names = { en = "Spanish", zh = "西班牙语" }
    yes = "sí"
    no = "no"
    script = "Latn"

    [partials]
    greeting = \"\"\"{% if buyer_name %}Hola, {{ buyer_name }}:{% else %}Hola:{% endif %}\"\"\"

    [labels]
    buyer_name = "Nombre del comprador"
    order_number = "Número de pedido"
"""

REPLY = """
    [reply]
    subject = "Gracias, {{ buyer_name }}"
    body = \"\"\"
    {{ partial("greeting") }}

    Gracias por pagar {{ total }} (pedido {{ order_number }}).
    \"\"\"

    [labels]
    total = "Importe"
"""

SCENARIO = MINIMAL.replace(
    "Thank you for paying {{ total }}.", "Paid {{ total }}, {{ order_number }}."
)
SCENARIO = SCENARIO.replace(
    "感谢您支付{{ total }}。", "感谢您支付{{ total }}，{{ order_number }}。"
)


def _folder(tmp_path: Path, reply: str = REPLY, language: str = LANGUAGE) -> Path:
    folder = tmp_path / "own"
    spanish = folder / "languages" / "es"
    spanish.mkdir(parents=True)
    (folder / "thanks.toml").write_text(textwrap.dedent(SCENARIO).lstrip(), encoding="utf-8")
    (spanish / "language.toml").write_text(textwrap.dedent(language).lstrip(), encoding="utf-8")
    (spanish / "thanks.toml").write_text(textwrap.dedent(reply).lstrip(), encoding="utf-8")
    return folder


def test_a_language_folder_adds_a_reply_language(tmp_path: Path) -> None:
    result = load_catalog([SHIPPED, _folder(tmp_path)])
    catalog = result.catalog
    spanish = catalog.languages["es"]
    assert (spanish.locale, spanish.name, spanish.title("zh_CN"), spanish.script) == (
        "es_ES",
        "Español",
        "西班牙语",
        "Latn",
    )
    scenario = catalog.get("thanks")
    assert set(scenario.replies) == {"en", "zh", "es"}
    values = {**scenario.examples(), "order_number": ""}
    draft = Renderer(catalog).render_draft(scenario, values).drafts["es"]
    assert draft.body.splitlines()[0] == "Hola, Maria:"
    # Amounts in the locale's way, markers in the language's words.
    assert "Gracias por pagar 13,00\xa0US$ (pedido [Número de pedido])." in draft.body
    assert scenario.field("total").label("es") == "Importe"
    # The shipped scenarios, which have no Spanish here, show without it and the loader says so.
    warning = [p for p in result.problems if p.path.name == "language.toml"]
    assert len(warning) == 1 and "has no reply for" in warning[0].message
    assert "shipping-delay" not in warning[0].message  # shipped ones come from an earlier folder


def test_a_broken_reply_is_named_by_file_and_line_and_only_it_is_left_out(tmp_path: Path) -> None:
    broken = REPLY.replace("Gracias por pagar {{ total }}", "Gracias por pagar {{ total }")
    result = load_catalog([SHIPPED, _folder(tmp_path, broken)])
    problem = next(p for p in result.errors if p.path.name == "thanks.toml")
    assert problem.path.parent.name == "es"
    assert problem.line == 6  # the broken line of the body, counted in the Spanish file
    scenario = result.catalog.get("thanks")
    assert set(scenario.replies) == {"en", "zh"}  # English and Chinese still load


def test_a_reply_may_not_use_a_field_the_others_do_not(tmp_path: Path) -> None:
    wrong = REPLY.replace("(pedido {{ order_number }})", "(pedido {{ shop_name }})")
    result = load_catalog([SHIPPED, _folder(tmp_path, wrong)])
    (problem,) = [p for p in result.errors if p.path.parent.name == "es"]
    assert "'shop_name', which the scenario's other replies do not" in problem.message


def test_a_missing_subject_is_an_error(tmp_path: Path) -> None:
    wrong = REPLY.replace('subject = "Gracias, {{ buyer_name }}"\n', "")
    result = load_catalog([SHIPPED, _folder(tmp_path, wrong)])
    (problem,) = [p for p in result.errors if p.path.parent.name == "es"]
    assert "needs a subject" in problem.message


def test_unknown_labels_and_options_are_warnings(tmp_path: Path) -> None:
    extra = REPLY + '    colour = "Color"\n\n    [options.total]\n    big = "grande"\n'
    result = load_catalog([SHIPPED, _folder(tmp_path, extra)])
    messages = [p.message for p in result.problems if p.path.parent.name == "es"]
    assert "there is no field 'colour'" in messages
    assert "there is no choice field 'total'" in messages
    assert "es" in result.catalog.get("thanks").replies


def test_a_reply_for_no_scenario_and_a_bad_language_are_reported(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "languages" / "es" / "nothing-here.toml").write_text(
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
    failing = REPLY.replace("Gracias por pagar", "{% for i in range(20000) %}x{% endfor %}")
    catalog = load_catalog([SHIPPED, _folder(tmp_path, failing)]).catalog
    scenario = catalog.get("thanks")
    draft = Renderer(catalog).render_draft(scenario, scenario.examples()).drafts["es"]
    assert draft.error is not None
    assert str(tmp_path / "own" / "languages" / "es" / "thanks.toml") + ":6" in draft.error


def test_the_cache_keeps_what_a_language_folder_brings(tmp_path: Path) -> None:
    result = load_catalog([SHIPPED, _folder(tmp_path)])
    again = decode(json.loads(json.dumps(encode(result), ensure_ascii=False)))
    assert again.catalog.languages["es"] == result.catalog.languages["es"]
    assert again.catalog.get("thanks").replies["es"] == result.catalog.get("thanks").replies["es"]
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
    assert listed["thanks"]["languages"] == ["en", "zh", "es"]
    assert listed["shipping-delay"]["languages"] == ["en", "zh"]
    done = run("render", "thanks", "--lang", "es", "--example", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert "Gracias por pagar 13,00\xa0US$" in done.stdout and "Thank" not in done.stdout
    done = run("render", "thanks", "--lang", "all", "--example", data_dir=data_dir)
    assert "Gracias por pagar" in done.stdout and "感谢您支付" in done.stdout
