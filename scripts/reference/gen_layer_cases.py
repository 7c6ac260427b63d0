#!/usr/bin/python3
"""PyTorch reference cases for the Dropout, LayerNorm, SelfAttention and PositionalEmbedding layers.

Writes test/reference/cases/<case>.json in the format of shared/reference/README.md (the kinds are
documented in test/reference/README.md). Everything is float64. Each case is computed with
PyTorch's own modules (F.dropout, nn.LayerNorm, nn.MultiheadAttention where it applies) and
cross-checked against an independent formula and by torch.autograd.gradcheck (central finite
differences); a disagreement stops the script.

Run from the repository root with Debian's torch:  /usr/bin/python3 scripts/reference/gen_layer_cases.py
"""
import json
import math
import os
import re
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'reference', 'cases')


def t(x):
    """A tensor as case files write it (row-major, full float64 precision)."""
    x = x.detach()
    return {'shape': list(x.shape), 'data': [float(v) for v in x.reshape(-1).tolist()]}


def check_close(a, b, what, tol=1e-12):
    err = (a - b).abs().max().item() if a.numel() else 0.0
    if err > tol:
        sys.exit(f'cross-check failed: {what} differs by {err}')


def gradcheck(fn, *args):
    if not torch.autograd.gradcheck(fn, args, eps=1e-6, atol=1e-7, rtol=1e-6):
        sys.exit('gradcheck failed')


def dump(case):
    """Pretty JSON with every list of numbers on one line, like the shared cases."""
    text = json.dumps(case, indent=2)
    text = re.sub(r'\[\s+([^\[\]{}]*?)\s+\]', lambda m: '[' + ', '.join(v.strip() for v in m.group(1).split(',')) + ']', text)
    path = os.path.join(OUT, case['case'] + '.json')
    with open(path, 'w') as f:
        f.write(text + '\n')
    print('wrote', os.path.relpath(path))


def layer_case(name, kind, config, inputs, params, upstream, y, extra_outputs=None, extra=None):
    """Layer kinds: L = sum(y * upstream.y); grads of every float input and every param."""
    loss = (y * upstream['y']).sum()
    float_inputs = {k: v for k, v in inputs.items() if v.requires_grad}
    leaves = list(float_inputs.values()) + list(params.values())
    grads = torch.autograd.grad(loss, leaves)
    names = list(float_inputs) + list(params)
    outputs = {'y': t(y)}
    for k, v in (extra_outputs or {}).items():
        outputs[k] = t(v)
    case = {
        'case': name,
        'kind': kind,
        'config': config,
        'inputs': {k: t(v) for k, v in inputs.items()},
        'params': {k: t(v) for k, v in params.items()},
        'upstream': {k: t(v) for k, v in upstream.items()},
        'expected': {
            'outputs': outputs,
            'loss': float(loss),
            'grads': {n: t(g) for n, g in zip(names, grads)},
        },
    }
    case['expected'].update(extra or {})
    dump(case)


# ----------------------------------------------------------------------------- dropout
def dropout_case(name, shape, rate, training, seed):
    g = torch.Generator().manual_seed(seed)
    # no exact zeros in x, so the kept positions can be read back from F.dropout's output
    x = (torch.rand(shape, generator=g) + 0.1) * torch.where(torch.rand(shape, generator=g) < 0.5, -1.0, 1.0)
    x.requires_grad_(True)
    torch.manual_seed(seed)
    y = F.dropout(x, p=rate, training=training)
    keep = (y != 0).to(torch.float64) if training else torch.ones(shape)
    check_close(y, x * keep / (1 - rate) if training else x, f'{name}: F.dropout vs x * mask / (1 - p)')
    gradcheck(lambda v: v * keep / (1 - rate), x.detach().clone().requires_grad_(True))
    up = {'y': torch.randn(shape, generator=g)}
    inputs = {'x': x}
    if training:
        inputs['mask'] = keep  # PyTorch's drawn keep mask (1 keep, 0 drop): the engine replays it
    layer_case(name, 'dropout', {'rate': rate, 'training': training}, inputs, {}, up, y)


# ----------------------------------------------------------------------------- layer_norm
def layer_norm_case(name, shape, eps, seed, offset=0.0, spread=1.0):
    g = torch.Generator().manual_seed(seed)
    D = shape[-1]
    x = (offset + spread * torch.randn(shape, generator=g)).requires_grad_(True)
    gamma = (1 + 0.5 * torch.randn(D, generator=g)).requires_grad_(True)
    beta = (0.5 * torch.randn(D, generator=g)).requires_grad_(True)
    ln = torch.nn.LayerNorm(D, eps=eps)
    with torch.no_grad():
        ln.weight.copy_(gamma)
        ln.bias.copy_(beta)
    y_module = ln(x)

    def manual(xv, gv, bv):
        mu = xv.mean(-1, keepdim=True)
        var = ((xv - mu) ** 2).mean(-1, keepdim=True)  # biased, as PyTorch
        return gv * (xv - mu) / torch.sqrt(var + eps) + bv

    y = manual(x, gamma, beta)
    check_close(y_module, y, f'{name}: nn.LayerNorm vs the formula', tol=1e-10 * (1 + abs(offset)))
    gradcheck(manual, x.detach().clone().requires_grad_(True), gamma.detach().clone().requires_grad_(True),
              beta.detach().clone().requires_grad_(True))
    up = {'y': torch.randn(shape, generator=g)}
    # the module's output and its own weight/bias (named gamma/beta here) are what the case records
    layer_case(name, 'layer_norm', {'dim': D, 'eps': eps}, {'x': x}, {'gamma': ln.weight, 'beta': ln.bias}, up,
               y_module)


