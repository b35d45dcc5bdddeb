"""The one place that builds the Jinja environment templates are rendered in.

Sandboxed, because a template shared by someone else must not run code, and immutable, so that
it cannot change the objects it is handed (a field's labels, the catalog's). Values never pass
through the template parser: they are handed to the compiled template as data, so a seller who
types ``{{ 7*7 }}`` sees exactly that in the reply.

Bounded, because a template must not hang the window or exhaust memory:
``composer.templating.limits`` holds the bounds (text and list sizes, number sizes, loop turns,
call depth, output, time) and what checks them; a template past one fails with
``TemplateLimitError``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import FunctionLoader, StrictUndefined, Template, nodes, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from composer.templating import limits
from composer.templating.printed_values import (
    ENGLISH,
    DateFunctions,
    add_days_filter,
    date_filter,
    money_filter,
    with_today,
)
from composer.templating.scenario import Language

DATE_FUNCTIONS = ("date_span", "delivery_window", "spring_festival", "spring_festival_pause")
# What every reply's template can read besides its fields: how the reply is sent
# (``format``: "chat", a platform message, or "email", the longer letter) and the platform it
# goes to (``platform``: a key of platforms.toml, such as "amazon", or "generic"), and the
# seller's own note (``personal_note``, see ``composer.templating.note``).
REPLY_FORMATS = ("chat", "email")
SUBJECT_FORMATS = ("email",)  # a chat message has no subject line (docs/reply-style.md)
CONTEXT_NAMES = ("format", "platform", "personal_note")
RESERVED_NAMES = frozenset(
    {"lang", "partial", "snippet", "loop", "self", "range", "true", "false", "none"}
    | set(DATE_FUNCTIONS)
    | set(CONTEXT_NAMES)
)


FILTERS = {"date": date_filter, "money": money_filter, "add_days": add_days_filter}

SnippetText = Callable[[str], "str | None"]
"""A snippet's text in the language being rendered, by key; None when there is none."""

MISSING_SNIPPETS = "__missing_snippets__"  # the render's list of markers it printed
PRINTED_SNIPPETS = "__printed_snippets__"  # the render's list of snippet keys it printed
_SNIPPET_MARKERS = {"zh": "[片段：{key}]"}  # by language code; others use English


def snippet_marker(key: str, language_code: str) -> str:
    """What a draft shows for a snippet the library does not have: ``[snippet: sig]``."""
    base = language_code.split("-")[0].split("_")[0]
    return _SNIPPET_MARKERS.get(base, "[snippet: {key}]").format(key=key)


def _no_snippets(key: str) -> str | None:
    return None


def _snippet_function(text_of: SnippetText, language_code: str) -> Callable[..., str]:
    @pass_context
    def snippet(context: Context, key: Any) -> str:
        """``{{ snippet("sig") }}``: the seller's snippet in this language, printed as it is."""
        name = str(key)
        printed = context.get(PRINTED_SNIPPETS)
        if isinstance(printed, list):
            printed.append(name)
        text = text_of(name)
        if text is None:
            text = snippet_marker(name, language_code)
            missing = context.get(MISSING_SNIPPETS)
            if isinstance(missing, list):
                missing.append(text)
        return text

    return snippet


@pass_context
def _partial(context: Context, name: str) -> str:
    """``{{ partial("greeting") }}``: a shared piece of this language, with the same values."""
    template = context.environment.get_template(name)
    return template.render(context.get_all())


# How templates are compiled.
ENVIRONMENT_OPTIONS: dict[str, Any] = {
    "autoescape": False,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": False,
}

# Jinja's filters a reply may use: the ones that cannot blow up (``center``, ``indent``,
# ``wordwrap``, ``format``, ``batch`` and ``slice`` take a size and are left out).
BUILTIN_FILTERS = (
    "abs",
    "capitalize",
    "default",
    "d",
    "first",
    "float",
    "int",
    "last",
    "length",
    "count",
    "list",
    "lower",
    "max",
    "min",
    "replace",
    "reverse",
    "round",
    "sort",
    "string",
    "sum",
    "title",
    "trim",
    "truncate",
    "unique",
    "upper",
    "wordcount",
    "join",
    "select",
    "reject",
    "selectattr",
    "rejectattr",
    "map",
    "attr",
    "striptags",
    "e",
    "escape",
)
# Jinja's globals a reply may use: ``lipsum`` (placeholder text by the page) is left out.
BUILTIN_GLOBALS = ("range", "dict", "cycler", "joiner")
UNAVAILABLE_GLOBALS = frozenset({"lipsum"})


