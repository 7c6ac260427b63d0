"""Keras layers of the numpy stand-in, computed in float64 with Keras's weight layouts."""
import copy

import numpy as np


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


ACTIVATIONS = {
    None: lambda z: z,
    "linear": lambda z: z,
    "relu": lambda z: np.maximum(z, 0.0),
    "sigmoid": _sigmoid,
    "tanh": np.tanh,
}


class _WeightRef:
    """What add_weight returns: reads the layer's current value of that weight (set_weights replaces it)."""

    def __init__(self, layer, index):
        self.layer, self.index = layer, index

    def __getitem__(self, key):
        return self.layer.weights[self.index][key]


class KerasTensor:
    def __init__(self, shape, layer=None, inputs=(), dtype=None):
        self.shape, self.layer, self.inputs, self.dtype = shape, layer, list(inputs), dtype


INITIALIZER_NAMES = {"zeros", "he_uniform", "glorot_uniform", "orthogonal"}


def _check_initializer(init):
    """Keras takes a known name or an initializer object; anything else is an error."""
    if init is None or callable(init) or init in INITIALIZER_NAMES:
        return init
    raise ValueError(f"Unknown initializer: {init!r}")


class Layer:
    def __init__(self, name=None, kernel_initializer=None, recurrent_initializer=None, bias_initializer=None):
        self.name = name
        self.weights = []
        self.initializers = {
            "kernel": _check_initializer(kernel_initializer),
            "recurrent": _check_initializer(recurrent_initializer),
            "bias": _check_initializer(bias_initializer),
        }

    def __call__(self, inputs):
        ins = inputs if isinstance(inputs, list) else [inputs]
        shapes = [t.shape for t in ins]
        if type(self).build is not Layer.build:
            # a user-defined layer (build / add_weight / call), as Keras runs subclasses
            self.weights = []
            self.build((None,) + shapes[0])
        else:
            self.weights = [np.zeros(s) for s in self.weight_shapes(shapes)]
        bias = getattr(self, "initializers", {}).get("bias")
        if callable(bias) and self.weights:  # the initial bias, as Keras builds it (the last weight)
            self.weights[-1] = np.asarray(bias(self.weights[-1].shape), dtype=np.float64)
        return KerasTensor(self.output_shape(shapes), self, ins)

    def build(self, input_shape):
        pass

    def add_weight(self, name=None, shape=None, initializer=None):
        self.weights.append(np.zeros(shape))
        return _WeightRef(self, len(self.weights) - 1)

    def compute(self, xs):
        return self.call(xs[0])

    def weight_shapes(self, input_shapes):
        return []

    def output_shape(self, input_shapes):
        return input_shapes[0]

    def get_weights(self):
        return [w.copy() for w in self.weights]

    def set_weights(self, arrays):
        if len(arrays) != len(self.weights):
            raise ValueError(f"layer {self.name} expects {len(self.weights)} weights, got {len(arrays)}")
        for w, a in zip(self.weights, arrays):
            if tuple(w.shape) != tuple(np.shape(a)):
                raise ValueError(f"layer {self.name}: weight shape {w.shape} is not compatible with {np.shape(a)}")
        self.weights = [np.array(a, dtype=np.float64) for a in arrays]


class Dense(Layer):
    def __init__(self, units, activation=None, use_bias=True, name=None, **init):
        super().__init__(name, **init)
        self.units, self.activation, self.use_bias = units, ACTIVATIONS[activation], use_bias

    def weight_shapes(self, shapes):
        k = (shapes[0][-1], self.units)
        return [k, (self.units,)] if self.use_bias else [k]

    def output_shape(self, shapes):
        return shapes[0][:-1] + (self.units,)

    def compute(self, xs):
        z = xs[0] @ self.weights[0]
        return self.activation(z + self.weights[1] if self.use_bias else z)


class Embedding(Layer):
    def __init__(self, input_dim, output_dim, name=None):
        super().__init__(name)
        self.input_dim, self.output_dim = input_dim, output_dim

    def weight_shapes(self, shapes):
        return [(self.input_dim, self.output_dim)]

    def output_shape(self, shapes):
        return shapes[0] + (self.output_dim,)

    def compute(self, xs):
        return self.weights[0][np.asarray(xs[0]).astype(np.int64)]


