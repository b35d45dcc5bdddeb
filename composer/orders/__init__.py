"""Orders the seller imports from a platform's export, the buyers behind them, and cases.

Qt-free like the rest of ``composer``: ``model`` (an order), ``formats`` (which export is which),
``reading`` (CSV, TSV and Excel files as rows), ``importing`` (rows into orders, with a report),
``store`` (``orders.json``), ``fill`` (a reply's field values from an order), ``rfm`` (buyers
scored by recency, frequency and money) and ``cases`` (one order's problem, and the dispute
rate).
"""
