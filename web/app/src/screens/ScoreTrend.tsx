// The score trend of completed runs, drawn by uPlot (22 KB gzipped), loaded only when the chart is
// shown: the first screen's JavaScript stays within its budget. The numbers are also in the
// figure's text, for screen readers and for anyone who would rather read them.
import { useEffect, useRef } from 'react';

export interface ScorePoint {
  reference: string;
  score: number;
}

export function ScoreTrend({ points }: { points: ScorePoint[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element || points.length === 0) return;
    let chart: { destroy: () => void } | null = null;
    let live = true;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (!live) return;
      chart = new UPlot(
        {
          width: Math.max(280, Math.min(element.clientWidth || 600, 900)),
          height: 220,
          legend: { show: false },
          scales: { x: { time: false }, y: { range: [0, 100] } },
          axes: [
            { values: (_chart, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? `#${tick}` : '')) },
            { values: (_chart, ticks) => ticks.map((tick) => `${tick} %`) },
          ],
          series: [{}, { label: 'Score', stroke: '#0b5cad', width: 2, points: { show: true, size: 7 } }],
        },
        [points.map((_, i) => i + 1), points.map((p) => p.score)],
        element,
      );
    });
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [points]);

  return (
    <figure className="chart">
      <div ref={box} className="chart-box" aria-hidden="true" />
      <figcaption>
        Score of the last {points.length} completed {points.length === 1 ? 'run' : 'runs'}, oldest first:{' '}
        {points.map((p) => `${p.reference} ${p.score} %`).join(', ')}.
      </figcaption>
    </figure>
  );
}
