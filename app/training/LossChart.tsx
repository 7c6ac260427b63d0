// The loss chart: every visible kept run overlaid in its colour (training loss solid, validation loss
// dashed with a point per epoch), the live run's accuracy (or perplexity) on the right axis, x-axis as
// optimizer steps, epochs or examples seen, log-scale toggle, values on hover, and the divergence step
// marked once. Hooks: data-testid="loss-chart", data-last-loss, data-step, data-runs (ids drawn).
import { useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import { columnsOf, type LiveMetric, type SeriesSpec, specsOf } from '../runs/chartData.ts';
import { setXAxis, useRuns } from '../runs/store.ts';
import { type XAxis, xOf } from '../runs/types.ts';
import { useStudio } from '../store/store.ts';
import { useView } from '../store/view.ts';
import { fmtNorm } from './palette.ts';
import { series, useTraining } from './store.ts';
import { axisWidth, fmtTick, logLabels, WHOLE_INCRS } from './ticks.ts';
import { UChart } from './UChart.tsx';

const X_TITLES: Record<XAxis, string> = {
  steps: 'optimizer step',
  epochs: 'epoch',
  examples: 'examples seen',
};

let measureCtx: CanvasRenderingContext2D | null = null;
function measurer(font: string): (s: string) => number {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  return (s) => {
    if (!measureCtx) return s.length * 8;
    measureCtx.font = font;
    return measureCtx.measureText(s).width;
  };
}

interface ChartSetup {
  specs: SeriesSpec[];
  log: boolean;
  axis: XAxis;
  presenter: boolean;
  /** the live run's divergence: x on the current axis and the step, read at draw time */
  diverged: { current: { x: number; step: number } | null };
  readout: { current: HTMLDivElement | null };
}

function chartOptions(c: ChartSetup): Omit<uPlot.Options, 'width' | 'height'> {
  const css = getComputedStyle(document.documentElement);
  const muted = css.getPropertyValue('--muted').trim() || '#888';
  const text = css.getPropertyValue('--text').trim() || '#ddd';
  const size = c.presenter ? 16 : 12.5;
  const font = `${size}px system-ui, sans-serif`;
  const labelFont = `600 ${size}px system-ui, sans-serif`;
  const measure = measurer(font);
  const base = {
    stroke: muted,
    font,
    labelFont,
    grid: { stroke: 'rgba(128,128,128,0.22)' },
    ticks: { show: false },
    values: (_u: uPlot, splits: number[]) => splits.map(fmtTick),
  };
  const hasMetric = c.specs.some((s) => s.kind === 'metric');
  const metricName =
    c.specs
      .find((s) => s.kind === 'metric')
      ?.label.split(' · ')
      .pop() ?? '';
  return {
    scales: {
      // The x range reaches the step that diverged (one past the last finite loss), so its mark shows.
      x: { time: false, range: (_u, min, max) => xRange(min, max, c.diverged.current?.x) },
      y: c.log ? { distr: 3 } : { auto: true },
      m: metricName === 'accuracy' ? { range: [0, 1] } : { auto: true },
    },
    series: [
      { label: X_TITLES[c.axis] },
      ...c.specs.map(
        (s): uPlot.Series =>
          s.kind === 'metric'
            ? {
                label: s.label,
                stroke: s.colour,
                width: 1.25,
                scale: 'm',
                spanGaps: true,
                points: { show: false },
              }
            : s.kind === 'val'
              ? {
                  label: s.label,
                  stroke: s.colour,
                  width: 2,
                  dash: [7, 5],
                  scale: 'y',
                  spanGaps: true,
                  points: { show: true, size: 7, fill: s.colour },
                }
              : {
                  label: s.label,
                  stroke: s.colour,
                  width: 2,
                  scale: 'y',
                  spanGaps: true,
                  points: { show: false },
                },
      ),
    ],
    axes: [
      {
        ...base,
        label: X_TITLES[c.axis],
        size: size + 12,
        labelSize: size + 6,
        ...(c.axis === 'epochs' ? {} : { incrs: WHOLE_INCRS }),
      },
      {
        ...base,
        scale: 'y',
        space: size * 2,
        ...(c.log ? { values: (_u: uPlot, splits: number[]) => logLabels(splits) } : {}),
        label: c.log ? 'loss (log)' : 'loss',
        labelSize: size + 6,
        size: (_u, values) => axisWidth(values ?? [], measure, true),
      },
      ...(hasMetric
        ? [
            {
              ...base,
              scale: 'm',
              side: 1,
              label: metricName,
              labelSize: size + 6,
              grid: { show: false },
              size: (_u: uPlot, values: string[]) => axisWidth(values ?? [], measure, true),
            },
          ]
        : []),
    ],
    legend: { show: false },
    cursor: { points: { size: 8 } },
    hooks: {
      setCursor: [(u) => showReadout(u, c)],
      draw: [(u) => drawDivergence(u, c.diverged.current, text, font)],
    },
  };
}

/** The x range: the data's, widened to the divergence step, never empty. */
function xRange(min: number | null, max: number | null, diverged: number | undefined): uPlot.Range.MinMax {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  const hi = Math.max(max, diverged ?? max);
  return min === hi ? [min - 1, hi + 1] : [min, hi];
}

/** The hover readout: x and each series' value at the cursor (only series with a value there). */
function showReadout(u: uPlot, c: ChartSetup): void {
  const el = c.readout.current;
  if (!el) return;
  const i = u.cursor.idx;
  if (i === null || i === undefined) {
    el.hidden = true;
    return;
  }
  const x = u.data[0][i];
  const lines = [`${X_TITLES[c.axis]} ${fmtTick(x)}`];
  c.specs.forEach((s, k) => {
    const v = u.data[k + 1][i];
    if (v !== null && v !== undefined) lines.push(`${s.label}: ${fmtNorm(v)}`);
  });
  el.textContent = lines.join('\n');
  el.hidden = lines.length < 2;
}

/** One vertical mark where the live run diverged, labelled with the step. */
function drawDivergence(u: uPlot, d: { x: number; step: number } | null, colour: string, font: string): void {
  if (!d) return;
  const x = u.valToPos(d.x, 'x', true);
  if (!Number.isFinite(x)) return;
  const ctx = u.ctx;
  const r = devicePixelRatio || 1;
  ctx.save();
  ctx.strokeStyle = '#ff2e88';
  ctx.lineWidth = 2 * r;
  ctx.setLineDash([4 * r, 3 * r]);
  ctx.beginPath();
  ctx.moveTo(x, u.bbox.top);
  ctx.lineTo(x, u.bbox.top + u.bbox.height);
  ctx.stroke();
  ctx.fillStyle = colour;
  ctx.font = font.replace(/^([\d.]+)px/, (_, px) => `${Number(px) * r}px`);
  ctx.textAlign = x > u.bbox.left + u.bbox.width / 2 ? 'right' : 'left';
  ctx.fillText(` diverged at step ${d.step} `, x, u.bbox.top + 14 * r);
  ctx.restore();
}

/** The chart with its controls. */
export function LossChart() {
  const version = useTraining((s) => s.chartVersion);
  const log = useTraining((s) => s.logScale);
  const step = useTraining((s) => s.step);
  const loss = useTraining((s) => s.loss);
  const divergedAt = useTraining((s) => s.divergedAt);
  const perplexityOnly = useTraining((s) => s.accuracy === undefined && s.perplexity !== undefined);
  const hasMetric = useTraining((s) => s.accuracy !== undefined || s.perplexity !== undefined);
  const layout = useRuns((s) => s.layout);
  const dataVersion = useRuns((s) => s.data);
  const axis = useRuns((s) => s.xAxis);
  const liveId = useRuns((s) => s.liveId);
  const theme = useStudio((s) => s.theme);
  const presenter = useView((s) => s.presenter);
  const metricName = perplexityOnly ? 'perplexity' : 'accuracy';
  const diverged = useRef<{ x: number; step: number } | null>(null);
  const readout = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: layout and theme are change counters for the runs store and the CSS colours
  const specs = useMemo(() => {
    const runs = useRuns.getState().runs;
    return specsOf(runs, liveId && hasMetric ? { runId: liveId, name: metricName } : null);
  }, [layout, liveId, hasMetric, metricName, theme]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: theme changes the CSS colours read inside
  const options = useMemo(
    () => chartOptions({ specs, log, axis, presenter, diverged, readout }),
    [specs, log, axis, presenter, theme],
  );

  const data = () => {
    const runs = useRuns.getState().runs;
    const live = runs.find((r) => r.id === liveId);
    diverged.current =
      live && divergedAt !== null ? { x: xOf(live, divergedAt, axis), step: divergedAt } : null;
    const metric: LiveMetric | null = liveId
      ? { runId: liveId, name: metricName, steps: series.step, values: series.metric }
      : null;
    return columnsOf(runs, specs, axis, metric) as uPlot.AlignedData;
  };
  const drawn = [...new Set(specs.map((s) => s.runId))];
  return (
    <div
      className="loss-chart"
      data-testid="loss-chart"
      data-step={step}
      data-last-loss={Number.isFinite(loss) ? loss : undefined}
      data-runs={drawn.join(' ')}
      data-x-axis={axis}
      data-diverged-at={divergedAt ?? undefined}
    >
      <div className="chart-head">
        <strong title="solid: training loss per step; dashed with points: validation loss per epoch">
          Loss
        </strong>
        <label className="small">
          <input
            type="checkbox"
            data-testid="loss-log-toggle"
            checked={log}
            onChange={(e) => useTraining.setState({ logScale: e.target.checked })}
          />{' '}
          log scale
        </label>
        <label className="small">
          x-axis{' '}
          <select data-testid="chart-x-axis" value={axis} onChange={(e) => setXAxis(e.target.value as XAxis)}>
            <option value="steps">optimizer steps</option>
            <option value="epochs">epochs</option>
            <option value="examples">examples seen</option>
          </select>
        </label>
      </div>
      <div className="chart-box">
        <UChart options={options} version={version + dataVersion} legendRoom={0} data={data} />
        <div className="chart-readout" data-testid="chart-hover" ref={readout} hidden />
      </div>
    </div>
  );
}