def make_environment(
    partials: Mapping[str, str] | None = None,
    snippets: SnippetText | None = None,
    language: Language | None = None,
) -> SandboxedEnvironment:
    """A bounded, immutable sandboxed environment for one language, with its shared pieces.

    ``{{ partial("greeting") }}`` in a body pulls in the partial named ``greeting`` of the
    same language. (An expression, not ``{% include %}``: a block tag swallows the line end
    after it, which would glue the greeting to the next paragraph.) ``{{ snippet("sig") }}``
    prints the seller's snippet ``sig`` from ``snippets`` (its text is printed as it is, never
    run as a template); a snippet the library lacks prints a marker, not an error. Undefined
    names raise instead of printing nothing; block tags swallow their own line so ``{% if %}``
    does not leave blank lines in a reply.
    """
    pieces = dict(partials or {})

    def load_partial(name: str) -> tuple[str, str, Callable[[], bool]] | None:
        text = pieces.get(name)
        return None if text is None else (text, limits.partial_file_name(name), lambda: True)

    env = limits.BoundedEnvironment(
        loader=FunctionLoader(load_partial),
        undefined=StrictUndefined,
        auto_reload=False,
        **ENVIRONMENT_OPTIONS,
    )
    env.filters = {name: env.filters[name] for name in BUILTIN_FILTERS if name in env.filters}
    env.filters.update(limits.BOUNDED_FILTERS)
    env.filters.update(FILTERS)
    env.globals = {name: env.globals[name] for name in BUILTIN_GLOBALS}
    env.globals["namespace"] = limits.BoundedNamespace
    env.globals["partial"] = _partial
    language = language or ENGLISH
    env.globals["snippet"] = _snippet_function(snippets or _no_snippets, language.code)
    functions = DateFunctions(language)
    for name in DATE_FUNCTIONS:
        env.globals[name] = with_today(getattr(functions, name))
    return env


def compile_template(env: SandboxedEnvironment, name: str, source: str) -> Template:
    """``source`` compiled in ``env``; ``name`` (``scenario-id/body``) names it in errors."""
    code = env.compile(source, name, name)
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def partials_used(template: nodes.Template) -> list[str | None]:
    """Names passed to ``partial(...)`` in a parsed template; None where it is not a literal."""
    found: list[str | None] = []
    for call in template.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "partial":
            arg = call.args[0] if len(call.args) == 1 and not call.kwargs else None
            ok = isinstance(arg, nodes.Const) and isinstance(arg.value, str)
            found.append(arg.value if ok else None)  # type: ignore[union-attr]
    return found


def choice_comparisons(template: nodes.Template) -> list[tuple[str, str]]:
    """``(name, key)`` for each ``name == "key"`` (or ``!=``, ``in [...]``) in a template."""
    found: list[tuple[str, str]] = []
    for compare in template.find_all(nodes.Compare):
        left = compare.expr
        for operand in compare.ops:
            right = operand.expr
            pairs = [(left, right), (right, left)] if operand.op in ("eq", "ne") else []
            if operand.op in ("in", "notin") and isinstance(right, nodes.List | nodes.Tuple):
                pairs = [(left, item) for item in right.items]
            for name, const in pairs:
                if (
                    isinstance(name, nodes.Name)
                    and isinstance(const, nodes.Const)
                    and isinstance(const.value, str)
                ):
                    found.append((name.name, const.value))
            left = right
    return found


def filters_used(template: nodes.Template) -> set[str]:
    """Names of the filters a parsed template calls (to report unknown ones at load time)."""
    return {node.name for node in template.find_all(nodes.Filter)}
