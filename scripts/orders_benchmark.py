"""Time importing 10,000 orders (an Amazon order report) into a fresh data folder, and again.

Run: ``.venv/bin/python scripts/orders_benchmark.py [--orders N]``. Prints the time to read
and parse the file, to save the orders (one write), and to import the same file again (every
order unchanged), median of three runs each, and the size of orders.json.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from composer.orders.importing import import_file, parse_export
from composer.orders.store import OrderStore

HEADERS = (
    "order-id\torder-item-id\tpurchase-date\tbuyer-email\tbuyer-name\tsku\tproduct-name\t"
    "quantity-purchased\tcurrency\titem-price\tshipping-price\tship-postal-code\tship-country"
)


def export(path: Path, count: int) -> None:
    """An Amazon order report of ``count`` orders from about a thousand buyers."""
    lines = [HEADERS]
    for n in range(count):
        buyer = n % 997
        lines.append(
            f"{100 + n % 900}-{n:07d}-{n * 7 % 10_000_000:07d}\t{n}\t"
            f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T10:00:00+00:00\t"
            f"buyer{buyer}@marketplace.amazon.com\tBuyer {buyer}\tSKU-{n % 50}\t"
            f"Item number {n % 50}\t{1 + n % 3}\tUSD\t{5 + n % 40}.99\t3.49\t{10000 + buyer}\tUS"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    count = parser.parse_args().orders
    parse, first, again = [], [], []
    size = 0
    for _ in range(3):
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "orders.txt"
            export(source, count)
            start = time.perf_counter()
            parsed = parse_export(source)
            parse.append(time.perf_counter() - start)
            assert len(parsed.orders) == count, len(parsed.orders)
            store = OrderStore(Path(folder) / "data" / "orders.json")
            start = time.perf_counter()
            report = import_file(store, source)
            first.append(time.perf_counter() - start)
            assert len(report.added) == count
            start = time.perf_counter()
            report = import_file(store, source)
            again.append(time.perf_counter() - start)
            assert len(report.unchanged) == count
            size = store.path.stat().st_size
    print(f"{count:,} orders, median of 3:")
    print(f"  read and parse the file:           {statistics.median(parse):6.2f} s")
    print(f"  import into an empty data folder:  {statistics.median(first):6.2f} s")
    print(f"  import the same file again:        {statistics.median(again):6.2f} s")
    print(f"  orders.json: {size / 1024 / 1024:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
