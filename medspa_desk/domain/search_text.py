"""How names are folded so that "nunez" finds "Núñez" and "obrien" finds "O'Brien"."""

from __future__ import annotations

import unicodedata

_DROPPED = str.maketrans("", "", "'’`.-")
# Letters that Unicode does not decompose into a base letter and a mark.
_SPELLED_OUT = str.maketrans({"đ": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe"})


def fold_for_search(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.translate(_SPELLED_OUT).translate(_DROPPED).split())


def phone_digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())