# ----------------------------------------------------------------------------- self_attention
def attention(x, W_qkv, b_qkv, W_o, b_o, causal):
    """The README formula, written out: returns (y [B, T, U], A [B, T, T])."""
    U = W_o.shape[0]
    qkv = x @ W_qkv.T + b_qkv
    q, k, v = qkv[..., :U], qkv[..., U:2 * U], qkv[..., 2 * U:]
    s = q @ k.transpose(-1, -2) / math.sqrt(U)
    if causal:
        T = x.shape[1]
        s = s.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), float('-inf'))
    a = torch.softmax(s, dim=-1)
    return (a @ v) @ W_o.T + b_o, a


def attention_case(name, B, T, D, U, causal, seq, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(B, T, D, generator=g).requires_grad_(True)
    W_qkv = (torch.randn(3 * U, D, generator=g) / math.sqrt(D)).requires_grad_(True)
    b_qkv = (0.3 * torch.randn(3 * U, generator=g)).requires_grad_(True)
    W_o = (torch.randn(U, U, generator=g) / math.sqrt(U)).requires_grad_(True)
    b_o = (0.3 * torch.randn(U, generator=g)).requires_grad_(True)
    y_all, a = attention(x, W_qkv, b_qkv, W_o, b_o, causal)
    if D == U:
        # nn.MultiheadAttention with one head is the same computation (in_proj = W_qkv, out_proj = W_o)
        mha = torch.nn.MultiheadAttention(U, 1, batch_first=True)
        with torch.no_grad():
            mha.in_proj_weight.copy_(W_qkv)
            mha.in_proj_bias.copy_(b_qkv)
            mha.out_proj.weight.copy_(W_o)
            mha.out_proj.bias.copy_(b_o)
        mask = torch.ones(T, T, dtype=torch.bool).triu(1) if causal else None
        y_mha, a_mha = mha(x, x, x, attn_mask=mask, need_weights=True)
        check_close(y_mha, y_all, f'{name}: nn.MultiheadAttention vs the formula')
        check_close(a_mha, a, f'{name}: attention weights')
    gradcheck(lambda *p: attention(*p, causal)[0],
              *[v.detach().clone().requires_grad_(True) for v in (x, W_qkv, b_qkv, W_o, b_o)])
    y = y_all if seq else y_all[:, -1, :]
    out_shape = [B, T, U] if seq else [B, U]
    up = {'y': torch.randn(out_shape, generator=g), 'y_last': torch.randn(B, U, generator=g)}
    # time-step norms: || d(sum(y_T * upstream.y_last)) / dx_t || over the batch, t = 1..T
    dx_last, = torch.autograd.grad((y_all[:, -1, :] * up['y_last']).sum(), x, retain_graph=True)
    norms = [float(dx_last[:, i, :].norm()) for i in range(T)]
    config = {'inputSize': D, 'units': U, 'causal': causal, 'returnSequences': seq}
    params = {'W_qkv': W_qkv, 'b_qkv': b_qkv, 'W_o': W_o, 'b_o': b_o}
    layer_case(name, 'self_attention', config, {'x': x}, params, up, y, {'attention': a},
               {'timestepGradNorms': norms})


# ----------------------------------------------------------------------------- positional_embedding
def positional_case(name, B, T, max_len, D, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(B, T, D, generator=g).requires_grad_(True)
    table = (0.5 * torch.randn(max_len, D, generator=g)).requires_grad_(True)
    emb = torch.nn.Embedding(max_len, D)
    with torch.no_grad():
        emb.weight.copy_(table)
    y_module = x + emb(torch.arange(T))
    y = x + table[:T]
    check_close(y_module, y, f'{name}: nn.Embedding(arange(T)) vs table[:T]')
    gradcheck(lambda xv, tv: xv + tv[:T], x.detach().clone().requires_grad_(True),
              table.detach().clone().requires_grad_(True))
    up = {'y': torch.randn(B, T, D, generator=g)}
    layer_case(name, 'positional_embedding', {'maxLen': max_len, 'dim': D}, {'x': x}, {'table': table}, up, y)


if __name__ == '__main__':
    dropout_case('dropout_train_r30_b4_d6', [4, 6], 0.3, True, 11)
    dropout_case('dropout_train_r50_b2_t3_d4', [2, 3, 4], 0.5, True, 12)
    dropout_case('dropout_eval_r50_b3_d5', [3, 5], 0.5, False, 13)
    layer_norm_case('layer_norm_b4_d6', [4, 6], 1e-5, 21)
    layer_norm_case('layer_norm_b2_t3_d5', [2, 3, 5], 1e-5, 22)
    layer_norm_case('layer_norm_eps1e-3_offset_b3_d8', [3, 8], 1e-3, 23, offset=50.0, spread=2.0)
    attention_case('self_attention_causal_b2_t5_i4_h4', 2, 5, 4, 4, True, True, 31)
    attention_case('self_attention_b2_t4_i3_h5', 2, 4, 3, 5, False, True, 32)
    attention_case('self_attention_causal_last_b3_t6_i4_h3', 3, 6, 4, 3, True, False, 33)
    attention_case('self_attention_last_b2_t5_i4_h4', 2, 5, 4, 4, False, False, 34)
    positional_case('positional_embedding_b2_t5_d3', 2, 5, 5, 3, 41)
    positional_case('positional_embedding_short_b2_t3_of5_d4', 2, 3, 5, 4, 42)
