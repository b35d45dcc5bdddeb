"""The README's promises: its template example works, its commands are the ones CI runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from composer.templating.loader import load_catalog
from composer.templating.render import Renderer
from composer.templating.validate import check_library
from tests.helpers.scenarios import SHIPPED

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


def readme_commands(prefix: str) -> list[str]:
    """The lines of the README's code blocks that start with ``prefix``."""
    blocks = re.findall(r"```[^\n]*\n(.*?)```", README, re.S)
    return [line for block in blocks for line in block.splitlines() if line.startswith(prefix)]


def test_the_command_line_examples_work_as_written(capsys, data_dir, monkeypatch, tmp_path):
    """Each ``python3 dev.py cli`` line runs (in this process: what ``dev.py cli`` runs), its
    optional ``[...]`` parts left out, in a data folder with a profile, in the README's order;
    a line with a FILE to bring is only parsed; the eBay sample orders are imported first."""
    from composer.cli.commands import build_parser, main
    from composer.storage.profile import Profile
    from composer.storage.profile_store import ProfileStore

    assert not readme_commands("python -m composer"), "from a checkout that needs .venv active"
    lines = readme_commands("python3 dev.py cli ")
    assert len(lines) >= 13
    ProfileStore(data_dir / "profile.json").save(Profile(seller_name="Li", shop_name="Li's"))
    orders = Path(__file__).resolve().parent / "data" / "orders" / "ebay-orders.csv"
    assert main(["orders", "import", str(orders), "--data-dir", str(data_dir)]) == 0
    (values,) = re.findall(r"for example `(\{.*?\})`", README, re.S)
    (tmp_path / "values.json").write_text(values.replace("\n", " "), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for line in lines:
        words = shlex.split(re.sub(r"\s*\[[^]]*\]", "", line))[3:]
        args = [*words, "--data-dir", str(data_dir)]
        build_parser().parse_args(args)  # argparse exits 2 on a line it does not take
        if "FILE" in words:
            continue
        try:
            code = main(args)
        except SystemExit as stop:
            code = stop.code
        err = capsys.readouterr().err
        assert code == 0, f"{line}: exit {code}: {err}"
