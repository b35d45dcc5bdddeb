"""The script check: text in another writing system than the reply's language is written in.

Chinese characters in a Spanish or English reply (a note the seller wrote in the wrong pane, a
Chinese item name), Cyrillic in a Latin-script reply, or a sentence in Latin letters in a
Russian reply (English left untranslated). A value the seller typed (a name, an item, a shop)
is the seller's choice and is not flagged in Latin; in Chinese characters it still is, because a
buyer who does not read them cannot read the name either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from composer.judgement.findings import CJK_RUN, MAX_PER_KIND, SENTENCE, Check, excerpt
from composer.templating.language_folder import CJK_SCRIPTS

CODE = "wrong-script"
CYRILLIC_RUN = re.compile(r"[\u0400-\u04ff]{2,}(?:[\s-]+[\u0400-\u04ff]+)*")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_WORD = re.compile(r"\b[A-Za-z\u00c0-\u024f]{2,}\b")
LATIN_WORDS_IN_A_SENTENCE = 3  # fewer is a brand or a carrier's name (AliExpress, DHL Express)


def wrong_script(
    text: str, language: str, script: str, part: str, own_words: Iterable[str] = ()
) -> Iterator[Check]:
    """Findings (warnings) on ``text``, a reply in ``language`` written in ``script``."""
    if script not in CJK_SCRIPTS:
        for match in list(CJK_RUN.finditer(text))[:MAX_PER_KIND]:
            shown = excerpt(match.group(0), 20)
            yield _check(
                language,
                part,
                match,
                f"Chinese characters in a reply the buyer may not read: “{shown}”",
                f"外文回复中出现了中文字符：“{shown}”",
            )
    if script == "Latn":
        for match in list(CYRILLIC_RUN.finditer(text))[:MAX_PER_KIND]:
            shown = excerpt(match.group(0), 20)
            yield _check(
                language,
                part,
                match,
                f"Cyrillic letters in a reply written in Latin letters: “{shown}”",
                f"拉丁字母书写的回复中出现了西里尔字母：“{shown}”",
            )
    if script == "Cyrl":
        masked = _masked(text, own_words)
        found = 0
        for sentence in SENTENCE.finditer(masked):
            piece = sentence.group(0)
            if CYRILLIC.search(piece) or len(LATIN_WORD.findall(piece)) < LATIN_WORDS_IN_A_SENTENCE:
                continue
            shown = excerpt(text[sentence.start() : sentence.end()].strip(), 30)
            yield _check(
                language,
                part,
                sentence,
                f"A sentence in Latin letters in a reply written in Cyrillic: “{shown}”",
                f"西里尔字母书写的回复中出现了拉丁字母句子：“{shown}”",
            )
            found += 1
            if found == MAX_PER_KIND:
                return


def _masked(text: str, words: Iterable[str]) -> str:
    """``text`` with each of ``words`` (the seller's own values) blanked, same length."""
    for word in sorted({w for w in words if len(w.strip()) > 1}, key=len, reverse=True):
        text = text.replace(word, " " * len(word))
    return text


def _check(language: str, part: str, match: re.Match[str], en: str, zh: str) -> Check:
    return Check(CODE, "warning", language, {"en": en, "zh": zh}, match.start(), match.end(), part)
