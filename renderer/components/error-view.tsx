import type { ErrorInfo } from '../../shared/errors.js';

/** A failure as the registry (or Berth) explained it: the message, then what to do next. */
export function ErrorView({ error, onRetry }: { error: ErrorInfo; onRetry?: () => void }) {
  return (
    <div className="error-view" role="alert">
      <p className="error-message">
        <span className="error-code">{error.code}</span>
        {error.message}
      </p>
      {error.hint && <p className="error-hint">{error.hint}</p>}
      {onRetry && (
        <button type="button" className="button small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <p className="state-line" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="state-line empty">{children}</p>;
}
