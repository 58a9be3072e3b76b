"""The clinic itself: its settings, its published policies, its staff."""
