"""A reply's mistakes explained in the interface language.

The domain words its mistakes in English, as ``composer check`` prints them. The mistakes a
seller meets while writing a reply are recognised here by their English wording and said again
through ``_()``, with the names and values they quote; Jinja's own detail of a syntax error
stays as Jinja says it. Anything not listed is shown as it is.
"""

from __future__ import annotations

import re

from ui.i18n import N_, _

# (pattern of the English message, the message in the interface's words)
PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), m)
    for p, m in [
        (
            r"^uses '(?P<name>[^']+)', which is not a declared field$",
            N_("“{name}” is not one of this reply's fields: add it in Fields, or correct the name"),
        ),
        (
            r"^template syntax: (?P<detail>.+)$",
            N_("The text's tags do not close properly ({detail})"),
        ),
        (r"^template: (?P<detail>.+)$", N_("The text's tags are not right ({detail})")),
        (
            r"^uses an unknown filter '(?P<name>[^']+)'$",
            N_("“{name}” is not a filter replies can use"),
        ),
        (
            r"^uses partial '(?P<name>[^']+)', which this language does not have$",
            N_("There is no shared piece “{name}” in this language"),
        ),
        (
            r"^compares '(?P<name>[^']+)' with '(?P<key>[^']+)', which is not one of its options",
            N_("“{key}” is not an option of {name}"),
        ),
        (
            r"^field '(?P<name>[^']+)' is declared but no reply uses it$",
            N_("The field “{name}” is not used in any reply language"),
        ),
        (
            r"^field '(?P<name>[^']+)' is used in the (?P<used>[\w, ]+) reply"
            r" but not in (?P<other>.+)$",
            N_("The field “{name}” is used in {used} but not in {other}"),
        ),
        (r"^field '(?P<name>[^']+)' is declared twice$", N_("Two fields are called “{name}”")),
        (
            r"^choice field '(?P<name>[^']+)' needs options$",
            N_("The choice field “{name}” needs at least one option"),
        ),
        (r"^option '(?P<key>[^']*)' is listed twice$", N_("The option “{key}” is listed twice")),
        (
            r"^field '(?P<name>[^']+)' needs a label",
            N_("The field “{name}” needs a label in each language"),
        ),
        (
            r"^field '(?P<name>[^']+)' has no type and no shared declaration$",
            N_("The field “{name}” needs a type"),
        ),
        (
            r"^a field needs a name of lower-case letters, digits and _$",
            N_("A field's name is lower-case letters, digits and _ (like order_number)"),
        ),
        (
            r"^'(?P<name>[^']+)' is reserved; choose another field name$",
            N_("“{name}” is a reserved name: choose another field name"),
        ),
        (
            r"^id must be lower-case letters, digits and dashes",
            N_("The id is lower-case letters, digits and dashes, like thank-you"),
        ),
        (
            r"^id '(?P<id>[^']+)' is already used by your reply in (?P<file>.+)$",
            N_("The id “{id}” is already used by your reply in {file}"),
        ),
        (r"^the (?P<language>.+) title is empty$", N_("The title in {language} is empty")),
        (r"^category '(?P<name>[^']*)' is not in any catalog.toml$", N_("Choose a category")),
        (
            r"^default of (?P<field>\w+): (?P<detail>.+)$",
            N_("The default of {field} does not fit its type: {detail}"),
        ),
        (
            r"^example of (?P<field>\w+): (?P<detail>.+)$",
            N_("The example of {field} does not fit its type: {detail}"),
        ),
        (
            r"^no (?P<language>.+) reply: add a \[reply\.\w+\] table with a body$",
            N_("There is no reply in {language}"),
        ),
        (
            r"^\[reply\.(?P<code>\w+)\] has no subject but other languages do$",
            N_("Give every language a subject, or none"),
        ),
        (
            r"field '(?P<name>[^']+)' is needed but has no example value$",
            N_("The required field “{name}” needs an example, for the preview"),
        ),
        (
            r"\[(?P<code>\w+)\]: does not render: (?P<detail>.+)$",
            N_("The {code} reply cannot be shown: {detail}"),
        ),
        (
            r"\[(?P<code>\w+)\] (?P<part>subject|body): Chinese characters (?P<text>.+)$",
            N_("Chinese characters in the {code} reply: {text}"),
        ),
        (
            r"\[(?P<code>\w+)\] (?P<part>subject|body): leftover placeholder (?P<text>.+)$",
            N_("A placeholder is left in the {code} reply: {text}"),
        ),
        (r"\[(?P<code>\w+)\]: the body is empty$", N_("The {code} reply is empty")),
        (
            r"the languages have different numbers of paragraphs \((?P<counts>[^)]+)\)",
            N_("The languages have different numbers of paragraphs ({counts})"),
        ),
    ]
]


def explain(message: str) -> str:
    """``message`` (English, from the domain) in the interface language where it is known."""
    for pattern, wording in PATTERNS:
        found = pattern.search(message)
        if found:
            return _(wording).format(**found.groupdict())
    return message
