// A risk's inherent and residual scores over its assessments, drawn by uPlot when the trend is
// asked for (this module is split from the first load, uPlot loads in useUPlot). The numbers are
// also in the figure's text, for screen readers and for anyone who would rather read them.
import { useMemo } from 'react';
import type { AssessmentPoint } from './riskLogic';
import { useUPlot } from './useUPlot';

export default function RiskTrend({ points }: { points: AssessmentPoint[] }) {
  const dates = points.map((p) => p.assessed_at.slice(0, 10));
  const data = useMemo(
    () => [points.map((_, i) => i + 1), points.map((p) => p.inherent_score), points.map((p) => p.residual_score)],
    [points],
  );
  const box = useUPlot(
    {
      height: 220,
      scales: { x: { time: false }, y: { range: [0, 25] } },
      axes: [{ values: (_chart, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? (dates[tick - 1] ?? '') : '')) }, {}],
      series: [
        {},
        { label: 'Inherent', stroke: '#a40e26', width: 2, dash: [6, 4], points: { show: true, size: 7 } },
        { label: 'Residual', stroke: '#0b5cad', width: 2, points: { show: true, size: 7 } },
      ],
    },
    data,
  );
  return (
    <figure className="chart">
      <div ref={box} className="chart-box" aria-hidden="true" />
      <figcaption>
        Scores of the {points.length} assessments, oldest first (inherent / residual):{' '}
        {dates.map((date, i) => `${date} ${points[i]?.inherent_score} / ${points[i]?.residual_score}`).join(', ')}.
      </figcaption>
    </figure>
  );
}
