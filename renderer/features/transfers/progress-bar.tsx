/** A labelled bar; without a fraction it is indeterminate (sizes not known yet). */
export function ProgressBar({
  fraction,
  label,
  tone,
}: {
  fraction: number | undefined;
  label: string;
  tone?: 'ok' | 'bad' | 'muted';
}) {
  const percent = fraction === undefined ? undefined : Math.round(fraction * 100);
  return (
    <div
      className={`progress ${tone ?? ''} ${percent === undefined ? 'indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="progress-fill" style={{ width: `${percent ?? 100}%` }} />
    </div>
  );
}
