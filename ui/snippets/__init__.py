"""The snippet library in the window: panel, list model, edit dialog."""
