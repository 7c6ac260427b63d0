#!/usr/bin/env python3
"""PyTorch on one thread as a benchmark peer for `backprop-studio bench --torch` (issue 14).

The same six models as engine/bench/models.ts, batch 32, forward + backward + Adam(1e-3), random
data of the same shapes; each model warms up for 1.5 s, then REPEATS timed steps. Prints one JSON
object: {"torch": version, "results": {model: {"msMedian", "msMin", "msMax", "cpuMsMedian", "runs"}}}.
Run with Debian's /usr/bin/python3 (the python3 first on PATH has no torch).
"""
import json
import statistics
import sys
import time

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(1)
B = 32


class Seq(nn.Module):
    """Embedding or one-hot input -> recurrent stack -> Dense, like our chain graphs."""

    def __init__(self, emb, rnns, head, per_step):
        super().__init__()
        self.emb = emb
        self.rnns = nn.ModuleList(rnns)
        self.head = head
        self.per_step = per_step

    def forward(self, x):
        h = self.emb(x) if self.emb is not None else x
        for i, r in enumerate(self.rnns):
            out, state = r(h)
            last = i == len(self.rnns) - 1
            if last and not self.per_step:
                hn = state[0] if isinstance(state, tuple) else state
                h = torch.cat([hn[0], hn[1]], dim=1) if r.bidirectional else hn[-1]
            else:
                h = out
        return self.head(h)


def models():
    ce = nn.CrossEntropyLoss()
    bce = nn.BCEWithLogitsLoss()
    onehot = torch.zeros(B, 50, 8)
    onehot[torch.arange(B)[:, None], torch.arange(50)[None, :], torch.randint(0, 8, (B, 50))] = 1
    cls8 = torch.randint(0, 8, (B,))
    yield 'mlp', nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 2)), \
        torch.rand(B, 2) * 2 - 1, torch.randint(0, 2, (B,)), ce
    yield 'srnn', Seq(None, [nn.RNN(8, 32, batch_first=True)], nn.Linear(32, 8), False), onehot, cls8, ce
    yield 'lstm32', Seq(None, [nn.LSTM(8, 32, batch_first=True)], nn.Linear(32, 8), False), onehot, cls8, ce
    charlm = Seq(nn.Embedding(64, 32), [nn.LSTM(32, 128, batch_first=True)], nn.Linear(128, 64), True)
    yield 'charlm', charlm, torch.randint(0, 64, (B, 64)), torch.randint(0, 64, (B, 64)), \
        lambda out, y: ce(out.reshape(-1, 64), y.reshape(-1))
    for T in (50, 200):
        m = Seq(nn.Embedding(20000, 128),
                [nn.LSTM(128, 64, batch_first=True, bidirectional=True),
                 nn.LSTM(128, 64, batch_first=True, bidirectional=True)], nn.Linear(128, 1), False)
        yield f'imdb{T}', m, torch.randint(0, 20000, (B, T)), torch.randint(0, 2, (B, 1)).float(), bce


def main():
    repeats = int(sys.argv[sys.argv.index('--repeats') + 1]) if '--repeats' in sys.argv else 7
    only = [sys.argv[i + 1] for i, a in enumerate(sys.argv) if a == '--model']
    results = {}
    for name, model, x, y, loss_fn in models():
        if only and name not in only:
            continue
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)

        def step():
            opt.zero_grad()
            loss_fn(model(x), y).backward()
            opt.step()

        t0 = time.perf_counter()
        n = 0
        while n < 2 or (time.perf_counter() - t0 < 1.5 and n < 200):
            step()
            n += 1
        wall, cpu = [], []
        for _ in range(repeats):
            w0, c0 = time.perf_counter(), time.process_time()
            step()
            wall.append((time.perf_counter() - w0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        results[name] = {'msMedian': statistics.median(wall), 'msMin': min(wall), 'msMax': max(wall),
                         'cpuMsMedian': statistics.median(cpu), 'runs': repeats}
    print(json.dumps({'torch': torch.__version__, 'results': results}))


if __name__ == '__main__':
    main()
