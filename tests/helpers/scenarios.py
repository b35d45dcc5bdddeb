"""The shipped templates and sample scenario files tests write into their own folders."""

from __future__ import annotations

from composer import paths

SHIPPED = paths.shipped_templates_dir()

SHIPPED_CATEGORIES = {  # every shipped scenario, by id: its category
    "unpaid-reminder": "payment",
    "shipped-update": "shipping",
    "shipping-delay": "shipping",
    "holiday-notice": "shipping",
    "not-received": "delivery",
    "late-delivery": "delivery",
    "returning-to-sender": "delivery",
    "address-change": "delivery",
    "unwanted-order": "after-sales",
    "missing-items": "after-sales",
    "damaged-item": "after-sales",
    "return-instructions": "after-sales",
    "negative-review": "reviews",
    "dispute-opened": "reviews",
    # The second edition.
    "presale-question": "presale",
    "cancel-request": "payment",
    "out-of-stock": "payment",
    "invoice-request": "payment",
    "where-is-my-order": "delivery",
    "partial-shipment": "shipping",
    "customs-charges": "delivery",
    "wrong-item": "after-sales",
    "refund-status": "after-sales",
    "defect-after-use": "after-sales",
    "feedback-request": "reviews",
    "angry-buyer": "reviews",
}

MINIMAL = """
    id = "thanks"
    category = "after-sales"
    keywords = ["thanks"]

    [title]
    en = "Thank you"
    zh = "感谢"

    [[fields]]
    name = "buyer_name"

    [[fields]]
    name = "total"
    type = "money"
    example = "13 USD"
    label = { en = "Total", zh = "总额" }

    [reply.en]
    subject = "Thanks, {{ buyer_name }}"
    body = \"\"\"
    {{ partial("greeting") }}

    Thank you for paying {{ total }}.
    \"\"\"

    [reply.zh]
    subject = "谢谢，{{ buyer_name }}"
    body = \"\"\"
    {{ partial("greeting") }}

    感谢您支付{{ total }}。
    \"\"\"
"""
"""A small valid scenario file that tests break in one place at a time."""

DISPUTE = """
    id = "item-damaged"
    category = "after-sales"
    keywords = ["damaged"]

    [title]
    en = "Damaged item"
    zh = "商品破损"

    [[fields]]
    name = "remedy"
    type = "choice"
    default = "partial-refund"
    label = { en = "Remedy", zh = "处理方式" }
    options = [
        { key = "partial-refund", label = { en = "Partial refund", zh = "部分退款" } },
        { key = "full-refund", label = { en = "Full refund", zh = "全额退款" } },
    ]

    [[fields]]
    name = "order_total"
    type = "money"
    example = "40 USD"
    label = { en = "Order total", zh = "订单金额" }

    [[fields]]
    name = "refund"
    type = "money"
    required = false
    label = { en = "Refund", zh = "退款金额" }

    [advisor]
    problem = "damaged"
    field = "remedy"
    refund_field = "refund"
    options = { partial-refund = "partial-refund", full-refund = "full-refund" }
    inputs = { order_value = "order_total" }

    [reply.en]
    body = "{{ remedy }} {{ order_total }} {{ refund }}"

    [reply.zh]
    body = "{{ remedy }} {{ order_total }} {{ refund }}"
"""
"""A scenario with an advisor link, for the advisor and the checks panel."""
