"""A finding of the pre-send checks (``Check``), and the patterns the checks look for."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from composer.templating.validate import CJK

BUILT_IN_CODES = (
    "unfilled-field",
    "placeholder",
    "wrong-script",
    "template-error",
    "untranslated-note",
    "stale-value",
)
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
MAX_PER_KIND = 20  # findings of one code in one part of one reply: enough to see the pattern

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”'（）()\[\]{}]+", re.IGNORECASE)
DOMAIN = re.compile(
    r"(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|net|org|shop|store|info|biz|io|co|me|ly|link|top|xyz|site|online|app|cn|hk|tw"
    r"|uk|de|fr|it|es|nl|us|ca|au|ru|jp|kr|in|br|mx|sg|my)\b(?:/[^\s]*)?(?![\w@-])",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}", re.IGNORECASE)
PHONE = re.compile(r"(?<![\w@/.+-])\+?\(?\d[\d ().\-\u00a0]{5,22}\d(?![\w@/-])")
PHONE_WORDS = re.compile(
    r"(?:phone|tel|call|mobile|cell|whats\s?app|wechat|viber|电话|手机|致电|微信)\W{0,3}"
    r"(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)
ID_WORDS = re.compile(
    r"(?:order|tracking|invoice|transaction|订单|单号|运单)(?:\W+\w+){0,2}\W*$", re.IGNORECASE
)
EMOJI = re.compile(
    "[\U0001f1e6-\U0001f1ff\U0001f300-\U0001f5ff\U0001f600-\U0001f64f\U0001f680-\U0001f6ff"
    "\U0001f900-\U0001f9ff\U0001fa70-\U0001faff\u2600-\u27bf\u2b50\u2b55\ufe0f\u200d]+"
)
HTML = re.compile(
    r"<\s*/?\s*(?:a|b|i|u|p|br|hr|div|span|strong|em|img|table|tr|td|th|ul|ol|li|h[1-6]|font"
    r"|center|html|head|body|style|script|iframe|blockquote|pre|code|small|sup|sub)\b[^<>]*>"
    r"|&(?:nbsp|amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);",
    re.IGNORECASE,
)
CJK_RUN = re.compile(f"(?:{CJK.pattern})+")
SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]*")


@dataclass(frozen=True)
class Check:
    """One finding on a draft. ``start``/``end`` index the ``part`` (body or subject) of the
    ``language`` reply; ``field`` names the field to fill in, for an unfilled one; ``fix``
    is the text that would put it right in place of that span, when there is one."""

    code: str
    severity: str
    language: str | None
    message: Mapping[str, str]
    start: int = 0
    end: int = 0
    part: str = "body"
    field: str | None = None
    fix: str | None = None

    def text(self, language: str) -> str:
        """The message in an interface language (English when it has none)."""
        return self.message.get(language) or self.message.get("en", self.code)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "language": self.language,
            "message": dict(self.message),
            "start": self.start,
            "end": self.end,
            "part": self.part,
        } | ({"fix": self.fix} if self.fix is not None else {})


def errors(checks: list[Check]) -> list[Check]:
    """The findings that make copying ask first."""
    return [c for c in checks if c.severity == "error"]


def excerpt(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
