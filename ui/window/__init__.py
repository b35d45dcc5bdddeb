"""The main window: its view, its behaviour, the draft controller, its settings, the seller's
data attached to it."""
