import type { ErrorInfo } from '../../../shared/errors.js';
import { isUnreachable } from '../../../shared/errors.js';
import { useT } from '../../i18n/index.js';
import { dialog as m } from './messages.js';

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
  const t = useT();
  if (error.code === 'TLS' && error.problem === 'not-https')
    return (
      <div className="error-actions">
        <button type="button" className="button small" disabled={busy} onClick={() => onSwitchScheme(true)}>
          {t(m.usePlainHttp)}
        </button>
        <span className="muted">{t(m.plainHttpNothingEncrypted)}</span>
      </div>
    );
  if (error.code === 'TLS' && error.problem === 'https-only')
    return (
      <div className="error-actions">
        <button type="button" className="button small" disabled={busy} onClick={() => onSwitchScheme(false)}>
          {t(m.useHttps)}
        </button>
      </div>
    );
  if (isUnreachable(error))
    return (
      <div className="error-actions">
        <button type="button" className="button small" disabled={busy} onClick={onSaveAnyway}>
          {t(m.saveAnyway)}
        </button>
        <span className="muted">{t(hasLogin ? m.savedUnreachableWithLogin : m.savedUnreachable)}</span>
      </div>
    );
  if (error.code === 'AUTH' && error.problem === 'credentials-rejected' && hasLogin)
    return <p className="muted">{t(m.rejectedNotSaved)}</p>;
  return null;
}
