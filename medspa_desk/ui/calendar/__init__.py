"""The calendar view: the day grid of every provider."""
