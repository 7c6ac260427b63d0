// The fixed parts of an exported PyTorch file, as Python source: file IO with messages for people,
// our recurrent output convention, the custom cells PyTorch has no module for, weights loading
// and saving, Keras-like initialization. The generator (model.ts, training.ts) writes the parts
// that depend on the graph and includes the cells a graph uses.
import { PY_FILE_IO } from '../python.ts';

/** Reading JSON and tensors with one-sentence errors (never a traceback for bad input). */
export const IO_HELPERS = `
${PY_FILE_IO}def read_tensor(doc, key, where):
    """(shape, flat data) of doc[key] = {"shape": [...], "data": [...]} (row-major), checked."""
    t = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(t, dict) or not isinstance(t.get("shape"), list) or not isinstance(t.get("data"), list):
        fail(f'{where} needs "{key}": {{"shape": [...], "data": [...]}}')
    shape, data = t["shape"], t["data"]
    if not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape):
        fail(f'{where}: "{key}" shape must be a list of whole numbers, got {shape}')
    n = 1
    for d in shape:
        n *= d
    if len(data) != n:
        fail(f'{where}: "{key}" has {len(data)} values but its shape {shape} needs {n}')
    for i, v in enumerate(data):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v != v or abs(v) == float("inf"):
            fail(f'{where}: "{key}" value {i} is not a finite number: {v!r}')
    return shape, data


def tensor_json(t):
    """{"shape": [...], "data": [...]} of a tensor (row-major)."""
    return {"shape": list(t.shape), "data": t.detach().reshape(-1).tolist()}
`;

/** Our single-bias convention on PyTorch's two-bias modules, and the returnSequences convention. */
export const RECURRENT_HELPERS = `
def single_bias(module):
    """Our RNN and LSTM have ONE bias per gate (Keras convention): bias_ih holds it, and every
    bias_hh of PyTorch's module is set to 0 and frozen so training cannot move it."""
    for name, p in module.named_parameters():
        if name.startswith("bias_hh"):
            p.requires_grad_(False)
            with torch.no_grad():
                p.zero_()
    return module


def recurrent_output(seq: torch.Tensor, units: int, bidirectional: bool, return_sequences: bool) -> torch.Tensor:
    """The layer output from the full sequence output seq [B, T, D*units].
    returnSequences: seq itself. Otherwise the last step; when bidirectional, the backward
    direction's last step is position 0 (Keras Bidirectional, = cat(h_n[0], h_n[1]) in PyTorch)."""
    if return_sequences:
        return seq
    if not bidirectional:
        return seq[:, -1]
    return torch.cat([seq[:, -1, :units], seq[:, 0, units:]], dim=-1)
`;

/** Runs a one-step cell over time, in one or both directions (for the custom cells). */
export const RECURRENT_LOOP = `
class Recurrent(nn.Module):
    """Runs a cell over x [B, T, I] from a zero state; returns [B, T, D*units], the backward
    direction (parameters under .rev) run from t = T down to 1 and aligned back to position t.
    Typed loops (no Python lists of None), so torch.jit.script compiles it for every cell."""

    def __init__(self, make_cell, bidirectional):
        super().__init__()
        self.fwd = make_cell()
        self.rev = make_cell() if bidirectional else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        steps = x.shape[1]
        state = self.fwd.zero_state(x)
        ys: List[torch.Tensor] = []
        for t in range(steps):
            y, state = self.fwd(x[:, t], state)
            ys.append(y)
        out = torch.stack(ys, dim=1)
        rev = self.rev
        if rev is None:
            return out
        state_rev = rev.zero_state(x)
        back: List[torch.Tensor] = []
        for k in range(steps):
            y, state_rev = rev(x[:, steps - 1 - k], state_rev)
            back.append(y)
        back.reverse()
        return torch.cat([out, torch.stack(back, dim=1)], dim=-1)
`;

/** h_t = σ(x_t W_ihᵀ + h_{t-1} W_hhᵀ + b): nn.RNN offers only tanh and relu. */
export const SIGMOID_RNN_CELL = `
class SigmoidRNNCell(nn.Module):
    """h_t = sigmoid(x_t W_ih^T + h_{t-1} W_hh^T + b); W_ih [H, I], W_hh [H, H], b [H]."""

    def __init__(self, input_size, units):
        super().__init__()
        self.units = units
        self.W_ih = nn.Parameter(torch.zeros(units, input_size))
        self.W_hh = nn.Parameter(torch.zeros(units, units))
        self.b = nn.Parameter(torch.zeros(units))

    def zero_state(self, x: torch.Tensor) -> torch.Tensor:
        return x.new_zeros(x.shape[0], self.units)

    def forward(self, x_t: torch.Tensor, h: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        h = torch.sigmoid(x_t @ self.W_ih.T + h @ self.W_hh.T + self.b)
        return h, h
`;

