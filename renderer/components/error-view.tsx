import type { ErrorInfo } from '../../shared/errors.js';
import { DiagnoseButton } from './diagnose-button.js';
import { describeError } from '../i18n/errors.js';
import { useT } from '../i18n/index.js';
import { common } from '../i18n/messages.js';
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
  const t = useT();
  const diagnosable = host ?? error.registry;
  const text = describeError(t, error);
  return (
    <div className="error-view" role="alert" data-code={error.code}>
      {text.detail === undefined ? (
        <p className="error-message">{text.message}</p>
      ) : (
        // No translation fits the error itself (or the registry's own words follow one): a lead in the
        // interface language, then the English as it came.
        <p className="error-message">
          {text.lead}{' '}
          <span className="error-detail" lang="en" translate={text.isDetailQuoted ? 'no' : undefined}>
            {text.detail}
          </span>
        </p>
      )}
      {text.hint && (
        <p className="error-hint" lang={text.isHintEnglish ? 'en' : undefined}>
          {text.hint}
        </p>
      )}
      {children}
      {(onRetry || (diagnosable && isConnectionError(error))) && (
        <div className="toolbar">
          {onRetry && (
            <button type="button" className="button small" onClick={onRetry}>
              {t(common.tryAgain)}
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
