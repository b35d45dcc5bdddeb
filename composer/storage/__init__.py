"""The seller's own data on disk: snippets, profile and reply history in TinyDB files written
atomically under a lock."""
