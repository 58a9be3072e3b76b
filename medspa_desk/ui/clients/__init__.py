"""The clients view: search, results and the profile of the client opened."""
