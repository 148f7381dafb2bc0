import type { ErrorInfo } from '../../shared/errors.js';
import { DiagnoseButton } from './diagnose-button.js';
import { isConnectionError } from '../lib/diagnosis.js';

/**
 * A failure as the registry (or Berth) explained it: the message, then what to do next; the error's code
 * stays out of sight (a data attribute for tests and bug reports), since it means nothing to a reader. A failure to
 * reach a registry offers the Diagnose panel for its host (`host`, else the one the error names).
 */
export function ErrorView({
  error,
  onRetry,
  host,
  connection,
  children,
}: {
  error: ErrorInfo;
  onRetry?: () => void;
  host?: string;
  /** The saved connection the failing request used. */
  connection?: string;
  /** What the screen showing it offers for this error in particular (a fix, a way round it). */
  children?: React.ReactNode;
}) {
  const diagnosable = host ?? error.registry;
  return (
    <div className="error-view" role="alert" data-code={error.code}>
      <p className="error-message">{error.message}</p>
      {error.hint && <p className="error-hint">{error.hint}</p>}
      {children}
      {(onRetry || (diagnosable && isConnectionError(error))) && (
        <div className="toolbar">
          {onRetry && (
            <button type="button" className="button small" onClick={onRetry}>
              Try again
            </button>
          )}
          {diagnosable && isConnectionError(error) && (
            <DiagnoseButton host={diagnosable} connection={connection} />
          )}
        </div>
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
