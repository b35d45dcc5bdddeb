"""The seller's profile: its dialog and the first start's welcome."""
