"""The checks of one reply's text: a leftover placeholder, text in another script than the
reply's (``composer.judgement.script_check``), then the platform's rules (contact details,
links, emoji, HTML, length, the kinds of message a platform forbids, the wording rules of
``composer.judgement.rules``)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from composer.judgement.findings import (
    DOMAIN,
    EMAIL,
    EMOJI,
    HTML,
    ID_WORDS,
    MAX_PER_KIND,
    PHONE,
    PHONE_WORDS,
    SENTENCE,
    URL,
    Check,
    excerpt,
)
from composer.judgement.rules import PhraseEntry, Phrases, Platform, Rule
from composer.judgement.script_check import wrong_script
from composer.templating.fields import Value
from composer.templating.scenario import Scenario
from composer.templating.validate import PLACEHOLDER


class RuleContext:
    """Runs one platform's rules over one language's text."""

    def __init__(
        self,
        platform: Platform | None,
        phrases: Phrases,
        language: str,
        scenario: Scenario | None = None,
        values: Mapping[str, Value] | None = None,
        kind: str = "answer",
    ) -> None:
        self.scenario = scenario
        self.kind = kind  # what the message is: the rules of some depend on it
        self.platform = platform
        self.phrases = phrases
        self.language = language
        values = values or {}
        self.own_words = [v for v in values.values() if isinstance(v, str)]
        # Someone else's contact details (a carrier's phone number): warned about, not failed.
        self.third_party = {
            name: str(values.get(name) or "").strip()
            for name in (scenario.third_party if scenario else ())
            if str(values.get(name) or "").strip()
        }
        # Order and tracking numbers look like phone numbers to a pattern: never flag them.
        self.identifiers = {
            _digits(str(value))
            for name, value in values.items()
            if isinstance(value, str)
            and "phone" not in name
            and ("order" in name or "tracking" in name or name.endswith(("_number", "_id")))
        } - {""}

    def check(self, text: str, part: str, script: str = "Latn") -> Iterator[Check]:
        """Every finding on one part of this language's reply, written in ``script``."""
        if not text:
            return
        own = self.phrases.entries(self.language, "placeholder")
        yield from _placeholders(text, self.language, part, own)
        yield from wrong_script(text, self.language, script, part, self.own_words)
        if self.platform is not None:
            yield from self.rules(text, part)

    def names(self) -> dict[str, str]:
        assert self.platform is not None
        return {code: self.platform.called_in(code) for code in ("en", "zh")}

    def rules(self, text: str, part: str) -> Iterator[Check]:
        assert self.platform is not None
        detectors = {
            "link": self._links,
            "email": self._emails,
            "phone": self._phones,
            "emoji": self._emoji,
            "html": self._html,
            "too-long": self._too_long,
            "off-platform": self._phrases,
            "review-incentive": self._phrases,
            "review-conditional": self._phrases,
            "future-coupon": self._phrases,
            "shipping-confirmation": self._shipping_confirmation,
            "thank-you-only": self._thank_you_only,
        }
        for code, detect in detectors.items():
            rule = self.platform.rule(code, self.kind)
            if rule is not None:
                yield from list(detect(rule, text, part))[:MAX_PER_KIND]

    def _finding(
        self, rule: Rule, start: int, end: int, part: str, en: str, zh: str, severity: str = ""
    ) -> Check:
        return Check(
            rule.code,
            severity or rule.severity,
            self.language,
            {"en": en, "zh": zh},
            start,
            end,
            part,
        )

    def _contact(
        self, rule: Rule, match: re.Match[str], part: str, what: tuple[str, str, str]
    ) -> Check:
        """A link, address or number: an error of the platform's, or a warning when it is a
        third party's (a field the scenario marks as someone else's contact)."""
        shown = excerpt(match.group(0))
        names = self.names()
        owner = next(
            (name for name, value in self.third_party.items() if _same(match.group(0), value)),
            None,
        )
        if owner is not None:
            field = self.scenario.field(owner) if self.scenario else None
            label_en = field.label("en") if field else owner
            label_zh = field.label("zh") if field else owner
            severity = "warning" if rule.severity == "error" else rule.severity
            return self._finding(
                rule,
                match.start(),
                match.end(),
                part,
                f"{shown} is someone else's {what[2]} (“{label_en}”); "
                f"{names['en']} may still block it",
                f"{shown}来自“{label_zh}”（第三方{what[1]}），{names['zh']}仍可能拦截",
                severity,
            )
        return self._finding(
            rule,
            match.start(),
            match.end(),
            part,
            f"Not allowed on {names['en']}: {what[0]} ({shown})",
            f"{names['zh']}不允许：{what[1]}（{shown}）",
        )

    def _links(self, rule: Rule, text: str, part: str) -> Iterator[Check]:
        assert self.platform is not None
        seen: list[tuple[int, int]] = []
        for match in [*URL.finditer(text), *DOMAIN.finditer(text)]:
            if any(s <= match.start() < e for s, e in seen) or _in_email(text, match):
                continue
            seen.append((match.start(), match.end()))
            if _own(_host(match.group(0)), self.platform.own_domains):
                continue
            yield self._contact(rule, match, part, ("links to other sites", "站外链接", "link"))

    def _emails(self, rule: Rule, text: str, part: str) -> Iterator[Check]:
        for match in EMAIL.finditer(text) if "@" in text else ():
            yield self._contact(
                rule, match, part, ("e-mail addresses", "电子邮箱", "e-mail address")
            )

    def _phones(self, rule: Rule, text: str, part: str) -> Iterator[Check]:
        for match in PHONE.finditer(text):
            raw = match.group(0).rstrip(" .-(")
            digits = _digits(raw)
            if not 9 <= len(digits) <= 15 or digits in self.identifiers:
                continue
            before = text[max(0, match.start() - 40) : match.start()]
            if PHONE_WORDS.search(before) is None:
                separated = raw.startswith("+") or len(re.findall(r"\d+", raw)) > 1
                if not separated or ID_WORDS.search(before):
                    continue  # a bare run of digits, or an order or tracking number
            yield self._contact(rule, match, part, ("phone numbers", "电话号码", "phone number"))

    def _emoji(self, rule: Rule, text: str, part: str) -> Iterator[Check]:
        names = self.names()
        for match in EMOJI.finditer(text):
            if not match.group(0).strip("\ufe0f\u200d"):
                continue
            yield self._finding(
                rule,
                match.start(),
                match.end(),
                part,
                f"Not allowed on {names['en']}: emoji ({match.group(0)})",
                f"{names['zh']}不允许使用表情符号（{match.group(0)}）",
            )

    def _html(self, rule: Rule, text: str, part: str) -> Iterator[Check]:
        names = self.names()
        for match in HTML.finditer(text):
            shown = excerpt(match.group(0))
            yield self._finding(
                rule,
                match.start(),
                match.end(),
                part,
                f"HTML in a plain-text message on {names['en']}: {shown}",
                f"{names['zh']}消息为纯文本，不应含HTML：{shown}",
            )

    def _too_long(self, rule: Rule, text: str, part: str) -> Iterator[Check]:
        limit = rule.limit_for(self.kind)
        if part == "body" and limit is not None and len(text) > limit:
            names = self.names()
            if self.kind == "review-reply":
                en = f"{len(text):,} characters; a public reply on {names['en']} takes at most"
                zh = f"共{len(text)}个字符，{names['zh']}的公开回复最多{limit}个"
            else:
                en = f"{len(text):,} characters; {names['en']} takes at most"
                zh = f"共{len(text)}个字符，{names['zh']}最多{limit}个"
            yield self._finding(rule, limit, len(text), part, f"{en} {limit:,}", zh)

    def _shipping_confirmation(self, rule: Rule, text: str, part: str) -> Iterator[Check]:
        """A notice that confirms an order or its shipment, and is about no problem with it
        (a delay, a hold): the platform sends its own confirmations (Amazon)."""
        entries = self.phrases.entries(self.language, rule.code)
        spans = _phrase_spans(entries, text)
        if not spans or _phrase_spans(self.phrases.entries(self.language, "order-problem"), text):
            return
        names = self.names()
        start, end = spans[0]
        shown = excerpt(text[start:end])
        yield self._finding(
            rule,
            start,
            end,
            part,
            f"{names['en']} sends its own order and shipping confirmations: a notice that only "
            f"confirms the order or its shipment is not allowed (“{shown}”)",
            f"{names['zh']}会自行发送订单和发货确认，不允许卖家主动发送仅确认订单或发货的通知"
            f"（“{shown}”）",
        )

    def _thank_you_only(self, rule: Rule, text: str, part: str) -> Iterator[Check]:
        """A message sent unasked that asks for no review or feedback: only a thank-you."""
        if part != "body" or self.phrases.entries(self.language, "review-request") == ():
            return  # no wording to tell by in this language: say nothing rather than guess
        if _phrase_spans(self.phrases.entries(self.language, "review-request"), text):
            return
        names = self.names()
        yield self._finding(
            rule,
            0,
            0,
            part,
            f"Not allowed on {names['en']}: a message that only says thank you; a feedback "
            "request must ask, neutrally, for a review or feedback",
            f"{names['zh']}不允许只表示感谢的消息；请求评价的消息须以中立的方式请买家留评",
        )

    def _phrases(self, rule: Rule, text: str, part: str) -> Iterator[Check]:
        names = self.names()
        messages = {
            "off-platform": (
                f"Asks to pay or talk outside {names['en']}: “{{}}”",
                f"引导买家在{names['zh']}之外付款或联系：“{{}}”",
            ),
            "review-incentive": (
                "Offers something for a review, or for changing one: “{}”",
                "以退款、优惠或礼品换取评价或修改评价：“{}”",
            ),
            "review-conditional": (
                "Asks only a happy buyer for a review, or for a good one: “{}”",
                "只请满意的买家留评，或索要好评：“{}”",
            ),
            "future-coupon": (
                f"No coupon or discount for a future purchase on {names['en']}: “{{}}”",
                f"{names['zh']}不允许提供下次购物的优惠券或折扣：“{{}}”",
            ),
        }
        en, zh = messages[rule.code]
        for start, end in _phrase_spans(self.phrases.entries(self.language, rule.code), text):
            shown = excerpt(text[start:end])
            yield self._finding(rule, start, end, part, en.format(shown), zh.format(shown))


