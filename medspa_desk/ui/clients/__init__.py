"""The clients view: search and results."""
