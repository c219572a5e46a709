"""The array-backed record of keys an import has seen agrees with the obvious dict."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from inclusion.graduated_response.imports.seen_keys import SeenKeys

chunks = st.lists(st.lists(st.integers(0, 40), max_size=30), max_size=8)


def dict_repeats(all_chunks: list[list[int]]) -> list[list[int]]:
    """What `seen.setdefault(key, line)` said, line by line: the line repeated, or 0."""
    seen: dict[int, int] = {}
    said, line = [], 2
    for chunk in all_chunks:
        found = []
        for key in chunk:
            earlier = seen.setdefault(key, line)
            found.append(0 if earlier == line else earlier)
            line += 1
        said.append(found)
    return said


def array_repeats(all_chunks: list[list[int]]) -> list[list[int]]:
    seen, said, line = SeenKeys(), [], 2
    for chunk in all_chunks:
        lines = np.arange(line, line + len(chunk), dtype=np.int64)
        said.append(seen.repeats(np.array(chunk, dtype=np.int64), lines).tolist())
        line += len(chunk)
    return said


@settings(max_examples=300, deadline=None)
@given(chunks)
def test_each_repeat_names_the_line_its_key_was_first_seen_on_as_a_dict_would(all_chunks):
    assert array_repeats(all_chunks) == dict_repeats(all_chunks)


def test_keys_repeated_within_a_chunk_and_across_chunks_name_the_first_line():
    assert array_repeats([[7, 9, 7], [9, 1, 7]]) == [[0, 0, 2], [3, 0, 2]]


def test_it_holds_each_key_once():
    seen = SeenKeys()
    seen.repeats(np.array([5, 5, 3], dtype=np.int64), np.array([2, 3, 4], dtype=np.int64))
    seen.repeats(np.array([3, 8], dtype=np.int64), np.array([5, 6], dtype=np.int64))
    assert len(seen) == 3
