import { formatRate, sparklinePoints } from './job-math.js';

const WIDTH = 96;
const HEIGHT = 24;

/** The job's recent throughput as a line; its peak is in the label for screen readers. */
export function Sparkline({ samples }: { samples: readonly number[] }) {
  const points = sparklinePoints(samples, WIDTH, HEIGHT);
  const peak = samples.length ? Math.max(...samples) : 0;
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Throughput, peak ${formatRate(peak)}`}
    >
      <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="sparkline-base" />
      {points && <polyline points={points} className="sparkline-line" />}
    </svg>
  );
}
