"""The clients: their records, search, profile and standing, consent, and the privacy rights."""
