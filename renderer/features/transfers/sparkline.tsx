import { useT } from '../../i18n/index.js';
import { formatRate, sparklinePoints } from './job-math.js';
import { card } from './messages.js';

const WIDTH = 96;
const HEIGHT = 24;

/**
 * The job's recent throughput as a line; its peak is in the label for screen readers. A finished job that
 * never measured a rate (Podman reports no sizes; a job over in a blink) has no line to show: an empty
 * axis beside Details looked like a broken field, so there is none.
 */
export function Sparkline({ samples, isRunning }: { samples: readonly number[]; isRunning: boolean }) {
  const t = useT();
  const points = sparklinePoints(samples, WIDTH, HEIGHT);
  if (!points && !isRunning) return null;
  const peak = samples.length ? Math.max(...samples) : 0;
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={t(card.throughput, { rate: formatRate(t, peak) })}
    >
      <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="sparkline-base" />
      {points && <polyline points={points} className="sparkline-line" />}
    </svg>
  );
}
