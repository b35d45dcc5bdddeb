"""Reading a template file: size-bounded, UTF-8, TOML, with a map of where each key is, and
every mistake a ``file:line`` problem rather than an exception."""

from __future__ import annotations

import tomllib
from pathlib import Path

from composer.templating.scenario import TemplateProblem
from composer.templating.scenario_file import TOML_LINE, SourceFile
from composer.templating.sourcemap import SourceMap
from composer.templating.template_fields import describe

MAX_FILE_BYTES = 512 * 1024  # a template file; the largest shipped one is under 10 KB


def read_source(path: Path, problems: list[TemplateProblem]) -> SourceFile | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                TemplateProblem(
                    path,
                    1,
                    f"is {size / 1024:,.0f} KB; a template file may be at most "
                    f"{MAX_FILE_BYTES // 1024} KB",
                )
            )
            return None
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        problems.append(TemplateProblem(path, 0, f"cannot be read: {exc.strerror or exc}"))
        return None
    except UnicodeDecodeError:
        problems.append(TemplateProblem(path, 1, "is not UTF-8 text"))
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = TOML_LINE.search(message)
        line = int(match.group(1)) if match else 1
        detail = TOML_LINE.sub("", message)
        where = f" (column {match.group(2)})" if match else ""
        problems.append(TemplateProblem(path, line, f"TOML syntax: {detail}{where}"))
        return None
    except Exception as exc:
        problems.append(unexpected(path, exc))
        return None
    try:
        smap = SourceMap.scan(text)
    except Exception:
        smap = SourceMap()
    return SourceFile(path, data, smap)


def unexpected(path: Path, exc: BaseException) -> TemplateProblem:
    """A file that broke the loader in a way it did not foresee: reported, then skipped."""
    return TemplateProblem(path, 1, f"cannot be loaded: {describe(exc)}")
