"""The stage maps' quick formatter writes what format_number writes, and finds the
widest text without writing them all."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gui.common.number_format import format_number, format_numbers, widest_candidates

values = arrays(np.float32, st.integers(0, 40),
                elements=st.one_of(
                    st.floats(-1e7, 1e7, width=32),
                    st.sampled_from([0.0, -0.0, -0.004, 0.005, -0.005, -0.05, 0.5, -2.5,
                                     999999.0, -999999.0, 1e6, 9.996, -9.996])))


@settings(max_examples=300, deadline=None)
@given(values, st.integers(0, 2))
def test_format_numbers_writes_each_value_as_format_number_does(array, decimals):
    assert format_numbers(array, decimals) == [format_number(v, decimals) for v in array]


@settings(max_examples=300, deadline=None)
@given(values, st.integers(0, 2))
def test_the_widest_text_is_among_the_candidates(array, decimals):
    texts = format_numbers(array, decimals)
    candidates = widest_candidates(array, decimals)
    assert set(candidates) <= set(texts)
    # Digits are equally wide in the app's fonts: the longest text is the widest.
    assert max(map(len, candidates), default=0) == max(map(len, texts), default=0)


def test_shapes_are_read_row_major():
    grid = np.array([[1.0, -2.25], [0.5, -0.0]], np.float32)
    assert format_numbers(grid, 2) == ["1", "\u22122.25", "0.50", "0"]
