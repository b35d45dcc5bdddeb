"""What each start-up cache saves: read back versus rebuilt, medians over fresh processes.

    .venv/bin/python bench/cache_savings.py [--runs N]

Each sample runs in a new Python process (a start pays its imports once), against a
temporary data folder and cache folder. Prints one line per measure, in milliseconds:

- ``catalog``: the shipped templates' catalog read back from the cache folder versus loaded
  from the files (parsing every template with Jinja, which includes importing Jinja);
- ``templates``: every template of every scenario and language (and the partials) compiled
  by Jinja versus read back from a bytecode cache in memory: the most a compiled-template cache
  could save at start, which compiles only the restored scenario's few templates.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CATALOG = """
import sys, time
from pathlib import Path
from composer import paths
mode, data = sys.argv[1], Path(sys.argv[2])
folders = paths.template_dirs(data)
start = time.perf_counter()
if mode == "cached":
    from composer.templating.cache import load_catalog_cached
    result = load_catalog_cached(folders, data)
else:
    from composer.templating.loader import load_catalog
    result = load_catalog(folders)
print((time.perf_counter() - start) * 1000, len(result.catalog))
"""

TEMPLATES = """
import sys, time
from jinja2.bccache import Bucket
from composer import paths
from composer.templating.jinja import make_environment
from composer.templating.loader import load_catalog
catalog = load_catalog(paths.template_dirs(paths.data_dir())).catalog
sources = [(code, f"{s.id}/{part}", text) for s in catalog for code, reply in s.replies.items()
           for part, text in (("body", reply.body), ("subject", reply.subject)) if text]
sources += [(code, name, text) for code, named in catalog.partials.items()
            for name, text in named.items()]
envs = {code: make_environment(catalog.partials.get(code, {})) for code in catalog.languages}
start = time.perf_counter()
codes = [envs[code].compile(text, name) for code, name, text in sources]
compiled = time.perf_counter() - start
# What a bytecode cache does on a hit: unmarshal the code and build the template from it.
stored = []
for (code, name, text), compiled_code in zip(sources, codes):
    bucket = Bucket(envs[code], name, "x")
    bucket.code = compiled_code
    stored.append((code, bucket.bytecode_to_string()))
start = time.perf_counter()
for code, raw in stored:
    bucket = Bucket(envs[code], "name", "x")
    bucket.bytecode_from_string(raw)
    envs[code].template_class.from_code(envs[code], bucket.code, envs[code].make_globals(None))
loaded = time.perf_counter() - start
print(compiled * 1000, loaded * 1000, len(sources))
"""


def _run(code: str, *args: str, env: dict[str, str]) -> list[float]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [float(x) for x in done.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        data = Path(temp) / "data"
        data.mkdir()
        env = {
            **os.environ,
            "REPLY_COMPOSER_HOME": str(data),
            "REPLY_COMPOSER_CACHE": str(Path(temp) / "cache"),
        }
        _run(CATALOG, "cached", str(data), env=env)  # fills the cache
        cached, parsed, compiled, loaded = [], [], [], []
        count = templates = 0
        for _ in range(args.runs):
            cached.append(_run(CATALOG, "cached", str(data), env=env)[0])
            ms, scenarios = _run(CATALOG, "parse", str(data), env=env)
            parsed.append(ms)
            count = int(scenarios)
            one, two, n = _run(TEMPLATES, env=env)
            compiled.append(one)
            loaded.append(two)
            templates = int(n)
    result = {
        "scenarios": count,
        "catalog_cached_ms": statistics.median(cached),
        "catalog_parsed_ms": statistics.median(parsed),
        "templates": templates,
        "templates_compiled_ms": statistics.median(compiled),
        "templates_from_bytecode_ms": statistics.median(loaded),
    }
    print(
        f"catalog of {count} scenarios: from the cache {result['catalog_cached_ms']:.1f} ms, "
        f"parsed {result['catalog_parsed_ms']:.1f} ms (median of {args.runs})"
    )
    print(
        f"{templates} templates: compiled {result['templates_compiled_ms']:.1f} ms, "
        f"from bytecode {result['templates_from_bytecode_ms']:.1f} ms (median of {args.runs})"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
