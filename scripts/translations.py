"""The interface's translation catalogs: extract, update and compile (gettext, with Babel).

    python scripts/translations.py update    collect the texts from ui/ into every .po file
    python scripts/translations.py compile   write the .mo files the app loads

The .po files under ``ui/locale/<locale>/LC_MESSAGES/`` are the sources, kept in git and edited
by translators (any .po editor works). The .mo files are build output: the package build
(hatch_build.py), ``dev.py`` and ``build.spec`` make them; they are never committed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "reply_composer"
KEYWORDS = {"_": None, "N_": None}


def locale_dir(root: Path = ROOT) -> Path:
    return root / "ui" / "locale"


def po_files(root: Path = ROOT) -> Iterator[Path]:
    yield from sorted(locale_dir(root).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract(root: Path = ROOT) -> Catalog:
    """Every text in ``ui/`` wrapped in ``_()`` or ``N_()``, with where it is used."""
    template = Catalog(project="Reply Composer", domain=DOMAIN)
    for filename, lineno, message, comments, context in extract_from_dir(
        root / "ui", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        path = f"ui/{filename}"
        template.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return template


def read(po: Path) -> Catalog:
    with po.open("rb") as handle:
        return read_po(handle, locale=po.parent.parent.name, domain=DOMAIN)


def update(root: Path = ROOT) -> list[Path]:
    """Merge the texts now in the code into every .po file (new ones left untranslated)."""
    template = extract(root)
    updated = []
    for po in po_files(root):
        catalog = read(po)
        template.creation_date = catalog.creation_date  # no header churn when nothing changed
        catalog.update(template, update_header_comment=False)
        catalog.fuzzy = False
        write(po, catalog)
        updated.append(po)
    return updated


def write(po: Path, catalog: Catalog) -> None:
    """Save ``catalog``; file names without line numbers, so moving code leaves it unchanged."""
    with po.open("wb") as handle:
        write_po(handle, catalog, width=100, ignore_obsolete=True, include_lineno=False)


def compile_catalogs(root: Path = ROOT) -> list[Path]:
    """Write each .po's .mo beside it, unless it is already newer. Returns the .mo files."""
    written = []
    for po in po_files(root):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            catalog = read(po)
            with mo.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
        written.append(mo)
    return written


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        for po in update():
            print(f"updated {po.relative_to(ROOT)}")
        return 0
    if argv[1:] == ["compile"]:
        for mo in compile_catalogs():
            print(f"compiled {mo.relative_to(ROOT)}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
