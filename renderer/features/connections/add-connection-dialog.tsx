import { useState } from 'react';
import type { ConnectionTestResult, ConnectionView, RequestInput } from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { Dialog } from '../../components/dialog.js';
import { ErrorView } from '../../components/error-view.js';

type Draft = RequestInput<'connections.add'>;

function suggestName(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/[/:].*$/, '') || '';
}

/** URL, credentials and TLS options; Test asks the registry without saving, Save tests then stores. */
export function AddConnectionDialog({
  onClose,
  onSaved,
}: {
  onClose: () => void;
  onSaved: (connection: ConnectionView) => void;
}) {
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [secretKind, setSecretKind] = useState<'password' | 'access-token'>('password');
  const [caFile, setCaFile] = useState('');
  const [skipVerify, setSkipVerify] = useState(false);
  const [insecureHttp, setInsecureHttp] = useState(false);
  const [busy, setBusy] = useState<'test' | 'save'>();
  const [error, setError] = useState<ErrorInfo>();
  const [tested, setTested] = useState<ConnectionTestResult>();

  function draft(): Omit<Draft, 'name'> {
    const tls = {
      ...(caFile.trim() ? { caFile: caFile.trim() } : {}),
      ...(skipVerify ? { skipVerify: true } : {}),
    };
    return {
      url: url.trim(),
      ...(insecureHttp ? { insecureHttp: true } : {}),
      ...(Object.keys(tls).length ? { tls } : {}),
      ...(username ? { username } : {}),
      ...(secret ? { secret, secretKind } : {}),
    };
  }

  async function run(action: 'test' | 'save') {
    setBusy(action);
    setError(undefined);
    setTested(undefined);
    try {
      if (action === 'test') setTested(await call('connections.test', draft()));
      else {
        const saved = await call('connections.add', { ...draft(), name: name.trim() || suggestName(url) });
        onSaved(saved.connection);
      }
    } catch (failure) {
      setError(errorInfo(failure));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <Dialog title="Add connection" onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void run('save');
        }}
      >
        <label className="field">
          <span>Registry URL</span>
          <input
            required
            autoFocus
            value={url}
            placeholder="registry.example.com or https://host:5000"
            onChange={(event) => setUrl(event.target.value)}
            spellCheck={false}
          />
        </label>
        <label className="field">
          <span>Name</span>
          <input
            value={name}
            placeholder={suggestName(url) || 'shown in the sidebar'}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <div className="field-row">
          <label className="field">
            <span>Username</span>
            <input
              value={username}
              autoComplete="off"
              onChange={(event) => setUsername(event.target.value)}
            />
          </label>
          <div className="field">
            <span className="field-label">
              <label htmlFor="connection-secret">
                {secretKind === 'password' ? 'Password' : 'Access token'}
              </label>
              <select
                aria-label="Secret kind"
                className="inline-select"
                value={secretKind}
                onChange={(event) => setSecretKind(event.target.value as 'password' | 'access-token')}
              >
                <option value="password">Password</option>
                <option value="access-token">Access token</option>
              </select>
            </span>
            <input
              id="connection-secret"
              type="password"
              value={secret}
              autoComplete="off"
              onChange={(event) => setSecret(event.target.value)}
            />
          </div>
        </div>
        <p className="field-note">The secret goes to your system keychain, never to Berth's settings.</p>
        <details className="tls-options">
          <summary>TLS and transport</summary>
          <label className="field">
            <span>CA certificate file</span>
            <input
              value={caFile}
              placeholder="/path/to/ca.crt"
              spellCheck={false}
              onChange={(event) => setCaFile(event.target.value)}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={skipVerify}
              onChange={(event) => setSkipVerify(event.target.checked)}
            />
            Skip certificate verification
          </label>
          <label className="check danger">
            <input
              type="checkbox"
              checked={insecureHttp}
              onChange={(event) => setInsecureHttp(event.target.checked)}
            />
            Plain HTTP — insecure: passwords and images travel unencrypted
          </label>
        </details>
        {error && <ErrorView error={error} host={url.trim() || undefined} />}
        {tested && (
          <p className="success" role="status">
            Reached {tested.ping.registry} ({tested.kind}, auth {tested.ping.authScheme})
            {tested.credentialsChecked ? ' — credentials accepted.' : '.'}
            {tested.warnings.map((warning) => (
              <span key={warning} className="warning">
                {warning}
              </span>
            ))}
          </p>
        )}
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            disabled={!url.trim() || !!busy}
            onClick={() => void run('test')}
          >
            {busy === 'test' ? 'Testing…' : 'Test'}
          </button>
          <span className="spacer" />
          <button type="button" className="button ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!url.trim() || !!busy}>
            {busy === 'save' ? 'Checking…' : 'Save'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
