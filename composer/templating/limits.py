"""How much a template may compute, and for how long, so that no shared template can hang the
window or exhaust memory.

Jinja's sandbox keeps a template from reaching files or code, but not from asking for
``'x' * 10**10``, ``10**5000``, nested ``range(100000)`` loops or a macro that calls itself.
``BoundedEnvironment`` (the sandbox every reply is rendered in) adds bounds:

- every text, list or table a template builds holds at most ``MAX_TEXT`` characters or items
  (repetition, ``+``, ``%`` widths, ``replace``, ``join``, literals, namespace values);
- a whole number has at most ``MAX_INT_BITS`` bits (``**`` and ``*``);
- the ``{% for %}`` loops of one render turn at most ``MAX_LOOP_TURNS`` times together;
- macros, partials, ``caller()`` and recursive loops nest at most ``MAX_DEPTH`` calls deep;
- one render prints at most ``MAX_OUTPUT`` characters, partials and macros included;
- one render takes at most ``RENDER_SECONDS`` (checked at every loop turn, call and print).

A template past a bound raises ``TemplateLimitError`` (a Jinja ``TemplateRuntimeError``), which
the renderer reports with the template's file and line. The loop, print and container checks are
added to the compiled code by ``BoundedCodeGenerator``; render through ``bounded()`` so the
per-render counts (turns, depth, output, time) apply.
"""

from __future__ import annotations

import re
import string
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import TemplateRuntimeError
from jinja2.filters import do_join, do_replace
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace, pass_eval_context
from jinja2.visitor import NodeTransformer

MAX_TEXT = 100_000
MAX_INT_BITS = 4_000  # about 1,200 digits: more than any amount or count in a reply
MAX_LOOP_TURNS = 10_000
MAX_DEPTH = 30
MAX_OUTPUT = 200_000
RENDER_SECONDS = 0.5

PARTIAL_PREFIX = "partial "
_LOOP_GUARD = "_bounded_loop"
_PRINTED = "_bounded_print"
_SIZED = "_bounded_value"


class TemplateLimitError(TemplateRuntimeError):
    """A template asked for more than a reply may compute (see the module docstring)."""


def partial_file_name(name: str) -> str:
    """How a partial is named in errors: ``partial greeting``."""
    return f"{PARTIAL_PREFIX}{name}"


@dataclass
class _Budget:
    deadline: float
    turns: int = 0
    depth: int = 0
    printed: int = 0


_BUDGET: ContextVar[_Budget | None] = ContextVar("reply_composer_render_budget", default=None)


@contextmanager
def bounded() -> Iterator[None]:
    """Count one render's loop turns, call depth, output and time (nested renders share it)."""
    if _BUDGET.get() is not None:
        yield
        return
    token = _BUDGET.set(_Budget(time.perf_counter() + RENDER_SECONDS))
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _check_time(budget: _Budget) -> None:
    if time.perf_counter() > budget.deadline:
        raise TemplateLimitError(f"takes longer than {RENDER_SECONDS:g} s to render")


