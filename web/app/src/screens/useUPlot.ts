// A uPlot chart in a box, loaded on demand: uPlot (22 KB gzipped) and its CSS are imported only
// when a chart is drawn, so the first screen's JavaScript stays within its budget. The chart is
// drawn again when `data` changes (pass a memoised or state value) and destroyed with the box.
import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';

// `data`: the x values, then one array per series.
export function useUPlot(options: Omit<uPlot.Options, 'width'>, data: number[][] | null) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element || !data) return;
    let chart: { destroy: () => void } | null = null;
    let live = true;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (!live) return;
      chart = new UPlot({ ...options, width: Math.max(280, Math.min(element.clientWidth || 600, 900)) }, data as uPlot.AlignedData, element);
    });
    return () => {
      live = false;
      chart?.destroy();
    };
    // The options are a literal of the caller's render; the data decides a redraw.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);
  return box;
}
