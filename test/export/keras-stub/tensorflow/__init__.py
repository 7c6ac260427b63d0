"""A small numpy stand-in for the parts of tf.keras that Backprop Studio's Keras export uses.

TensorFlow is not installed on the build machine. This stub lets the tests RUN an exported Keras
file: it follows Keras's documented conventions (kernels [in, out], LSTM gates i, f, c, o, GRU
gates z, r, h with reset_after=True and a [2, 3H] bias, Bidirectional = forward weights then
backward weights, backward sequence re-aligned to positions) and rejects unknown keyword
arguments. It is our model of Keras, not Keras: it checks the export's weight conversion and
wiring, not TensorFlow itself.
"""
import numpy as _np

from . import keras  # noqa: F401


def constant(value, dtype=None):
    return _np.asarray(value, dtype=_np.float64)
