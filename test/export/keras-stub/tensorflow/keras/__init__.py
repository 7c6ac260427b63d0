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
class _Initializer:
    """keras.initializers.Initializer: subclasses define __call__(shape, dtype)."""


class _Random(_Initializer):
    def __init__(self, **config):
        self.config = config

    def __call__(self, shape, dtype=None, **kwargs):
        return np.zeros(shape)


class RandomNormal(_Random):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(mean=mean, stddev=stddev)


class RandomUniform(_Random):
    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        super().__init__(minval=minval, maxval=maxval)


initializers = SimpleNamespace(Initializer=_Initializer, RandomNormal=RandomNormal, RandomUniform=RandomUniform)


def InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate, staircase=False):
    return SimpleNamespace(kind="InverseTimeDecay", initial_learning_rate=initial_learning_rate,
                           decay_steps=decay_steps, decay_rate=decay_rate, staircase=staircase)


optimizers.schedules = SimpleNamespace(InverseTimeDecay=InverseTimeDecay)


def register_keras_serializable(package="Custom", name=None):
    return lambda cls: cls


utils = SimpleNamespace(set_random_seed=lambda seed: None, register_keras_serializable=register_keras_serializable)
