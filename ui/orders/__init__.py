"""Orders, buyers and cases in the window: import, find, fill, the tier, the case, charts."""
