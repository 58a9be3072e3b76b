"""The root of every refusal the desk can show: what was asked for cannot be done, said in a
sentence the desk can act on. Kept in domain so that every layer, storage included, can raise one
without importing a layer above it."""

from __future__ import annotations


class DeskRefusal(Exception):
    """An action the desk asked for cannot be done; str() says why, for the desk."""
