"""An export file as rows of cells, each with the line (or Excel row) it came from.

CSV and tab-separated text in UTF-8 (with or without a BOM), else in the Chinese (GB18030) or
Western (cp1252) code page Excel saves in; the separator is the one the first lines use most.
Excel workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) are read with python-calamine, the first sheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from composer.orders.values import Cell

MAX_FILE_BYTES = 64 * 1024 * 1024
EXCEL = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
_ENCODINGS = ("utf-8-sig", "gb18030", "cp1252")


class ExportFileError(ValueError):
    """A file that cannot be read as an export; the message names it and says why."""


@dataclass(frozen=True)
class Row:
    """One row: its line in the file (1-based, as a spreadsheet or editor shows it)."""

    line: int
    cells: tuple[Cell, ...]


def read_rows(path: Path) -> list[Row]:
    """Every row of the file (the first sheet of a workbook); raises ExportFileError."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExportFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if size > MAX_FILE_BYTES:
        raise ExportFileError(
            f"{path}: is {size / 1024 / 1024:.0f} MB; export fewer months at a time (at most "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB a file)"
        )
    if path.suffix.lower() in EXCEL:
        return _excel_rows(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ExportFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0"):
        return _excel_rows(path)  # an Excel file saved under a .csv or .txt name
    return list(_text_rows(path, raw))


def _excel_rows(path: Path) -> list[Row]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        with CalamineWorkbook.from_path(str(path)) as book:
            if not book.sheet_names:
                raise ExportFileError(f"{path}: the workbook has no sheet")
            sheet = book.get_sheet_by_index(0)
            first = sheet.start[0] if sheet.start else 0
            values = sheet.to_python(skip_empty_area=False)
    except CalamineError as exc:
        raise ExportFileError(
            f"{path}: is not an Excel workbook that can be read ({exc})"
        ) from None
    except (OSError, ValueError) as exc:  # a damaged zip, a password, an odd cell
        raise ExportFileError(f"{path}: cannot be read as a workbook ({exc})") from None
    return [Row(number + 1, tuple(row)) for number, row in enumerate(values) if number >= first]


def _decode(path: Path, raw: bytes) -> str:
    for encoding in _ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExportFileError(f"{path}: is not text (UTF-8, GB18030 or Windows-1252)")


def _delimiter(sample: str) -> str:
    lines = [line for line in sample.splitlines()[:12] if line.strip()]
    counts = {d: sum(line.count(d) for line in lines) for d in ("\t", ",", ";")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _text_rows(path: Path, raw: bytes) -> Iterator[Row]:
    content = _decode(path, raw)
    if "\x00" in content:
        raise ExportFileError(f"{path}: is not a text export (it holds binary data)")
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=_delimiter(content[:8192]))
    start = 1
    try:
        for cells in reader:
            yield Row(start, tuple(cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ExportFileError(f"{path}:{reader.line_num}: {exc}") from None