class Softmax(Layer):
    def __init__(self, axis=-1, name=None):
        super().__init__(name)
        self.axis = axis

    def compute(self, xs):
        e = np.exp(xs[0] - xs[0].max(axis=self.axis, keepdims=True))
        return e / e.sum(axis=self.axis, keepdims=True)


class Concatenate(Layer):
    def __init__(self, axis=-1, name=None):
        super().__init__(name)
        self.axis = axis

    def output_shape(self, shapes):
        return shapes[0][:-1] + (sum(s[-1] for s in shapes),)

    def compute(self, xs):
        return np.concatenate(xs, axis=self.axis)


class Add(Layer):
    def compute(self, xs):
        return sum(xs[1:], xs[0])


class _Recurrent(Layer):
    """Loops step() over time from zero state; go_backwards reads the sequence from the end and
    returns outputs in processing order (as Keras does)."""

    gates = 1

    def __init__(self, units, return_sequences=False, name=None, **init):
        super().__init__(name, **init)
        self.units, self.return_sequences, self.go_backwards = units, return_sequences, False

    def weight_shapes(self, shapes):
        g = self.gates * self.units
        return [(shapes[0][-1], g), (self.units, g), self.bias_shape()]

    def bias_shape(self):
        return (self.gates * self.units,)

    def output_shape(self, shapes):
        return (shapes[0][0], self.units) if self.return_sequences else (self.units,)

    def compute(self, xs):
        x = xs[0]
        steps = range(x.shape[1] - 1, -1, -1) if self.go_backwards else range(x.shape[1])
        state = self.zero_state(x.shape[0])
        outputs = []
        for t in steps:
            h, state = self.step(x[:, t], state)
            outputs.append(h)
        return np.stack(outputs, axis=1) if self.return_sequences else outputs[-1]

    def zero_state(self, batch):
        return np.zeros((batch, self.units))


class SimpleRNN(_Recurrent):
    def __init__(self, units, activation="tanh", return_sequences=False, name=None, **init):
        super().__init__(units, return_sequences, name, **init)
        self.activation = ACTIVATIONS[activation]

    def step(self, x, h):
        k, r, b = self.weights
        h = self.activation(x @ k + h @ r + b)
        return h, h


class LSTM(_Recurrent):
    gates = 4

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", unit_forget_bias=True,
                 return_sequences=False, name=None, **init):
        super().__init__(units, return_sequences, name, **init)
        assert activation == "tanh" and recurrent_activation == "sigmoid"
        self.unit_forget_bias = unit_forget_bias

    def zero_state(self, batch):
        return (np.zeros((batch, self.units)), np.zeros((batch, self.units)))

    def step(self, x, state):
        h, c = state
        k, r, b = self.weights
        z_i, z_f, z_c, z_o = np.split(x @ k + h @ r + b, 4, axis=-1)
        c = _sigmoid(z_f) * c + _sigmoid(z_i) * np.tanh(z_c)
        h = _sigmoid(z_o) * np.tanh(c)
        return h, (h, c)


class GRU(_Recurrent):
    gates = 3

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", reset_after=True,
                 return_sequences=False, name=None, **init):
        super().__init__(units, return_sequences, name, **init)
        assert activation == "tanh" and recurrent_activation == "sigmoid" and reset_after

    def bias_shape(self):
        return (2, 3 * self.units)

    def step(self, x, h):
        k, r, b = self.weights
        x_z, x_r, x_h = np.split(x @ k + b[0], 3, axis=-1)
        h_z, h_r, h_h = np.split(h @ r + b[1], 3, axis=-1)
        z = _sigmoid(x_z + h_z)
        reset = _sigmoid(x_r + h_r)
        candidate = np.tanh(x_h + reset * h_h)
        h = z * h + (1 - z) * candidate
        return h, h