/** The Graves (2013) peephole LSTM, gate order i, f, g, o; o peeks at the NEW cell c_t. */
export const PEEPHOLE_LSTM_CELL = `
class PeepholeLSTMCell(nn.Module):
    """LSTM with diagonal peepholes (Graves 2013). W_ih [4H, I], W_hh [4H, H], b [4H] in gate
    order i, f, g, o; p_i, p_f, p_o [H]. The input and forget gates see c_{t-1}, the output gate c_t."""

    def __init__(self, input_size, units):
        super().__init__()
        self.units = units
        self.W_ih = nn.Parameter(torch.zeros(4 * units, input_size))
        self.W_hh = nn.Parameter(torch.zeros(4 * units, units))
        self.b = nn.Parameter(torch.zeros(4 * units))
        self.p_i = nn.Parameter(torch.zeros(units))
        self.p_f = nn.Parameter(torch.zeros(units))
        self.p_o = nn.Parameter(torch.zeros(units))

    def zero_state(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        h = x.new_zeros(x.shape[0], self.units)
        return h, h.clone()

    def forward(
        self, x_t: torch.Tensor, state: Tuple[torch.Tensor, torch.Tensor]
    ) -> Tuple[torch.Tensor, Tuple[torch.Tensor, torch.Tensor]]:
        h, c = state
        z_i, z_f, z_g, z_o = (x_t @ self.W_ih.T + h @ self.W_hh.T + self.b).chunk(4, dim=-1)
        i = torch.sigmoid(z_i + self.p_i * c)
        f = torch.sigmoid(z_f + self.p_f * c)
        c = f * c + i * torch.tanh(z_g)
        o = torch.sigmoid(z_o + self.p_o * c)
        h = o * torch.tanh(c)
        return h, (h, c)
`;

/** The lecture's prototype LSTM: one state s, write/forget/read gates, read gate inside the candidate. */
export const PROTOTYPE_LSTM_CELL = `
class PrototypeLSTMCell(nn.Module):
    """The prototype LSTM (one state s, no separate cell). W_ih [4H, I] (the U matrices),
    W_hh [4H, H] (the W matrices), b [4H], gate order i, f, c, o (c = candidate):
    i, f, o = sigmoid(s W^T + x U^T + b); s~ = tanh((o * s) W_c^T + x U_c^T + b_c);
    s = f * s + i * s~. The read gate o acts INSIDE the candidate, on the old state."""

    def __init__(self, input_size, units):
        super().__init__()
        self.units = units
        self.W_ih = nn.Parameter(torch.zeros(4 * units, input_size))
        self.W_hh = nn.Parameter(torch.zeros(4 * units, units))
        self.b = nn.Parameter(torch.zeros(4 * units))

    def zero_state(self, x: torch.Tensor) -> torch.Tensor:
        return x.new_zeros(x.shape[0], self.units)

    def forward(self, x_t: torch.Tensor, s: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        W_i, W_f, W_c, W_o = self.W_hh.chunk(4, dim=0)
        u_i, u_f, u_c, u_o = (x_t @ self.W_ih.T + self.b).chunk(4, dim=-1)
        i = torch.sigmoid(u_i + s @ W_i.T)
        f = torch.sigmoid(u_f + s @ W_f.T)
        o = torch.sigmoid(u_o + s @ W_o.T)
        candidate = torch.tanh(u_c + (o * s) @ W_c.T)
        s = f * s + i * candidate
        return s, s
`;

/** Keras-like init through INIT (weights in and out: artefacts.ts WEIGHTS_IO). */
export const WEIGHTS_AND_INIT = `
def init_like_backprop_studio(model):
    """Keras-default initialization as Backprop Studio does it (see INIT): the same
    distributions, not the same numbers (the random generators differ)."""
    params = dict(model.named_parameters())
    with torch.no_grad():
        for path, how, arg in INIT:
            p = params[path]
            if how == "glorot_uniform":
                nn.init.xavier_uniform_(p)
            elif how == "glorot_normal":
                nn.init.xavier_normal_(p)
            elif how == "he_uniform":
                nn.init.kaiming_uniform_(p, nonlinearity="relu")
            elif how == "he_normal":
                nn.init.kaiming_normal_(p, nonlinearity="relu")
            elif how == "uniform":
                nn.init.uniform_(p, -arg, arg)
            elif how == "orthogonal":
                nn.init.orthogonal_(p)
            elif how == "forget_bias":
                p.zero_()
                p[arg[0] : 2 * arg[0]] = arg[1]
            else:
                p.zero_()
`;
