"""Pre-send checks: what is wrong with a rendered draft before the seller copies it.

Every finding has a stable code, a severity (``error``: copying asks first; ``warning``;
``info``), a message in each interface language and the span of the reply it concerns. Some
checks always run (an unfilled field, a leftover placeholder, text in another script than the
reply's language is written in, a reply that cannot render); the others are the rules of the
platform chosen (links, e-mail addresses, phone numbers, taking the sale off the platform,
review incentives, asking only happy buyers for a review, emoji, HTML, length, coupons for a
future purchase), read from ``composer.judgement.rules``. A rule can depend on what kind of
message the scenario is (its ``kind``): Amazon forbids a proactive notice that only confirms
shipment and a feedback request that only thanks, and public replies to reviews have their own
length limit.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from composer.judgement.findings import (
    SEVERITY_ORDER,
    Check,
)
from composer.judgement.rules import Phrases, Platform
from composer.judgement.text_checks import RuleContext
from composer.templating.fields import Field, FieldType, Value
from composer.templating.note import ShownNote, note_texts
from composer.templating.printed_values import marker
from composer.templating.render import RenderResult
from composer.templating.scenario import Language, Scenario


def check_draft(
    result: RenderResult,
    scenario: Scenario,
    values: Mapping[str, Value],
    languages: Mapping[str, Language],
    platform: Platform | None = None,
    phrases: Phrases | None = None,
) -> list[Check]:
    """Every finding on ``result`` (a render of ``scenario`` with ``values``), most serious
    first. With a ``platform``, its rules apply; ``phrases`` are the wording checks' patterns.
    """
    found: list[Check] = list(_unfilled(result, scenario, values, languages))
    for code, draft in result.drafts.items():
        if draft.error:
            found.append(
                Check(
                    "template-error",
                    "error",
                    code,
                    {
                        "en": f"This reply cannot be rendered: {draft.error}",
                        "zh": f"此回复无法生成：{draft.error}",
                    },
                )
            )
            continue
        language = languages.get(code)
        script = language.script if language is not None else "Latn"
        context = RuleContext(platform, phrases or Phrases(), code, scenario, values, scenario.kind)
        untranslated = _untranslated_note(draft.body, draft.markers, code, values, languages)
        for part, text in (("subject", draft.subject or ""), ("body", draft.body)):
            found.extend(
                c
                for c in context.check(text, part, script)
                if not (untranslated and c.code == "wrong-script" and _within(c, untranslated))
            )
        if untranslated:
            found.append(untranslated)
    order = {code: index for index, code in enumerate(result.drafts)}
    return sorted(
        found,
        key=lambda c: (
            SEVERITY_ORDER.get(c.severity, 9),
            -1 if c.language is None else order.get(c.language, 99),
            c.part != "subject",
            c.start,
        ),
    )


def _untranslated_note(
    body: str,
    markers: tuple[str, ...],
    code: str,
    values: Mapping[str, Value],
    languages: Mapping[str, Language],
) -> Check | None:
    """The seller's note shown in another language, inside this reply's marker asking for the
    translation: an error until the seller writes it in this language too."""
    language = languages.get(code)
    if language is None:
        return None
    note = ShownNote(language, note_texts(values), languages)
    at = body.find(note.marker) if note.marker and note.marker in markers else -1
    if at < 0:
        return None
    message = {
        "en": "Your note is in another language only: translate it under “Your note”",
        "zh": "您的附言只有另一种语言：请在“您的附言”中填写这种语言的译文",
    }
    return Check("untranslated-note", "error", code, message, at, at + len(note.marker), "body")


def _within(check: Check, outer: Check) -> bool:
    """``check`` lies inside ``outer``'s span (the Chinese of an untranslated note, say)."""
    return check.part == outer.part and outer.start <= check.start and check.end <= outer.end


def check_text(
    text: str,
    language: str,
    platform: Platform | None = None,
    phrases: Phrases | None = None,
    script: str = "Latn",
    part: str = "body",
    kind: str = "answer",
) -> list[Check]:
    """The findings on one plain text in ``language`` (no scenario: no field is known), as a
    message of ``kind`` (one of ``composer.templating.scenario.MESSAGE_KINDS``), written in
    ``script`` (ISO 15924: ``Latn``, ``Cyrl``, ``Hans``)."""
    context = RuleContext(platform, phrases or Phrases(), language, kind=kind)
    return list(context.check(text, part, script))


def _unfilled(
    result: RenderResult,
    scenario: Scenario,
    values: Mapping[str, Value],
    languages: Mapping[str, Language],
) -> Iterator[Check]:
    """A required field left empty, or an optional amount whose marker the reply shows: errors;
    another optional field whose marker the reply shows anyway: a warning."""
    for field in scenario.fields:
        if field.type is FieldType.YES_NO:
            continue
        if not field.is_empty(values.get(field.name)):
            yield from _left_in_edit(result, field, languages)
            continue
        where: tuple[str, str, int] | None = None
        for code, draft in result.drafts.items():
            language = languages.get(code)
            if language is None:
                continue
            shown = marker(field, language)
            if shown not in draft.markers:
                continue
            for part, text in (("subject", draft.subject or ""), ("body", draft.body)):
                at = text.find(shown)
                if at >= 0:
                    where = (code, part, at)
                    break
            if where:
                break
        if not field.required and where is None:
            continue
        labels = {"en": field.label("en"), "zh": field.label("zh")}
        # An amount the reply prints is what the buyer is promised (a refund, a share of a
        # re-ship, a charge): a reply that shows its marker instead cannot be sent as it is.
        promised = field.type is FieldType.MONEY
        if field.required:
            message = {"en": f"Fill in: {labels['en']}", "zh": f"请填写：{labels['zh']}"}
        elif promised:
            message = {
                "en": f"Fill in the amount the reply promises: {labels['en']}",
                "zh": f"请填写回复中承诺的金额：{labels['zh']}",
            }
        else:
            message = {
                "en": f"Empty, but the reply shows it: {labels['en']}",
                "zh": f"未填写，但回复中显示了：{labels['zh']}",
            }
        severity = "error" if field.required or promised else "warning"
        if where is None:
            yield Check("unfilled-field", severity, None, message, field=field.name)
        else:
            code, part, at = where
            length = len(marker(field, languages[code]))
            yield Check(
                "unfilled-field", severity, code, message, at, at + length, part, field.name
            )


def _left_in_edit(
    result: RenderResult, field: Field, languages: Mapping[str, Language]
) -> Iterator[Check]:
    """A filled field's marker that a reply still shows: only the seller's own edited text can
    (the form no longer writes into it), and the buyer would read ``[Order number]``."""
    for code, draft in result.drafts.items():
        language = languages.get(code)
        shown = marker(field, language) if language is not None else ""
        if not shown or shown not in draft.markers:
            continue
        for part, text in (("subject", draft.subject or ""), ("body", draft.body)):
            at = text.find(shown)
            if at >= 0:
                message = {
                    "en": f"Your edited reply still shows “{shown}”: write it in",
                    "zh": f"您编辑的回复中仍有“{shown}”，请填写实际内容",
                }
                yield Check("unfilled-field", "error", code, message, at, at + len(shown), part)
                break