def _in_email(text: str, match: re.Match[str]) -> bool:
    """True when a would-be link is the domain part of an e-mail address."""
    return match.start() > 0 and text[match.start() - 1] == "@"


def _own(host: str, domains: tuple[str, ...]) -> bool:
    """True when ``host`` is one of a platform's own domains or a subdomain of one."""
    return any(host == d or host.endswith("." + d) for d in domains)


def _host(link: str) -> str:
    host = re.sub(r"^[a-z]+://", "", link.lower()).split("/")[0].split("?")[0].split(":")[0]
    return host.removeprefix("www.").rstrip(".,;:!?")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _same(found: str, value: str) -> bool:
    """A match is a field's value: the same digits for a number, the same text otherwise."""
    digits = _digits(found)
    if digits and len(digits) >= 6 and digits == _digits(value):
        return True
    return found.strip().casefold() in value.casefold()


def _phrase_spans(
    entries: tuple[tuple[re.Pattern[str], ...], ...], text: str
) -> list[tuple[int, int]]:
    """Where the phrase entries match: a single pattern anywhere; several within one sentence."""
    spans: list[tuple[int, int]] = []
    for entry in entries:
        if len(entry) == 1:
            spans.extend(m.span() for m in entry[0].finditer(text))
            continue
        if not all(p.search(text) for p in entry):
            continue  # the common case: no need to look sentence by sentence
        for sentence in SENTENCE.finditer(text):
            piece = sentence.group(0)
            if all(p.search(piece) for p in entry):
                lead = len(piece) - len(piece.lstrip())
                spans.append((sentence.start() + lead, sentence.start() + len(piece.rstrip())))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _placeholders(
    text: str, language: str, part: str, own: tuple[PhraseEntry, ...] = ()
) -> Iterator[Check]:
    """``XXX``, ``[...]``, ``{{`` in any language, and the language's own placeholder words
    (``placeholder`` in the check phrases: "(your name)", "(tu nombre)")."""
    found = [*PLACEHOLDER.finditer(text), *(m for e in own for m in e[0].finditer(text))]
    for match in sorted(found, key=lambda m: m.start())[:MAX_PER_KIND]:
        shown = match.group(0)
        yield Check(
            "placeholder",
            "error",
            language,
            {
                "en": f"Leftover placeholder “{shown}”: replace it before sending",
                "zh": f"有未替换的占位符“{shown}”，发送前请替换",
            },
            match.start(),
            match.end(),
            part,
        )
