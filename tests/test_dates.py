"""Dates from order facts: transit windows, business days, the Spring Festival pause."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from composer.judgement.presend import check_draft
from composer.templating.dates import (
    Span,
    add_days,
    delivery_window,
    lunar_new_year,
    next_spring_festival_pause,
    spring_festival_pause,
)
from composer.templating.formatting import format_span
from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from composer.templating.validate import check_library
from tests.helpers.scenarios import SHIPPED

D = dt.date
README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2026, 1, 30), 3, D(2026, 2, 2)),  # over a month end
        (D(2025, 12, 30), 5, D(2026, 1, 4)),  # over a year end
        (D(2028, 2, 27), 3, D(2028, 3, 1)),  # leap year
        (D(2027, 2, 27), 3, D(2027, 3, 2)),
        (D(2026, 3, 1), -1, D(2026, 2, 28)),
        (D(2026, 3, 1), 0, D(2026, 3, 1)),
    ],
)
def test_calendar_days(start, days, expected):
    assert add_days(start, days) == expected


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2026, 12, 25), 1, D(2026, 12, 28)),  # Friday -> Monday
        (D(2026, 12, 25), 3, D(2026, 12, 30)),
        (D(2026, 12, 31), 3, D(2027, 1, 5)),  # over a year end and a weekend
        (D(2026, 12, 25), 10, D(2027, 1, 8)),
        (D(2026, 2, 27), 1, D(2026, 3, 2)),  # over a month end and a weekend
        (D(2026, 12, 28), -1, D(2026, 12, 25)),  # Monday back to Friday
        (D(2026, 12, 26), 0, D(2026, 12, 26)),  # zero days from a Saturday stays
    ],
)
def test_business_days_skip_weekends(start, days, expected):
    assert add_days(start, days, business=True) == expected


def test_delivery_window_in_calendar_and_business_days():
    shipped = D(2026, 12, 3)  # "shipped on the 3rd, 15-25 days in transit"
    assert delivery_window(shipped, 15, 25) == Span(D(2026, 12, 18), D(2026, 12, 28))
    assert delivery_window(shipped, 15, 25, business=True) == Span(D(2026, 12, 24), D(2027, 1, 7))
    assert delivery_window(D(2026, 12, 20), 10, 20).end == D(2027, 1, 9)
    assert delivery_window(shipped, 0, 0) == Span(shipped, shipped)
    with pytest.raises(ValueError, match="fastest <= slowest"):
        delivery_window(shipped, 25, 15)


@pytest.mark.parametrize(
    ("year", "new_year"),
    [
        (2014, D(2014, 1, 31)),
        (2015, D(2015, 2, 19)),
        (2016, D(2016, 2, 8)),
        (2017, D(2017, 1, 28)),
        (2018, D(2018, 2, 16)),
        (2019, D(2019, 2, 5)),
        (2020, D(2020, 1, 25)),
        (2021, D(2021, 2, 12)),
        (2022, D(2022, 2, 1)),
        (2023, D(2023, 1, 22)),
        (2024, D(2024, 2, 10)),
        (2025, D(2025, 1, 29)),
        (2026, D(2026, 2, 17)),
        (2027, D(2027, 2, 6)),
        (2028, D(2028, 1, 26)),
        (2033, D(2033, 1, 31)),
    ],
)
def test_lunar_new_year_falls_on_the_known_dates(year, new_year):
    assert lunar_new_year(year) == new_year


def test_the_pause_matches_the_seed_and_its_span_can_change():
    # Seed 003: "in celebration of China Spring Festival, Jan. 30th to Feb. 5th".
    assert spring_festival_pause(2014) == Span(D(2014, 1, 30), D(2014, 2, 5))
    pause = spring_festival_pause(2027, before=7, after=10)
    assert (pause.start, pause.end, pause.days) == (D(2027, 1, 30), D(2027, 2, 16), 18)
    assert pause.resume == D(2027, 2, 17)
    assert D(2027, 2, 6) in pause and D(2027, 2, 17) not in pause
    with pytest.raises(ValueError):
        spring_festival_pause(2027, before=-1)
    with pytest.raises(ValueError, match="1901-2099"):
        lunar_new_year(2200)


def test_the_next_pause_from_a_date_crosses_into_the_next_year():
    assert next_spring_festival_pause(D(2026, 12, 3)).start == D(2027, 2, 5)
    assert next_spring_festival_pause(D(2027, 2, 11)).end == D(2027, 2, 11)  # still on
    assert next_spring_festival_pause(D(2027, 2, 12)).start == D(2028, 1, 25)


def test_spans_are_written_the_way_each_language_writes_them():
    start, end = D(2026, 12, 18), D(2026, 12, 28)
    assert format_span(start, end, "en_US") == "Dec 18\u2009\u2013\u200928, 2026"
    assert format_span(start, end, "zh_CN") == "2026年12月18日至28日"
    assert format_span(D(2026, 12, 28), D(2027, 1, 5), "zh_CN") == "2026年12月28日至2027年1月5日"
    with pytest.raises(ValueError):
        format_span(start, end, "en_US", "tiny")


# --- in templates ------------------------------------------------------------------------


def readme_example(tmp_path):
    (block,) = re.findall(r"```toml shipped-notice.toml\n(.*?)```", README, re.S)
    (tmp_path / "shipped-notice.toml").write_text(block, encoding="utf-8")
    result = load_catalog([SHIPPED, tmp_path])
    return result, result.catalog.get("shipped-notice")


def test_the_date_example_in_the_readme_fills_every_date_from_one_input(tmp_path):
    result, scenario = readme_example(tmp_path)
    assert result.problems == []
    assert check_library(result, [tmp_path]) == []
    render = Renderer(result.catalog).render_draft
    drafts = render(scenario, scenario.examples(), today=D(2026, 11, 30)).drafts
    en, zh = drafts["en"].body, drafts["zh"].body
    assert (
        "Your order shipped on December 3, 2026 and should arrive between December 18, 2026 "
        "and December 28, 2026." in en
    )
    assert (
        "Our carriers pause for the Spring Festival, February 5\u201311, 2027; parcels "
        "move again from February 12, 2027." in en
    )
    assert "您的订单已于2026年12月3日发货，预计12月18日至28日送达。" in zh
    assert "春节期间（2027年2月5日至11日）物流暂停，2027年2月12日起恢复运输。" in zh


def test_an_empty_input_shows_its_marker_and_is_listed(tmp_path):
    result, scenario = readme_example(tmp_path)
    values = {**scenario.examples(), "shipped_on": None}
    rendered = Renderer(result.catalog).render_draft(scenario, values)
    assert "should arrive between [Ship date] and [Ship date]" in rendered.drafts["en"].body
    assert "预计[发货日期]送达" in rendered.drafts["zh"].body
    assert "[Ship date]" in rendered.drafts["en"].markers
    found = check_draft(rendered, scenario, values, result.catalog.languages)
    assert [(c.code, c.field) for c in found] == [("unfilled-field", "shipped_on")]


def test_business_days_and_add_days_from_a_template(write_template, minimal_template):
    body = (
        "{{ delivery_window(shipped, 3, 5, business=true)|date('full') }} / "
        "{{ shipped|add_days(2, business=true)|date('long') }} / {{ spring_festival(2027) }} / "
        "{{ spring_festival_pause(2027, before=2, after=3) }}"
    )
    text = minimal_template.replace(
        "Thank you for paying {{ total }}.", f"{{{{ total }}}} {body}"
    ).replace(
        "感谢您支付{{ total }}。", f"{{{{ total }}}} {body}"
    )  # fmt: skip
    text = text.replace(
        '[[fields]]\n    name = "total"',
        '[[fields]]\n    name = "shipped"\n    type = "date"\n    example = 2026-12-24\n'
        '    label = { en = "Shipped", zh = "发货" }\n\n    [[fields]]\n    name = "total"',
    )
    folder = write_template("thanks.toml", text).parent
    result = load_catalog([SHIPPED, folder])
    assert result.problems == []
    scenario = result.catalog.get("thanks")
    today = D(2026, 11, 30)
    render = Renderer(result.catalog).render_draft
    drafts = render(scenario, scenario.examples(), today=today).drafts
    assert drafts["en"].body.endswith(
        "Tue, Dec 29\u2009\u2013\u2009Thu, Dec 31, 2026 / December 28, 2026 / "
        "February 6, 2027 / February 4\u20139, 2027"
    )
    assert drafts["zh"].body.endswith(
        "2026年12月29日周二至31日周四 / 2026年12月28日 / 2027年2月6日 / 2027年2月4日至9日"
    )
    # A date in this year's is written without the year.
    drafts = render(scenario, scenario.examples(), today=D(2027, 1, 2)).drafts
    assert drafts["en"].body.endswith("/ February 6 / February 4\u20139")
    assert drafts["zh"].body.endswith("/ 2月6日 / 2月4日至9日")


def test_a_field_cannot_take_a_date_functions_name(write_template, minimal_template):
    text = minimal_template.replace('name = "total"', 'name = "delivery_window"')
    text = text.replace("{{ total }}", "{{ delivery_window }}")
    folder = write_template("thanks.toml", text).parent
    (problem,) = load_catalog([SHIPPED, folder]).errors
    assert "'delivery_window' is reserved" in problem.message
