"""Line numbers for keys in a TOML file, so a mistake can be reported as ``file:line``.

``tomllib`` parses but forgets positions. This scanner reads the same text line by line and
remembers where each table, key and array item starts. It understands the TOML that template
files use (tables, arrays of tables, dotted keys, inline tables, multi-line strings and arrays);
anything it cannot place falls back to the nearest enclosing key it knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'))*)\s*=\s*(.*)$"""
)


def _split_key(text: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'""", text)
    return [p.strip("\"'") for p in parts]


@dataclass
class SourceMap:
    """Where each key of one TOML text starts (1-based lines)."""

    lines: dict[Path, int] = field(default_factory=dict)
    content_lines: dict[Path, int] = field(default_factory=dict)
    basic_strings: set[Path] = field(default_factory=set)
    text_lines: list[str] = field(default_factory=list)

    @classmethod
    def scan(cls, text: str) -> SourceMap:
        smap = cls(text_lines=text.splitlines())
        arrays: dict[Path, int] = {}
        table: Path = ()
        open_string: str | None = None
        array_path: Path | None = None
        array_depth = 0
        item = 0
        for number, line in enumerate(text.splitlines(), start=1):
            if open_string:
                if open_string in line:
                    open_string = None
                continue
            if array_path is not None:
                stripped = line.strip()
                if stripped.startswith("{"):
                    smap.lines.setdefault((*array_path, item), number)
                    item += 1
                array_depth += line.count("[") - line.count("]")
                if array_depth <= 0:
                    array_path = None
                continue
            header = _HEADER.match(line)
            if header and not _KEY.match(line):
                names = _split_key(header.group(2))
                resolved: list[str | int] = []
                for i, name in enumerate(names):
                    resolved.append(name)
                    prefix = tuple(resolved)
                    is_last = i == len(names) - 1
                    if is_last and header.group(1) == "[[":
                        arrays[prefix] = arrays.get(prefix, -1) + 1
                        resolved.append(arrays[prefix])
                    elif prefix in arrays:
                        resolved.append(arrays[prefix])
                table = tuple(resolved)
                smap.lines.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if not key:
                continue
            path = (*table, *_split_key(key.group(1)))
            smap.lines.setdefault(path, number)
            value = key.group(2)
            for quote in ('"""', "'''"):
                if value.startswith(quote):
                    rest = value[3:]
                    if quote not in rest:
                        open_string = quote
                    # TOML drops a newline right after the opening quotes.
                    smap.content_lines[path] = number + 1 if not rest.strip() else number
                    if quote == '"""':
                        smap.basic_strings.add(path)
                    break
            else:
                smap.content_lines[path] = number
                if value.startswith("[") and value.count("[") > value.count("]"):
                    array_path, array_depth, item = path, value.count("[") - value.count("]"), 0
        return smap

    def line(self, *path: str | int) -> int | None:
        """The line where ``path`` (or its nearest known parent) is written."""
        for end in range(len(path), 0, -1):
            found = self.lines.get(tuple(path[:end]))
            if found:
                return found
        return None

    def content_line(self, *path: str | int) -> int:
        """The file line holding the first line of a string value's content."""
        return self.content_lines.get(tuple(path)) or self.line(*path) or 1

    def value_line(self, path: Path, line_in_value: int) -> int:
        """The file line of line ``line_in_value`` (1-based) of a multi-line string value.

        In a basic string (three double quotes) a backslash at a line end joins the next
        line, and any blank lines after it, to this one; the file has more lines than the
        value there.
        """
        number = self.content_line(*path)
        if path not in self.basic_strings:
            return number + line_in_value - 1
        current = 1
        total = len(self.text_lines)
        while current < line_in_value and number < total:
            line = self.text_lines[number - 1].rstrip()
            number += 1
            if _continues(line):
                while number < total and not self.text_lines[number - 1].strip():
                    number += 1
                continue
            current += 1
        return number

    def find_in_joined_line(self, number: int, word: str) -> int:
        """The first file line from ``number`` holding ``word``, staying within the lines a
        backslash joins into one; ``number`` itself when none does."""
        current = number
        while 0 < current <= len(self.text_lines):
            line = self.text_lines[current - 1]
            if word in line:
                return current
            if not _continues(line.rstrip()):
                break
            current += 1
        return number


def _continues(line: str) -> bool:
    """True when ``line`` ends with an unescaped backslash (TOML's line continuation)."""
    trailing = len(line) - len(line.rstrip("\\"))
    return trailing % 2 == 1
