// A risk's inherent and residual scores over its assessments, drawn by uPlot, which loads only
// when the trend is asked for (this module and uPlot are split from the first load). The numbers
// are also in the figure's text, for screen readers and for anyone who would rather read them.
import { useEffect, useRef } from 'react';
import type { AssessmentPoint } from './riskLogic';

export default function RiskTrend({ points }: { points: AssessmentPoint[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let chart: { destroy: () => void } | null = null;
    let live = true;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (!live) return;
      const dates = points.map((p) => p.assessed_at.slice(0, 10));
      chart = new UPlot(
        {
          width: Math.max(280, Math.min(element.clientWidth || 600, 900)),
          height: 220,
          scales: { x: { time: false }, y: { range: [0, 25] } },
          axes: [{ values: (_chart, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? (dates[tick - 1] ?? '') : '')) }, {}],
          series: [
            {},
            { label: 'Inherent', stroke: '#a40e26', width: 2, dash: [6, 4], points: { show: true, size: 7 } },
            { label: 'Residual', stroke: '#0b5cad', width: 2, points: { show: true, size: 7 } },
          ],
        },
        [points.map((_, i) => i + 1), points.map((p) => p.inherent_score), points.map((p) => p.residual_score)],
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
        Scores of the {points.length} assessments, oldest first (inherent / residual):{' '}
        {points.map((p) => `${p.assessed_at.slice(0, 10)} ${p.inherent_score} / ${p.residual_score}`).join(', ')}.
      </figcaption>
    </figure>
  );
}
