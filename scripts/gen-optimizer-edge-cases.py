#!/usr/bin/python3
"""PyTorch reference trajectories for every optimizer at the edges of its hyperparameters.

Writes test/reference/cases/train_mlp_<optimizer>_<edge>_n10_p4_m5_k3.json in the format of
shared/reference/README.md ("train_mlp" kind): the same MLP and data as the shared optimizer
cases, trained full-batch for 5 steps by torch.optim itself in float64, so the engine is checked
against torch's own code (not a re-implementation) at 0, 1, tiny and huge settings.

Run with Debian's torch:  /usr/bin/python3 scripts/gen-optimizer-edge-cases.py
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'test', 'reference', 'cases')
BASE = os.path.join(OUT, 'train_mlp_adam_n10_p4_m5_k3.json')  # x, targets and initial params
STEPS = 5

# (name, our optimizer config). Every value here is one torch.optim accepts; values torch refuses
# (Adam beta = 1, Nesterov without momentum, negative lr/eps, ...) are refused by the graph schema
# and tested there.
CASES = [
    ('sgd_lr0', {'type': 'sgd', 'lr': 0.0}),
    ('sgd_lr_huge', {'type': 'sgd', 'lr': 1000.0}),
    ('momentum_mu0', {'type': 'momentum', 'lr': 0.2, 'momentum': 0.0, 'dampening': 0.0}),
    ('momentum_mu1', {'type': 'momentum', 'lr': 0.2, 'momentum': 1.0, 'dampening': 0.0}),
    ('momentum_damp1', {'type': 'momentum', 'lr': 0.2, 'momentum': 0.9, 'dampening': 1.0}),
    ('momentum_mu_tiny', {'type': 'momentum', 'lr': 0.2, 'momentum': 1e-12, 'dampening': 0.5}),
    ('nesterov_mu1', {'type': 'nesterov', 'lr': 0.2, 'momentum': 1.0, 'dampening': 0.0}),
    ('nesterov_mu_tiny', {'type': 'nesterov', 'lr': 0.2, 'momentum': 1e-12, 'dampening': 0.0}),
    ('adagrad_eps0', {'type': 'adagrad', 'lr': 0.3, 'eps': 0.0, 'initialAccumulatorValue': 0.0, 'lrDecay': 0.0}),
    ('adagrad_eps_huge', {'type': 'adagrad', 'lr': 0.3, 'eps': 1e3, 'initialAccumulatorValue': 0.0, 'lrDecay': 0.0}),
    ('adagrad_decay_huge', {'type': 'adagrad', 'lr': 0.3, 'eps': 1e-10, 'initialAccumulatorValue': 0.0, 'lrDecay': 1e6}),
    ('adagrad_acc_huge', {'type': 'adagrad', 'lr': 0.3, 'eps': 1e-10, 'initialAccumulatorValue': 1e6, 'lrDecay': 0.0}),
    ('adagrad_acc_tiny', {'type': 'adagrad', 'lr': 0.3, 'eps': 1e-10, 'initialAccumulatorValue': 1e-30, 'lrDecay': 1e-9}),
    ('rmsprop_alpha0', {'type': 'rmsprop', 'lr': 0.01, 'alpha': 0.0, 'eps': 1e-8, 'momentum': 0.0, 'centered': False}),
    ('rmsprop_alpha1', {'type': 'rmsprop', 'lr': 1e-9, 'alpha': 1.0, 'eps': 1e-8, 'momentum': 0.0, 'centered': False}),
    ('rmsprop_eps0', {'type': 'rmsprop', 'lr': 0.01, 'alpha': 0.99, 'eps': 0.0, 'momentum': 0.0, 'centered': False}),
    ('rmsprop_eps_huge', {'type': 'rmsprop', 'lr': 0.01, 'alpha': 0.99, 'eps': 1e3, 'momentum': 0.0, 'centered': False}),
    ('rmsprop_mu1', {'type': 'rmsprop', 'lr': 0.01, 'alpha': 0.99, 'eps': 1e-8, 'momentum': 1.0, 'centered': False}),
    ('rmsprop_centered_mu', {'type': 'rmsprop', 'lr': 0.01, 'alpha': 0.9, 'eps': 1e-8, 'momentum': 0.5, 'centered': True}),
    ('adam_beta1_0', {'type': 'adam', 'lr': 0.01, 'beta1': 0.0, 'beta2': 0.99, 'eps': 1e-8}),
    ('adam_beta2_0', {'type': 'adam', 'lr': 0.01, 'beta1': 0.9, 'beta2': 0.0, 'eps': 1e-8}),
    ('adam_betas_0', {'type': 'adam', 'lr': 0.01, 'beta1': 0.0, 'beta2': 0.0, 'eps': 1e-8}),
    ('adam_betas_near1', {'type': 'adam', 'lr': 0.01, 'beta1': 0.999999, 'beta2': 0.99999999, 'eps': 1e-8}),
    ('adam_eps0', {'type': 'adam', 'lr': 0.01, 'beta1': 0.9, 'beta2': 0.999, 'eps': 0.0}),
    ('adam_eps_huge', {'type': 'adam', 'lr': 0.01, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e3}),
    ('adam_lr0', {'type': 'adam', 'lr': 0.0, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-8}),
]


def torch_optimizer(cfg, params):
    t = cfg['type']
    if t == 'sgd':
        return torch.optim.SGD(params, lr=cfg['lr'])
    if t in ('momentum', 'nesterov'):
        return torch.optim.SGD(params, lr=cfg['lr'], momentum=cfg['momentum'],
                               dampening=cfg['dampening'], nesterov=t == 'nesterov')
    if t == 'adagrad':
        return torch.optim.Adagrad(params, lr=cfg['lr'], eps=cfg['eps'], lr_decay=cfg['lrDecay'],
                                   initial_accumulator_value=cfg['initialAccumulatorValue'])
    if t == 'rmsprop':
        return torch.optim.RMSprop(params, lr=cfg['lr'], alpha=cfg['alpha'], eps=cfg['eps'],
                                   momentum=cfg['momentum'], centered=cfg['centered'])
    if t == 'adam':
        return torch.optim.Adam(params, lr=cfg['lr'], betas=(cfg['beta1'], cfg['beta2']), eps=cfg['eps'])
    raise ValueError(t)


def tensor(d):
    return torch.tensor(d['data']).reshape(d['shape'])


def as_case(t):
    return {'shape': list(t.shape), 'data': [float(v) for v in t.detach().reshape(-1).tolist()]}


def loss_of(p, x, y):
    a = torch.sigmoid(x @ p['hidden.W'].T + p['hidden.b'])
    logits = a @ p['output.W'].T + p['output.b']
    return torch.nn.functional.cross_entropy(logits, y)


def run(name, cfg, base):
    x = tensor(base['inputs']['x'])
    y = torch.tensor(base['inputs']['targets']['data'], dtype=torch.long)
    p = {k: tensor(v).clone().requires_grad_(True) for k, v in base['params'].items()}
    opt = torch_optimizer(cfg, list(p.values()))
    losses, norms, grads0 = [], [], None
    for _ in range(STEPS):
        opt.zero_grad()
        loss = loss_of(p, x, y)
        loss.backward()
        losses.append(loss.item())
        norms.append(torch.sqrt(sum((q.grad ** 2).sum() for q in p.values())).item())
        if grads0 is None:
            grads0 = {k: as_case(q.grad) for k, q in p.items()}
        opt.step()
    with torch.no_grad():
        final = loss_of(p, x, y).item()
    case = f'train_mlp_{name}_n10_p4_m5_k3'
    config = dict(base['config'], steps=STEPS, optimizer=cfg, clip=None)
    return {
        'case': case,
        'kind': 'train_mlp',
        'config': config,
        'inputs': base['inputs'],
        'params': base['params'],
        'upstream': {},
        'expected': {
            'loss': losses[0],
            'grads': grads0,
            'trajectory': {
                'losses': losses,
                'gradNorms': norms,
                'finalLoss': final,
                'params': {k: as_case(q) for k, q in p.items()},
            },
        },
    }


def main():
    with open(BASE) as f:
        base = json.load(f)
    for name, cfg in CASES:
        c = run(name, cfg, base)
        with open(os.path.join(OUT, c['case'] + '.json'), 'w') as f:
            json.dump(c, f, indent=2)
            f.write('\n')
        print(c['case'], 'final loss', c['expected']['trajectory']['finalLoss'])


if __name__ == '__main__':
    main()
