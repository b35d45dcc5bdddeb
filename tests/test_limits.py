"""No template can hang the window or exhaust memory: each family of runaway template fails
with a message naming its file and line, and every other scenario keeps rendering."""

from __future__ import annotations

import time

import pytest

from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from composer.templating.validate import check_library
from tests.helpers.scenarios import SHIPPED

RUNAWAYS = {
    "repetition": ("{{ 'x' * 10**10 }}", "repeats a text or list"),
    "list-doubling": (
        "{% set ns = namespace(items=[1]) %}{% for i in range(64) %}"
        "{% set ns.items = ns.items + ns.items %}{% endfor %}{{ ns.items|length }}",
        "joins texts or lists beyond",
    ),
    "nested-lists": (
        "{% set a = [1, 1] %}{% set b = [a, a, a, a, a, a, a, a] %}{% set c = [b, b, b, b, b, b, b,"
        " b] %}{% set d = [c, c, c, c, c, c, c, c] %}{% set e = [d, d, d, d, d, d, d, d] %}"
        "{% set f = [e, e, e, e, e, e, e, e] %}{{ f }}",
        "builds a list or table of more than",
    ),
    "power": ("{{ 10**5000 }}", "computes a number of more than"),
    "power-repeated": (
        "{% set ns = namespace(n=7) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}"
        "{% endfor %}{{ ns.n }}",
        "computes a number of more than",
    ),
    "nested-range": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}",
        "loops more than 10,000 times",
    ),
    "recursive-macro": (
        "{% macro again(n) %}{{ again(n + 1) }}{% endmacro %}{{ again(0) }}",
        "more than 30 deep",
    ),
    "recursive-loop": (
        "{% for x in [[1]] recursive %}{{ loop([x]) }}{% endfor %}",
        "more than 30 deep",
    ),
    "output": ("{% for i in range(5000) %}{{ 'x' * 99999 }}{% endfor %}", "prints more than"),
    "text-width": ("{{ '%999999999d' % 1 }}{{ '{:>999999999}'.format(1) }}", "wider than"),
    "text-method": ("{{ 'x'.ljust(10**9) }}", "asks ljust() for more than"),
    "replace": ("{{ ('a' * 1000)|replace('a', 'a' * 1000) }}", "replaces its way past"),
    "join": ("{{ range(10000)|join('x' * 1000) }}", "joins texts beyond"),
}

SCENARIO = """
id = "runaway"
category = "after-sales"

[title]
en = "Runaway"
zh = "失控"

[reply.en]
body = \"\"\"
Hello.

{body}
\"\"\"

[reply.zh]
body = "你好。"
"""


@pytest.mark.parametrize("family", RUNAWAYS)
def test_a_runaway_template_fails_with_its_file_and_line(family, write_template):
    body, expected = RUNAWAYS[family]
    path = write_template("runaway.toml", SCENARIO.replace("{body}", body))
    result = load_catalog([SHIPPED, path.parent])
    assert result.errors == []
    renderer = Renderer(result.catalog)
    started = time.perf_counter()
    drafts = renderer.render_draft(result.catalog.get("runaway"), {}).drafts
    assert time.perf_counter() - started < 2
    assert drafts["en"].over_limit and drafts["en"].body == ""
    assert drafts["en"].error.startswith(f"{path}:12: ")
    assert expected in drafts["en"].error
    assert drafts["zh"].error is None and drafts["zh"].body == "你好。"
    shipped = result.catalog.get("shipping-delay")
    assert renderer.render_draft(shipped, shipped.examples()).ok


def test_a_slow_template_stops_at_the_time_limit(write_template, monkeypatch):
    monkeypatch.setattr("composer.templating.limits.RENDER_SECONDS", 0.0)
    body = "{% for i in range(3) %}{{ i }}{% endfor %}"
    path = write_template("runaway.toml", SCENARIO.replace("{body}", body))
    result = load_catalog([SHIPPED, path.parent])
    draft = Renderer(result.catalog).render_draft(result.catalog.get("runaway"), {}).drafts["en"]
    assert draft.over_limit and "takes longer than 0 s to render" in draft.error


