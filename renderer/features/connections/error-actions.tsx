import type { ErrorInfo } from '../../../shared/errors.js';
import { isUnreachable } from '../../../shared/errors.js';

/**
 * The one way forward the connection dialog can offer for its error: switch to the scheme the registry
 * answered in, or save a registry that did not answer at all. A refused password is never saved, and
 * the dialog says why.
 */
export function ErrorActions({
  error,
  hasLogin,
  busy,
  onSwitchScheme,
  onSaveAnyway,
}: {
  error: ErrorInfo;
  hasLogin: boolean;
  busy: boolean;
  onSwitchScheme: (toPlainHttp: boolean) => void;
  onSaveAnyway: () => void;
}) {
  if (error.code === 'TLS' && error.problem === 'not-https')
    return (
      <div className="error-actions">
        <button type="button" className="button small" disabled={busy} onClick={() => onSwitchScheme(true)}>
          Use plain HTTP for this registry
        </button>
        <span className="muted">Nothing sent to it is encrypted, the password included.</span>
      </div>
    );
  if (error.code === 'TLS' && error.problem === 'https-only')
    return (
      <div className="error-actions">
        <button type="button" className="button small" disabled={busy} onClick={() => onSwitchScheme(false)}>
          Use HTTPS for this registry
        </button>
      </div>
    );
  if (isUnreachable(error))
    return (
      <div className="error-actions">
        <button type="button" className="button small" disabled={busy} onClick={onSaveAnyway}>
          Save anyway
        </button>
        <span className="muted">
          It is saved as unreachable and checked again every minute
          {hasLogin ? '; the password goes to your system keychain unchecked' : ''}.
        </span>
      </div>
    );
  if (error.code === 'AUTH' && error.problem === 'credentials-rejected' && hasLogin)
    return (
      <p className="muted">
        Berth saves a connection only with a password the registry accepts, so a typing mistake is never kept.
        Correct the username or password, or clear both to save it without signing in.
      </p>
    );
  return null;
}