class Bidirectional(Layer):
    def __init__(self, layer, merge_mode="concat", name=None):
        super().__init__(name)
        assert merge_mode == "concat"
        self.forward_layer = layer
        self.backward_layer = copy.copy(layer)
        self.backward_layer.go_backwards = True

    def __call__(self, inputs):
        shape = self.forward_layer(inputs).shape
        self.backward_layer(inputs)
        return KerasTensor(shape[:-1] + (2 * shape[-1],), self, [inputs])

    @property
    def weights(self):
        return self.forward_layer.weights + self.backward_layer.weights

    @weights.setter
    def weights(self, value):
        pass

    def set_weights(self, arrays):
        n = len(self.forward_layer.weights)
        self.forward_layer.set_weights(arrays[:n])
        self.backward_layer.set_weights(arrays[n:])

    def compute(self, xs):
        y_fwd = self.forward_layer.compute(xs)
        y_bwd = self.backward_layer.compute(xs)
        if self.forward_layer.return_sequences:
            y_bwd = y_bwd[:, ::-1]  # back to positions 1..T
        return np.concatenate([y_fwd, y_bwd], axis=-1)


class Dropout(Layer):
    """Inference (training=False): the identity."""

    def __init__(self, rate, name=None):
        super().__init__(name)
        assert 0 <= rate < 1
        self.rate = rate

    def compute(self, xs):
        return xs[0]


class LayerNormalization(Layer):
    """Normalizes over the last axis (biased variance); weights [gamma, beta]."""

    def __init__(self, axis=-1, epsilon=1e-3, name=None):
        super().__init__(name)
        assert axis == -1
        self.epsilon = epsilon

    def weight_shapes(self, shapes):
        return [(shapes[0][-1],), (shapes[0][-1],)]

    def compute(self, xs):
        x = xs[0]
        mu = x.mean(axis=-1, keepdims=True)
        var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
        return self.weights[0] * (x - mu) / np.sqrt(var + self.epsilon) + self.weights[1]


class MultiHeadAttention(Layer):
    """Keras layouts: query/key/value kernels [D, heads, key_dim], biases [heads, key_dim]; output
    kernel [heads, value_dim, out], bias [out]; weights in the order q, k, v, output. Queries are
    scaled by 1/sqrt(key_dim); use_causal_mask hides later positions."""

    def __init__(self, num_heads, key_dim, value_dim=None, output_shape=None, name=None):
        super().__init__(name)
        self.heads, self.key_dim = num_heads, key_dim
        self.value_dim = value_dim or key_dim
        self.out_dim = output_shape
        self.causal = False

    def __call__(self, query, value, key=None, use_causal_mask=False):
        assert key is None or key is value
        self.causal = use_causal_mask
        d = query.shape[-1]
        out = self.out_dim or d
        h, k, v = self.heads, self.key_dim, self.value_dim
        shapes = [(d, h, k), (h, k), (value.shape[-1], h, k), (h, k), (value.shape[-1], h, v), (h, v), (h, v, out), (out,)]
        self.weights = [np.zeros(s) for s in shapes]
        return KerasTensor(query.shape[:-1] + (out,), self, [query, value])

    def compute(self, xs):
        q_in, v_in = xs
        wq, bq, wk, bk, wv, bv, wo, bo = self.weights
        q = np.einsum("btd,dhk->bthk", q_in, wq) + bq
        k = np.einsum("btd,dhk->bthk", v_in, wk) + bk
        v = np.einsum("btd,dhk->bthk", v_in, wv) + bv
        s = np.einsum("bihk,bjhk->bhij", q / np.sqrt(self.key_dim), k)
        if self.causal:
            t = s.shape[-1]
            s = np.where(np.triu(np.ones((t, t), dtype=bool), 1), -np.inf, s)
        a = np.exp(s - s.max(axis=-1, keepdims=True))
        a = a / a.sum(axis=-1, keepdims=True)
        c = np.einsum("bhij,bjhk->bihk", a, v)
        return np.einsum("bihk,hko->bio", c, wo) + bo


class Lambda(Layer):
    def __init__(self, function, name=None):
        super().__init__(name)
        self.function = function

    def output_shape(self, shapes):
        return self.function(np.zeros((1,) + tuple(shapes[0]))).shape[1:]

    def compute(self, xs):
        return self.function(xs[0])