def test_lipsum_is_not_available(write_template):
    body = "{{ lipsum(n=1000000) }}"
    path = write_template("runaway.toml", SCENARIO.replace("{body}", body))
    result = load_catalog([SHIPPED, path.parent])
    (error,) = result.errors
    assert (error.path, error.line) == (path, 12)
    assert "lipsum() is not available in replies" in error.message
    assert result.catalog.get("shipping-delay") is not None


@pytest.mark.parametrize(
    "greeting",
    [
        'greeting = "{{ partial(\\"greeting\\") }}"',
        'greeting = "{{ partial(\\"signoff\\") }}"\nsignoff = "{{ partial(\\"greeting\\") }}"',
        "greeting = \"{% include 'greeting' %}\"",
    ],
    ids=["calls-itself", "calls-another-that-calls-it", "includes"],
)
def test_a_team_greeting_that_calls_itself_leaves_the_shipped_one(greeting, write_template):
    catalog = write_template("catalog.toml", f"[partials.en]\n{greeting}\n")
    result = load_catalog([SHIPPED, catalog.parent])
    assert result.errors and all(p.path == catalog for p in result.errors)
    assert (
        result.catalog.partials["en"]["greeting"]
        == load_catalog([SHIPPED]).catalog.partials["en"]["greeting"]
    )
    renderer = Renderer(result.catalog)
    for scenario in result.catalog:
        assert renderer.render_draft(scenario, scenario.examples()).ok, scenario.id


def test_recursion_inside_a_partial_names_the_partial(write_template):
    catalog = write_template(
        "catalog.toml",
        '[partials.en]\nfarewell = """\n{% macro m() %}{{ m() }}{% endmacro %}\n{{ m() }}"""\n',
    )
    path = write_template("runaway.toml", SCENARIO.replace("{body}", '{{ partial("farewell") }}'))
    result = load_catalog([SHIPPED, catalog.parent])
    draft = Renderer(result.catalog).render_draft(result.catalog.get("runaway"), {}).drafts["en"]
    assert draft.error.startswith(f"{path}:12 (partial farewell, line 1): calls macros")


def test_check_reports_a_runaway_template_once(write_template):
    body, _ = RUNAWAYS["nested-range"]
    path = write_template("runaway.toml", SCENARIO.replace("{body}", body))
    findings = check_library(load_catalog([SHIPPED, path.parent]), [path.parent])
    (finding,) = findings
    assert finding.severity == "error" and finding.path == path
    assert "loops more than 10,000 times" in finding.message


def test_a_template_cannot_change_the_objects_it_is_handed(write_template, minimal_template):
    evil = minimal_template.replace(
        "Thank you for paying {{ total }}.",
        "{{ buyer_name.field.labels.update({'en': 'HACKED', 'zh': 'HACKED'}) }} {{ total }}",
    )
    folder = write_template("thanks.toml", evil).parent
    result = load_catalog([SHIPPED, folder])
    renderer = Renderer(result.catalog)
    draft = renderer.render_draft(result.catalog.get("thanks"), {}).drafts["en"]
    assert draft.error.startswith("SecurityError: access to attribute 'update'")
    labels = dict(load_catalog([SHIPPED]).catalog.common_fields["buyer_name"].labels)
    assert dict(result.catalog.common_fields["buyer_name"].labels) == labels
    assert dict(result.catalog.get("shipping-delay").field("buyer_name").labels) == labels


def test_a_marker_printed_through_text_is_reported_missing(write_template, minimal_template):
    folder = write_template(
        "thanks.toml", minimal_template.replace("paying {{ total }}", "paying {{ total.text }}")
    ).parent
    result = load_catalog([SHIPPED, folder])
    scenario = result.catalog.get("thanks")
    rendered = Renderer(result.catalog).render_draft(scenario, {"total": None})
    assert "[Total]" in rendered.drafts["en"].body
    assert "total" in rendered.missing
    assert "[Total]" in rendered.drafts["en"].markers
