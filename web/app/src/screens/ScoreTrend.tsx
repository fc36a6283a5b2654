// The score trend of completed runs, drawn by uPlot, loaded only when the chart is shown
// (useUPlot). The numbers are also in the figure's text, for screen readers and for anyone who
// would rather read them.
import { useMemo } from 'react';
import { useUPlot } from './useUPlot';

export interface ScorePoint {
  reference: string;
  score: number;
}

export function ScoreTrend({ points }: { points: ScorePoint[] }) {
  const data = useMemo(() => (points.length === 0 ? null : [points.map((_, i) => i + 1), points.map((p) => p.score)]), [points]);
  const box = useUPlot(
    {
      height: 220,
      legend: { show: false },
      scales: { x: { time: false }, y: { range: [0, 100] } },
      axes: [
        { values: (_chart, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? `#${tick}` : '')) },
        { values: (_chart, ticks) => ticks.map((tick) => `${tick} %`) },
      ],
      series: [{}, { label: 'Score', stroke: '#0b5cad', width: 2, points: { show: true, size: 7 } }],
    },
    data,
  );

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
