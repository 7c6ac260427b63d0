// Writing the trained weights: to a side file first, renamed over OUT only when complete, so a second
// Ctrl-C (or a crash) in the middle of a long write never leaves OUT half written.
import { rename, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import type { Model } from '../../engine/index.ts';
import { encodeSafetensors, isSafetensorsName, weightsToText } from '../../engine/index.ts';

/** The side file a write of `out` goes through (this process only). */
export function partialPath(out: string): string {
  return `${out}.${process.pid}.partial`;
}

/** Writes the model's weights to `out` (safetensors by name, else our JSON); null, or why it failed. */
export async function writeWeightsFile(model: Model, out: string): Promise<string | null> {
  const tmp = partialPath(out);
  try {
    const w = model.getWeights();
    // float64 models keep their precision in safetensors too
    const dtype = model.dtype === 'float64' ? 'F64' : 'F32';
    await writeFile(tmp, isSafetensorsName(out) ? encodeSafetensors(w, { dtype }) : weightsToText(w));
    await rename(tmp, out);
    return null;
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    return `cannot write the weights to ${out}: ${(e as Error).message}`;
  }
}

/** Removes a side file left by a write that was cut short (the second Ctrl-C exits at once). */
export function removePartial(out: string): void {
  try {
    rmSync(partialPath(out), { force: true });
  } catch {
    // nothing to clean up
  }
}
