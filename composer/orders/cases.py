"""Cases: everything about one order's problem, in ``cases.json``; and the dispute rate.

A case holds the buyer's messages, the replies the seller copied (from the reply history),
the remedy chosen and what it cost, a status (open, waiting for the buyer, resolved,
disputed) and an eight-step complaint-handling checklist. Once a case has been disputed it
counts in the platform's dispute rate, even after it is resolved: platforms count disputes
opened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from composer.orders.model import Order
from composer.storage.database import Store
from composer.storage.file_format import Schema, nests_within
from composer.templating.fields import Money

CASES = "cases"
STATUSES = ("open", "waiting", "resolved", "disputed")
STATUS_LABELS: Mapping[str, Mapping[str, str]] = {
    "open": {"en": "Open", "zh": "处理中"},
    "waiting": {"en": "Waiting for the buyer", "zh": "等待买家回复"},
    "resolved": {"en": "Resolved", "zh": "已解决"},
    "disputed": {"en": "Disputed", "zh": "已升级为纠纷"},
}
STEPS: tuple[tuple[str, Mapping[str, str]], ...] = (
    ("record", {"en": "Write down the complaint in full", "zh": "详细记录投诉内容"}),
    ("justified", {"en": "Decide whether it is justified", "zh": "判断投诉是否属实"}),
    ("owner", {"en": "Decide who handles it", "zh": "确定负责处理的部门或人员"}),
    ("cause", {"en": "Find the cause and who is responsible", "zh": "分析投诉原因和责任人"}),
    ("solution", {"en": "Propose a solution", "zh": "提出具体解决方案"}),
    ("approval", {"en": "Have the solution approved", "zh": "提交主管审批"}),
    (
        "carry-out",
        {
            "en": "Carry it out, tell the buyer, ask for feedback",
            "zh": "执行方案，通知买家并收集反馈",
        },
    ),
    (
        "lessons",
        {
            "en": "Note what to change so it does not happen again",
            "zh": "总结经验教训，防止再次发生",
        },
    ),
)
STEP_KEYS = tuple(key for key, _ in STEPS)
MAX_TEXT = 20_000


class CaseError(ValueError):
    """A change a case cannot take (an unknown status, step or case); the message says which."""


def _case_problem(doc: Any) -> str | None:
    if not isinstance(doc.get("platform"), str) or not isinstance(doc.get("order_id"), str):
        return "a case needs a platform and an order number"
    if doc.get("status") not in STATUSES:
        return f"its status {doc.get('status')!r} is not one of {', '.join(STATUSES)}"
    for name in ("messages", "replies", "steps"):
        if not isinstance(doc.get(name, []), list):
            return f"its {name} must be a list"
    try:
        _case(0, doc)
    except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation) as exc:
        return f"it cannot be read as a case ({exc})"
    return None if nests_within(doc, 6) else "it nests too deeply"


SCHEMA = Schema(
    name="cases",
    title="cases",
    version=1,
    tables=frozenset({CASES}),
    documents={CASES: _case_problem},
)


@dataclass(frozen=True)
class Message:
    """Something the buyer wrote (pasted from the platform's messages)."""

    time: dt.datetime
    text: str


@dataclass(frozen=True)
class CopiedReply:
    """A reply the seller copied, as the reply history kept it."""

    time: dt.datetime
    history_id: int
    scenario: str
    text: str


@dataclass(frozen=True)
class Case:
    """One order's problem and how it is being handled."""

    id: int
    platform: str
    order_id: str
    buyer_name: str
    status: str
    opened_at: dt.datetime
    changed_at: dt.datetime
    disputed_at: dt.datetime | None = None
    messages: tuple[Message, ...] = ()
    replies: tuple[CopiedReply, ...] = ()
    remedy: str = ""
    remedy_cost: Money | None = None
    remedy_at: dt.datetime | None = None
    steps: tuple[str, ...] = ()  # the checklist's steps done, in STEPS order

    @property
    def order_key(self) -> str:
        return f"{self.platform}:{self.order_id}"


def _time(raw: Any) -> dt.datetime | None:
    return dt.datetime.fromisoformat(raw) if raw else None


def _case(doc_id: int, doc: Mapping[str, Any]) -> Case:
    cost = doc.get("remedy_cost")
    opened = _time(doc["opened_at"])
    assert opened is not None
    return Case(
        id=doc_id,
        platform=doc["platform"],
        order_id=doc["order_id"],
        buyer_name=str(doc.get("buyer_name") or ""),
        status=doc["status"],
        opened_at=opened,
        changed_at=_time(doc.get("changed_at")) or opened,
        disputed_at=_time(doc.get("disputed_at")),
        messages=tuple(
            Message(_time(m["time"]) or opened, str(m["text"])) for m in doc.get("messages", [])
        ),
        replies=tuple(
            CopiedReply(
                _time(r["time"]) or opened, int(r["history_id"]), str(r["scenario"]), str(r["text"])
            )
            for r in doc.get("replies", [])
        ),
        remedy=str(doc.get("remedy") or ""),
        remedy_cost=Money(Decimal(cost["amount"]), str(cost["currency"])) if cost else None,
        remedy_at=_time(doc.get("remedy_at")),
        steps=tuple(s for s in STEP_KEYS if s in doc.get("steps", [])),
    )


def to_json(case: Case) -> dict[str, Any]:
    """A case as JSON, for ``cases show --json``."""
    return {
        "id": case.id,
        "platform": case.platform,
        "order_id": case.order_id,
        "buyer_name": case.buyer_name,
        "status": case.status,
        "opened_at": case.opened_at.isoformat(),
        "changed_at": case.changed_at.isoformat(),
        "disputed_at": case.disputed_at.isoformat() if case.disputed_at else None,
        "messages": [{"time": m.time.isoformat(), "text": m.text} for m in case.messages],
        "replies": [
            {
                "time": r.time.isoformat(),
                "history_id": r.history_id,
                "scenario": r.scenario,
                "text": r.text,
            }
            for r in case.replies
        ],
        "remedy": case.remedy,
        "remedy_cost": {
            "amount": str(case.remedy_cost.amount),
            "currency": case.remedy_cost.currency,
        }
        if case.remedy_cost
        else None,
        "remedy_at": case.remedy_at.isoformat() if case.remedy_at else None,
        "steps": {key: key in case.steps for key in STEP_KEYS},
    }


def _text(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise CaseError(f"{what}: the text is empty")
    if len(text) > MAX_TEXT:
        raise CaseError(f"{what}: {len(text):,} characters is too long (at most {MAX_TEXT:,})")
    return text


class CaseStore(Store):
    """The seller's cases in ``cases.json``; each change is one locked, atomic write."""

    schema = SCHEMA

    def __init__(self, path: Path, **options: Any) -> None:
        """``options``: as for ``Store`` (the lock's timeout, the clock)."""
        super().__init__(path, **options)
        self._cases = self.table(CASES)

    def _now(self) -> str:
        return self.clock().replace(microsecond=0).isoformat()

    def cases(self, status: str = "", search: str = "") -> list[Case]:
        """Cases (with ``status``, for an order or buyer containing ``search``), newest first."""
        raw = self.storage.read().get(CASES, {})
        found = [_case(int(i), doc) for i, doc in raw.items()]
        if status:
            found = [c for c in found if c.status == status]
        wanted = search.casefold().strip()
        if wanted:
            found = [
                c
                for c in found
                if wanted in c.order_id.casefold() or wanted in c.buyer_name.casefold()
            ]
        return sorted(found, key=lambda c: (c.opened_at, c.id), reverse=True)

    def get(self, case_id: int) -> Case:
        """The case numbered ``case_id``; raises CaseError when there is none."""
        doc = self.storage.read().get(CASES, {}).get(str(case_id))
        if doc is None:
            raise CaseError(f"there is no case {case_id}")
        return _case(case_id, doc)

    def open(self, order: Order, message: str = "") -> Case:
        """A new case for ``order``; raises CaseError when it already has one not resolved."""
        with self.transaction():
            for case in self.cases():
                if case.order_key == order.key and case.status != "resolved":
                    raise CaseError(
                        f"order {order.order_id} already has case {case.id} ({case.status})"
                    )
            now = self._now()
            doc: dict[str, Any] = {
                "platform": order.platform,
                "order_id": order.order_id,
                "buyer_name": order.buyer_name or order.buyer_id,
                "status": "open",
                "opened_at": now,
                "changed_at": now,
                "messages": [{"time": now, "text": _text(message, "message")}]
                if message.strip()
                else [],
                "replies": [],
                "steps": ["record"] if message.strip() else [],
            }
            case_id = self._cases.insert(doc)
        return self.get(case_id)

    def _change(self, case_id: int, change: Mapping[str, Any]) -> Case:
        with self.transaction():
            raw = self.storage.read().get(CASES, {}).get(str(case_id))
            if raw is None:
                raise CaseError(f"there is no case {case_id}")
            self._cases.update({**change, "changed_at": self._now()}, doc_ids=[case_id])
        return self.get(case_id)

    def set_status(self, case_id: int, status: str) -> Case:
        """Move a case to ``status``; the first dispute is remembered for the dispute rate."""
        if status not in STATUSES:
            raise CaseError(f"status: {status!r} is not one of {', '.join(STATUSES)}")
        change: dict[str, Any] = {"status": status}
        if status == "disputed" and self.get(case_id).disputed_at is None:
            change["disputed_at"] = self._now()
        return self._change(case_id, change)

    def add_message(self, case_id: int, text: str) -> Case:
        """Keep a message the buyer wrote."""
        case = self.get(case_id)
        messages = [{"time": m.time.isoformat(), "text": m.text} for m in case.messages]
        messages.append({"time": self._now(), "text": _text(text, "message")})
        return self._change(case_id, {"messages": messages})

    def add_reply(self, case_id: int, history_id: int, scenario: str, text: str) -> Case:
        """Keep a copied reply (a history record's id, scenario and text)."""
        case = self.get(case_id)
        replies = [
            {
                "time": r.time.isoformat(),
                "history_id": r.history_id,
                "scenario": r.scenario,
                "text": r.text,
            }
            for r in case.replies
        ]
        replies.append(
            {
                "time": self._now(),
                "history_id": history_id,
                "scenario": scenario,
                "text": _text(text, "reply"),
            }
        )
        return self._change(case_id, {"replies": replies})

    def set_remedy(self, case_id: int, remedy: str, cost: Money) -> Case:
        """The remedy chosen (an advisor remedy key) and what it costs the seller."""
        from composer.judgement.remedies import REMEDIES

        if remedy not in REMEDIES:
            raise CaseError(f"remedy: {remedy!r} is not one of {', '.join(REMEDIES)}")
        money = {"amount": str(cost.amount), "currency": cost.currency}
        return self._change(
            case_id, {"remedy": remedy, "remedy_cost": money, "remedy_at": self._now()}
        )

    def mark_step(self, case_id: int, step: str, done: bool = True) -> Case:
        """Tick (or untick) a step of the checklist."""
        if step not in STEP_KEYS:
            raise CaseError(f"step: {step!r} is not one of {', '.join(STEP_KEYS)}")
        steps = set(self.get(case_id).steps)
        steps = steps | {step} if done else steps - {step}
        return self._change(case_id, {"steps": [s for s in STEP_KEYS if s in steps]})


@dataclass(frozen=True)
class DisputeRate:
    """Disputed orders over orders placed on one platform in the last ``days`` days."""

    platform: str
    days: int
    orders: int
    disputed: int

    @property
    def rate(self) -> float | None:
        """The share of orders disputed (0.02 is 2 %); None with no orders in the window."""
        return self.disputed / self.orders if self.orders else None


def _day(moment: dt.datetime) -> dt.date:
    return moment.date()


def dispute_rates(
    orders: Iterable[Order],
    cases: Iterable[Case],
    today: dt.date,
    windows: Iterable[int] = (30, 90),
) -> list[DisputeRate]:
    """Per platform and window: the orders placed in the window, and how many were disputed."""
    disputed = {c.order_key for c in cases if c.disputed_at is not None}
    placed = [o for o in orders if o.ordered_at is not None]
    platforms = sorted({o.platform for o in placed})
    rates = []
    for platform in platforms:
        for days in windows:
            start = today - dt.timedelta(days=days)
            within = [
                o
                for o in placed
                if o.platform == platform and o.ordered_at and start < _day(o.ordered_at) <= today
            ]
            rates.append(
                DisputeRate(platform, days, len(within), sum(o.key in disputed for o in within))
            )
    return rates


def remedy_costs(cases: Iterable[Case]) -> dict[str, dict[str, Decimal]]:
    """What remedies cost per month (``"2026-03"``) and currency, oldest month first."""
    months: dict[str, dict[str, Decimal]] = {}
    for case in cases:
        if case.remedy_cost is None or case.remedy_at is None:
            continue
        month = months.setdefault(case.remedy_at.strftime("%Y-%m"), {})
        currency = case.remedy_cost.currency
        month[currency] = month.get(currency, Decimal(0)) + case.remedy_cost.amount
    return dict(sorted(months.items()))
