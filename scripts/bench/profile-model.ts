// Profiling helper: trains one bench model through the real trainer for N steps (after a warm-up),
// so `node --cpu-prof --import tsx scripts/bench/profile-model.ts charlm 40` shows where a step goes.
import { benchModels } from '../../engine/bench/models.ts';
import { engineRunner } from '../../engine/bench/suite.ts';

const [name = 'charlm', stepsText = '40'] = process.argv.slice(2);
const model = benchModels().find((m) => m.name === name);
if (!model) throw new Error(`unknown model ${name}`);
const runner = engineRunner(model);
for (let i = 0; i < 10; i++) await runner.step();
const t0 = performance.now();
const steps = Number(stepsText);
for (let i = 0; i < steps; i++) await runner.step();
console.log(`${name}: ${((performance.now() - t0) / steps).toFixed(2)} ms/step (wall, ${steps} steps)`);
