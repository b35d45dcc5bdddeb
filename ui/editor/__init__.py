"""The reply editor: the seller writes and changes their own replies in the app."""
