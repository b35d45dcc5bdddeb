"""A small eBay orders report written for a test, its dates counted back from today, so that
the buyers' RFM tiers (which depend on today) come out the same on any day."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

_HEADER_TEXT = (
    "Sales Record Number,Order Number,Buyer Username,Buyer Name,Buyer Email,Buyer Note,"
    "Buyer Address 1,Buyer Address 2,Buyer City,Buyer State,Buyer Zip,Buyer Country,"
    "Ship To Name,Ship To Phone,Ship To Address 1,Ship To Address 2,Ship To City,"
    "Ship To State,Ship To Zip,Ship To Country,Item Number,Item Title,Custom Label,Quantity,"
    "Sold For,Shipping And Handling,Total Price,Payment Method,Sale Date,Paid On Date,"
    "Shipped On Date,Shipping Service,Tracking Number"
)
EBAY_HEADER = tuple(_HEADER_TEXT.split(","))

# user, name, country, item, price, shipping, days ago, tracking
ORDERS = [
    ("maria_es", "Maria Garcia", "Spain", "Ceramic table lamp", 38.0, 4.5, 3, "RR123456785CN"),
    ("maria_es", "Maria Garcia", "Spain", "Lamp shade", 22.0, 3.0, 20, ""),
    ("maria_es", "Maria Garcia", "Spain", "Vase", 45.0, 4.0, 45, ""),
    ("maria_es", "Maria Garcia", "Spain", "Candle set", 30.0, 3.0, 70, ""),
    ("tom_uk", "Tom Baker", "United Kingdom", "Leather wallet", 18.5, 2.5, 5, ""),
    ("anna.it", "Anna Rossi", "Italy", "Silk scarf", 20.0, 4.0, 200, ""),
    ("anna.it", "Anna Rossi", "Italy", "Scarf ring", 8.0, 2.0, 230, ""),
    ("anna.it", "Anna Rossi", "Italy", "Gloves", 15.0, 2.0, 260, ""),
    ("ivan_ru", "Ivan Petrov", "Russia", "Phone case", 9.0, 1.0, 300, ""),
    ("kim_kr", "Kim Minji", "South Korea", "Hair clip", 6.0, 1.0, 14, ""),
    ("luc_fr", "Luc Martin", "France", "Tea tin", 12.0, 2.0, 30, ""),
    ("luc_fr", "Luc Martin", "France", "Teapot", 25.0, 3.0, 40, ""),
]


def order_number(index: int) -> str:
    """The eBay order number of ``ORDERS[index]``: ``12-34567-8900N``."""
    return f"12-34567-{89000 + index:05d}"


def write_ebay_report(path: Path, today: dt.date | None = None) -> Path:
    """Write the report: twelve orders from six buyers; Maria Garcia is the best buyer."""
    today = today or dt.date.today()
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow([])  # eBay's report starts with a blank line
        writer.writerow(EBAY_HEADER)
        for index, (user, name, country, item, price, ship, days, tracking) in enumerate(ORDERS):
            sold = today - dt.timedelta(days=days)
            shipped = sold + dt.timedelta(days=1)
            row = dict.fromkeys(EBAY_HEADER, "")
            row.update({
                "Sales Record Number": str(1000 + index),
                "Order Number": order_number(index),
                "Buyer Username": user,
                "Buyer Name": name,
                "Ship To Name": name,
                "Ship To Country": country,
                "Item Title": item,
                "Quantity": "1",
                "Sold For": f"€{price:.2f}",
                "Shipping And Handling": f"€{ship:.2f}",
                "Total Price": f"€{price + ship:.2f}",
                "Sale Date": sold.strftime("%b-%d-%y"),
                "Shipped On Date": shipped.strftime("%b-%d-%y"),
                "Shipping Service": "China Post" if tracking else "",
                "Tracking Number": tracking,
            })  # fmt: skip
            writer.writerow([row[h] for h in EBAY_HEADER])
        writer.writerow(["3 record(s) downloaded"])
    return path


def write_unknown_export(path: Path) -> Path:
    """A shop's own spreadsheet, in columns no platform uses: it needs a mapping."""
    path.write_text(
        "Ref,Client,Land,Article,Qty,Unit,Date\n"
        "A-17,Emma Schmidt,Deutschland,Wool hat,1,19.90,2026-03-05\n"
        "A-18,Pierre Dubois,France,Gloves,2,9.50,2026-03-06\n",
        encoding="utf-8",
    )
    return path
