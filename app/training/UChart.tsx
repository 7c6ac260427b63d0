// A thin React wrapper around uPlot: builds the chart when its options change, feeds new data at most
// once per animation frame when `version` changes, and follows its box's size.
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

/** Props of UChart: uPlot options without size, a data getter, and a change counter. */
export interface UChartProps {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  /** returns the columnar data (x first); called when version changes */
  data: () => uPlot.AlignedData;
  version: number;
  className?: string;
  /** px kept under the plot for uPlot's own legend (0 when the legend is hidden) */
  legendRoom?: number;
}

/** A uPlot chart filling its container. */
export function UChart({ options, data, version, className, legendRoom = 28 }: UChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const getData = useRef(data);
  getData.current = data;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const size = () => ({
      width: Math.max(120, el.clientWidth),
      height: Math.max(80, el.clientHeight - legendRoom),
    });
    const u = new uPlot({ ...options, ...size() }, getData.current(), el);
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize(size()));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [options, legendRoom]);

  useEffect(() => {
    if (version < 0) return;
    const id = requestAnimationFrame(() => plot.current?.setData(getData.current()));
    return () => cancelAnimationFrame(id);
  }, [version]);

  return <div ref={box} className={className ?? 'uchart'} />;
}
