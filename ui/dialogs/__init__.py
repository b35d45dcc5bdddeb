"""Dialogs: yes/no questions, help (shortcuts, about), the remedy advisor."""
