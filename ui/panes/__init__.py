"""The main window's panes: scenario picker, field form and editors, previews, guidance,
pre-send checks."""
