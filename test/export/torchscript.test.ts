// Every exported model compiles with torch.jit.script (typed forward, typed recurrent loops, no
// next(self.parameters())) and the scripted module gives the eager module's output: all the
// round-trip graphs, including the custom cells (sigmoid RNN, peephole and prototype LSTM).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roundTripCases } from './cases.ts';
import { PYTHON, tempDir, writeExport } from './helpers.ts';

const { cases } = roundTripCases();
const dir = tempDir();

const CHECK = `
import importlib.util, json, sys, torch
out = {}
for name, file, vocab in json.load(open(sys.argv[1])):
    try:
        spec = importlib.util.spec_from_file_location("m", file)
        m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
        torch.manual_seed(0)
        model = m.build_model().double().eval()
        shape = [3] + m.INPUT_SHAPE
        x = torch.randint(0, vocab, shape) if m.INPUT_DTYPE == "int32" else torch.rand(shape, dtype=torch.float64) * 2 - 1
        scripted = torch.jit.script(model)
        with torch.no_grad():
            out[name] = {"diff": (scripted(x) - model(x)).abs().max().item(),
                         "logits": (scripted(x, logits=True) - model(x, logits=True)).abs().max().item()}
    except Exception as e:
        out[name] = {"error": f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"}
print(json.dumps(out))
`;

describe('TorchScript', () => {
  it(`torch.jit.script compiles all ${cases.length} round-trip graphs and equals eager`, () => {
    const jobs = cases.map((c, i) => [c.name, writeExport(c.graph, dir, `ts${i}`), c.vocab ?? 5]);
    const jobsFile = join(dir, 'jobs.json');
    writeFileSync(jobsFile, JSON.stringify(jobs));
    const r = spawnSync(PYTHON, ['-c', CHECK, jobsFile], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      timeout: 600_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<
      string,
      { diff?: number; logits?: number; error?: string }
    >;
    const failed = Object.entries(out).filter(
      ([, v]) => v.error !== undefined || v.diff! > 1e-12 || v.logits! > 1e-12,
    );
    expect(failed).toEqual([]);
    expect(Object.keys(out)).toHaveLength(cases.length);
  }, 600_000);
});
