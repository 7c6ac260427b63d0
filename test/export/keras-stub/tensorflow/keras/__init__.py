"""keras.Input, keras.Model, optimizers, losses and utils of the numpy stand-in."""
from types import SimpleNamespace

import numpy as np

from . import layers


def Input(shape, dtype=None, name=None):
    return layers.KerasTensor(tuple(shape), dtype=dtype)


class Model:
    def __init__(self, inputs, outputs, name=None):
        self.inputs, self.outputs, self.name = inputs, outputs, name
        self.layers = []
        self._collect(outputs)
        self.compiled = None

    def _collect(self, t):
        for s in t.inputs:
            self._collect(s)
        if t.layer is not None and t.layer not in self.layers:
            self.layers.append(t.layer)

    def get_layer(self, name):
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError(f"No such layer: {name}")

    def __call__(self, x, training=False):
        memo = {id(self.inputs): np.asarray(x)}

        def value(t):
            if id(t) not in memo:
                memo[id(t)] = t.layer.compute([value(s) for s in t.inputs])
            return memo[id(t)]

        return value(self.outputs)

    def compile(self, optimizer, loss, metrics=None):
        self.compiled = (optimizer, loss, metrics)


def _optimizer(kind, **defaults):
    def make(learning_rate=0.001, clipnorm=None, clipvalue=None, global_clipnorm=None, **kwargs):
        unknown = set(kwargs) - set(defaults)
        if unknown:
            raise TypeError(f"{kind}() got unexpected keyword arguments {sorted(unknown)}")
        return SimpleNamespace(kind=kind, learning_rate=learning_rate, **{**defaults, **kwargs})

    return make


optimizers = SimpleNamespace(
    SGD=_optimizer("SGD", momentum=0.0, nesterov=False),
    Adagrad=_optimizer("Adagrad", initial_accumulator_value=0.1, epsilon=1e-7),
    RMSprop=_optimizer("RMSprop", rho=0.9, momentum=0.0, epsilon=1e-7, centered=False),
    Adam=_optimizer("Adam", beta_1=0.9, beta_2=0.999, epsilon=1e-7),
)
losses = SimpleNamespace(
    SparseCategoricalCrossentropy=lambda: "sparse_categorical_crossentropy",
    BinaryCrossentropy=lambda: "binary_crossentropy",
    MeanSquaredError=lambda: "mean_squared_error",
)
utils = SimpleNamespace(set_random_seed=lambda seed: None)
