"""The keys an import has seen so far, with the line each was first seen on, in arrays.

A national DfE file has half a million keys. In a dict each costs a hash slot and two integer
objects (about 100 bytes); here a key and its line cost 12 bytes, so checking a whole file for
repeated rows holds about 7 MB instead of about 50 MB.
"""

from __future__ import annotations

import numpy as np


class SeenKeys:
    """Packed integer keys, kept sorted, and the line each was first seen on."""

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.int64)
        self._lines = np.empty(0, dtype=np.int32)

    def __len__(self) -> int:
        return len(self._keys)

    def repeats(self, keys: np.ndarray, lines: np.ndarray) -> np.ndarray:
        """For each of a chunk's keys (lines ascending), the line it repeats, or 0 when it is
        the first; the chunk's new keys are then remembered."""
        earlier = self._lines_of(keys)
        unique, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        within = lines[first][inverse]  # the first line of each key in this chunk
        earlier = np.where((earlier == 0) & (within != lines), within, earlier)
        self._remember(unique, lines[first])
        return earlier

    def _lines_of(self, keys: np.ndarray) -> np.ndarray:
        """The line each key was first seen on in an earlier chunk, or 0."""
        at = np.searchsorted(self._keys, keys)
        inside = at < len(self._keys)
        found = np.zeros(len(keys), dtype=np.int32)
        hit = inside.copy()
        hit[inside] = self._keys[at[inside]] == keys[inside]
        found[hit] = self._lines[at[hit]]
        return found

    def _remember(self, unique: np.ndarray, lines: np.ndarray) -> None:
        new = self._lines_of(unique) == 0
        at = np.searchsorted(self._keys, unique[new])
        self._keys = np.insert(self._keys, at, unique[new])
        self._lines = np.insert(self._lines, at, lines[new].astype(np.int32))
