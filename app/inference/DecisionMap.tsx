// The decision-region map of a 2D classifier (as in TensorFlow Playground): the class the model predicts
// at every point of the plane, shaded by its confidence, with the training points on top. Refreshed from
// the worker while training runs; the grid itself is computed in the worker.
import { useEffect, useRef, useState } from 'react';
import { loadedApi } from '../training/controller.ts';
import { useTraining } from '../training/store.ts';
import type { GridResult } from '../worker/protocol.ts';

// Class colours chosen to stay distinct for colour-blind viewers (blue / orange / purple / teal ...).
const CLASS_RGB: [number, number, number][] = [
  [0, 114, 178],
  [230, 159, 0],
  [204, 121, 167],
  [0, 158, 115],
  [86, 180, 233],
  [213, 94, 0],
];

/** The predicted class and its probability at cell i of a grid. */
export function cellClass(g: GridResult, i: number): { cls: number; p: number } {
  if (g.classes === 1) {
    const p1 = g.probs[i];
    return p1 >= 0.5 ? { cls: 1, p: p1 } : { cls: 0, p: 1 - p1 };
  }
  let cls = 0;
  for (let k = 1; k < g.classes; k++) if (g.probs[i * g.classes + k] > g.probs[i * g.classes + cls]) cls = k;
  return { cls, p: g.probs[i * g.classes + cls] };
}

function paint(canvas: HTMLCanvasElement, g: GridResult): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const res = g.resolution;
  const img = ctx.createImageData(res, res);
  const classes = Math.max(2, g.classes);
  for (let r = 0; r < res; r++) {
    for (let c = 0; c < res; c++) {
      const { cls, p } = cellClass(g, r * res + c);
      // Confidence 1/K (a toss-up) -> white, 1 -> 55 % of the class colour.
      const a = (0.55 * (p - 1 / classes)) / (1 - 1 / classes);
      const rgb = CLASS_RGB[cls % CLASS_RGB.length];
      const o = ((res - 1 - r) * res + c) * 4; // row 0 is the lowest y: draw it at the bottom
      for (let k = 0; k < 3; k++) img.data[o + k] = Math.round(255 * (1 - a) + rgb[k] * a);
      img.data[o + 3] = 255;
    }
  }
  const off = new OffscreenCanvas(res, res);
  off.getContext('2d')?.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, canvas.width, canvas.height);
  const sx = canvas.width / (g.range.x[1] - g.range.x[0]);
  const sy = canvas.height / (g.range.y[1] - g.range.y[0]);
  for (let k = 0; k < g.labels.length; k++) {
    const x = (g.points[2 * k] - g.range.x[0]) * sx;
    const y = canvas.height - (g.points[2 * k + 1] - g.range.y[0]) * sy;
    const rgb = CLASS_RGB[g.labels[k] % CLASS_RGB.length];
    ctx.beginPath();
    ctx.arc(x, y, 3.2, 0, 2 * Math.PI);
    ctx.fillStyle = `rgb(${rgb.join(',')})`;
    ctx.fill();
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1;
    ctx.stroke();
  }
}

/** The map; asks the worker for a fresh grid every 400 ms while training runs. */
export function DecisionMap() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const phase = useTraining((s) => s.phase);
  const step = useTraining((s) => s.step);
  const [shownStep, setShownStep] = useState(-1);
  // While running, a timer refreshes; otherwise every step change (Step, Reset) repaints once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the step is a refresh trigger
  useEffect(() => {
    let alive = true;
    const refresh = async () => {
      const api = loadedApi();
      const g = api ? await api.grid(48).catch(() => null) : null;
      if (alive && g && canvas.current) {
        paint(canvas.current, g);
        setShownStep(useTraining.getState().step);
      }
    };
    void refresh();
    const timer = phase === 'running' ? setInterval(refresh, 400) : undefined;
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [phase, phase === 'running' ? 0 : step]);
  return (
    <div className="decision-map" data-testid="decision-map" data-step={shownStep}>
      <canvas ref={canvas} width={260} height={260} />
      <div className="muted small">
        Shading: the class the model predicts at each point (stronger = more confident); dots: training
        points.
      </div>
    </div>
  );
}
