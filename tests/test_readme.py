"""The README's promises: its template example works, its commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

from composer.loader import load_catalog
from composer.render import Renderer
from composer.validate import check_library
from tests.conftest import SHIPPED

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_the_template_example_in_the_readme_loads_and_renders(tmp_path):
    (block,) = re.findall(r"```toml\n(.*?)```", README, re.S)
    (tmp_path / "thank-you.toml").write_text(block, encoding="utf-8")
    result = load_catalog([SHIPPED, tmp_path])
    assert result.problems == []
    assert check_library(result, [tmp_path]) == []
    scenario = result.catalog.get("thank-you")
    drafts = Renderer(result.catalog).render_draft(scenario, scenario.examples()).drafts
    assert "Thank you for your order of $25.90. We hope you love it!" in drafts["en"].body
    assert "感谢您的订购，订单金额25.90美元。希望您喜欢！" in drafts["zh"].body


def test_ci_runs_the_readme_test_and_bundle_commands():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    for step, expected in [("test", "python3 dev.py test"), ("bundle", "python3 dev.py bundle")]:
        marker = README.index(f"<!-- ci: {step} command -->")
        command = README[marker:].split("```")[1].strip()
        assert command == expected
    assert "<!-- ci: $1 command -->" in ci
    assert "for step in test bundle" in ci
