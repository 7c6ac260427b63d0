// The live loss chart: training loss per step, validation loss per epoch, accuracy (or perplexity for
// language models) on the right axis, with a log-scale toggle. Hooks: data-testid="loss-chart",
// data-last-loss and data-step.
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { series, useTraining } from './store.ts';
import { UChart } from './UChart.tsx';

function chartOptions(log: boolean, metric: string): Omit<uPlot.Options, 'width' | 'height'> {
  const axisColor = getComputedStyle(document.documentElement).getPropertyValue('--muted').trim() || '#888';
  const axis = { stroke: axisColor, grid: { stroke: 'rgba(128,128,128,0.2)' }, ticks: { show: false } };
  return {
    scales: {
      x: { time: false },
      y: log ? { distr: 3 } : { auto: true },
      m: metric === 'accuracy' ? { range: [0, 1] } : { auto: true },
    },
    series: [
      { label: 'step' },
      { label: 'training loss', stroke: '#5fb3ff', width: 1.5, scale: 'y', points: { show: false } },
      {
        label: 'validation loss',
        stroke: '#ffb000',
        width: 2,
        scale: 'y',
        spanGaps: true,
        points: { show: true, size: 6 },
      },
      { label: metric, stroke: '#5fd38d', width: 1.5, scale: 'm', spanGaps: true, points: { show: false } },
    ],
    axes: [
      { ...axis, label: 'step' },
      { ...axis, scale: 'y', label: log ? 'loss (log)' : 'loss' },
      { ...axis, scale: 'm', side: 1, label: metric, grid: { show: false } },
    ],
    legend: { live: false },
  };
}

/** The loss chart with its log toggle. */
export function LossChart() {
  const version = useTraining((s) => s.chartVersion);
  const log = useTraining((s) => s.logScale);
  const step = useTraining((s) => s.step);
  const loss = useTraining((s) => s.loss);
  // The right axis shows accuracy when the run reports it (classifiers, and per-token for language
  // models), else perplexity.
  const perplexityOnly = useTraining((s) => s.accuracy === undefined && s.perplexity !== undefined);
  const metric = perplexityOnly ? 'perplexity' : 'accuracy';
  const options = useMemo(() => chartOptions(log, metric), [log, metric]);
  return (
    <div
      className="loss-chart"
      data-testid="loss-chart"
      data-step={step}
      data-last-loss={Number.isFinite(loss) ? loss : undefined}
    >
      <div className="chart-head">
        <strong>Loss</strong>
        <label className="small">
          <input
            type="checkbox"
            data-testid="loss-log-toggle"
            checked={log}
            onChange={(e) => useTraining.setState({ logScale: e.target.checked })}
          />{' '}
          log scale
        </label>
      </div>
      <UChart
        options={options}
        version={version}
        data={() => [series.step, series.loss, series.valLoss, series.metric] as uPlot.AlignedData}
      />
    </div>
  );
}