def size(value: Any, limit: int = MAX_TEXT) -> int:
    """Characters and items in ``value``, counting a shared part each time it appears;
    stops counting past ``limit`` (so a value built to be huge costs little to measure)."""
    total = 0
    pending = [value]
    while pending and total <= limit:
        item = pending.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, bool):
            total += 1
        elif isinstance(item, int):
            total += max(1, item.bit_length() // 3)
        elif isinstance(item, list | tuple | set | frozenset):
            total += len(item) + 1
            pending.extend(item)
        elif isinstance(item, dict):
            total += len(item) + 1
            pending.extend(item.keys())
            pending.extend(item.values())
        else:
            total += 1
    return total


def _too_big(value: Any, what: str) -> None:
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise TemplateLimitError(f"{what} more than {MAX_TEXT:,} characters")
    elif isinstance(value, list | tuple | set | frozenset | dict) and size(value) > MAX_TEXT:
        raise TemplateLimitError(f"{what} a list or table of more than {MAX_TEXT:,} items")


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_SEQUENCE = (str, list, tuple)
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_width(spec: str) -> None:
    if "{" in spec or "*" in spec:
        raise TemplateLimitError("takes a text width from a value; write the width itself")
    if any(int(number) > MAX_TEXT for number in re.findall(r"\d+", spec)):
        raise TemplateLimitError(f"asks for a text wider than {MAX_TEXT:,} characters")


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``**``, ``+`` and ``%`` whose result would be too large to hold."""
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, _SEQUENCE) and _whole(times):
                if times > 0 and size(seq) * times > MAX_TEXT:
                    raise TemplateLimitError(
                        f"repeats a text or list beyond {MAX_TEXT:,} characters or items"
                    )
                return
        if _whole(left) and _whole(right) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise TemplateLimitError(_NUMBER_TOO_LARGE)
    elif operator == "**":
        if (
            _whole(left)
            and _whole(right)
            and abs(left) > 1
            and right > 0
            and (right > MAX_INT_BITS or right * left.bit_length() > MAX_INT_BITS)
        ):
            raise TemplateLimitError(_NUMBER_TOO_LARGE)
    elif operator == "+":
        if (
            isinstance(left, _SEQUENCE)
            and type(left) is type(right)
            and size(left) + size(right) > MAX_TEXT
        ):
            raise TemplateLimitError(
                f"joins texts or lists beyond {MAX_TEXT:,} characters or items"
            )
    elif operator == "%" and isinstance(left, str):
        for match in _PERCENT_SPEC.finditer(left):
            _check_width(match.group(0)[1:])


_NUMBER_TOO_LARGE = f"computes a number of more than {MAX_INT_BITS * 3 // 10:,} digits"


def _check_call(target: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Refuse a text method asked for a huge result; the arguments to call it with."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, list | tuple | dict | set):
            _too_big(value, "passes")
    method = getattr(target, "__wrapped__", target)  # str.format comes wrapped by the sandbox
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, str):
        return args
    name = getattr(method, "__name__", "")
    if any(_whole(v) and v > MAX_TEXT for v in (*args, *kwargs.values())):
        raise TemplateLimitError(f"asks {name}() for more than {MAX_TEXT:,} characters")
    if name in ("format", "format_map"):
        for _, _, spec, _ in string.Formatter().parse(owner):
            if spec:
                _check_width(spec)
    elif name == "replace" and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        count = owner.count(old) if old else len(owner) + 1
        if len(owner) + count * (len(new) - len(old)) > MAX_TEXT:
            raise TemplateLimitError(f"replaces its way past {MAX_TEXT:,} characters")
    elif name == "join" and args:
        items = list(args[0])
        if size(items) + len(owner) * max(0, len(items) - 1) > MAX_TEXT:
            raise TemplateLimitError(f"joins texts beyond {MAX_TEXT:,} characters")
        return (items, *args[1:])
    return args


class BoundedNamespace(Namespace):
    """``namespace()``, whose values obey the size bound (a loop cannot double one forever)."""

    def __setitem__(self, name: str, value: Any) -> None:
        _too_big(value, "keeps")
        super().__setitem__(name, value)


def _loop_turns(iterable: Iterable[Any]) -> Iterator[Any]:
    budget = _BUDGET.get()
    if budget is None:
        yield from iterable
        return
    for item in iterable:
        budget.turns += 1
        if budget.turns > MAX_LOOP_TURNS:
            raise TemplateLimitError(f"loops more than {MAX_LOOP_TURNS:,} times")
        _check_time(budget)
        yield item


def _printed(value: Any) -> str:
    _too_big(value, "prints")
    text = str(value)
    budget = _BUDGET.get()
    if budget is not None:
        budget.printed += len(text)
        if budget.printed > MAX_OUTPUT:
            raise TemplateLimitError(f"prints more than {MAX_OUTPUT:,} characters")
        _check_time(budget)
    return text


def _sized(value: Any) -> Any:
    _too_big(value, "builds")
    return value


@pass_eval_context
def _join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> str:
    items = list(value)
    if size(items) + len(str(d)) * max(0, len(items) - 1) > MAX_TEXT:
        raise TemplateLimitError(f"joins texts beyond {MAX_TEXT:,} characters")
    return str(do_join(eval_ctx, items, d, attribute))


@pass_eval_context
def _replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: int | None = None) -> str:
    text, old, new = str(s), str(old), str(new)
    found = text.count(old) if old else len(text) + 1
    if count is not None:
        found = min(found, max(count, 0))
    if len(text) + found * (len(new) - len(old)) > MAX_TEXT:
        raise TemplateLimitError(f"replaces its way past {MAX_TEXT:,} characters")
    return do_replace(eval_ctx, text, old, new, count)


BOUNDED_FILTERS: dict[str, Callable[..., Any]] = {
    _LOOP_GUARD: _loop_turns,
    _PRINTED: _printed,
    _SIZED: _sized,
    "join": _join,
    "replace": _replace,
}


def _wrap(node: nodes.Expr, name: str) -> nodes.Filter:
    return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)


class _Guards(NodeTransformer):
    """Routes every loop, printed value and built list or table through the checks above."""

    def visit_For(self, node: nodes.For) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        node.iter = _wrap(node.iter, _LOOP_GUARD)  # type: ignore[arg-type]
        return node

    def visit_Output(self, node: nodes.Output) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        node.nodes = [_wrap(child, _PRINTED) for child in node.nodes]
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        node.nodes = [_wrap(child, _PRINTED) for child in node.nodes]
        return node

    def _built(self, node: nodes.Expr) -> nodes.Node:
        self.generic_visit(node)
        if getattr(node, "ctx", "load") != "load":
            return node  # an assignment target, such as {% for a, b in pairs %}
        return _wrap(node, _SIZED)

    visit_List = visit_Tuple = visit_Dict = _built  # noqa: N815 - Jinja's visitor names


class BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with the loop, print and size checks put into the template."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:  # noqa: N802
        _Guards().visit(node)
        super().visit_Template(node, frame)


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the bounds of this module."""

    code_generator_class = BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        args = _check_call(obj, args, kwargs)
        budget = _BUDGET.get()
        if budget is None:
            return super().call(context, obj, *args, **kwargs)
        _check_time(budget)
        budget.depth += 1
        try:
            if budget.depth > MAX_DEPTH:
                raise TemplateLimitError(
                    f"calls macros or partials more than {MAX_DEPTH} deep (does one call itself?)"
                )
            return super().call(context, obj, *args, **kwargs)
        finally:
            budget.depth -= 1
