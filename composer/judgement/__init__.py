"""The seller's judgement: pre-send checks of a draft, the platforms' message rules, the remedy
advisor."""
