"""The reply history window."""
