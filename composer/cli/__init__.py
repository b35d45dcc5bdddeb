"""The command line (``python -m composer``): argument parsing and printing, kept apart from the
domain."""
