"""Scenarios from template files, and rendering them: loading, fields, the sandboxed Jinja
environment and its bounds, formatting, dates, validation, the start-up cache."""
