import { useState } from 'react';
import type { RequestInput } from '../../../shared/contract/index.js';
import type { CreatedServer, RuntimeKind, ServerView } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { suggestName, suggestPort } from '../../lib/registry-server.js';
import { CreatedView } from './created-view.js';
import { useAction } from '../../hooks/use-action.js';
import { UserFields } from './user-fields.js';

type TlsChoice = 'self-signed' | 'existing' | 'none';

const RUNTIME_LABELS: Record<RuntimeKind, string> = {
  container: 'a container of the local Docker engine (registry:2)',
  process: 'a docker-registry process on this machine',
};

/** A short form with sensible defaults; after it, what was made and how to use it. */
export function CreateServerDialog({
  servers,
  runtimes,
  onCreated,
  onClose,
}: {
  servers: ServerView[];
  runtimes: RuntimeKind[];
  onCreated: () => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(() => suggestName(servers));
  const [port, setPort] = useState(() => String(suggestPort(servers)));
  const [tls, setTls] = useState<TlsChoice>('self-signed');
  const [certFile, setCertFile] = useState('');
  const [keyFile, setKeyFile] = useState('');
  const [hasLogin, setHasLogin] = useState(true);
  const [user, setUser] = useState('admin');
  const [secret, setSecret] = useState('');
  const [bind, setBind] = useState('');
  const [names, setNames] = useState('');
  const [runtime, setRuntime] = useState<RuntimeKind>(runtimes[0] ?? 'process');
  const [image, setImage] = useState('');
  const [network, setNetwork] = useState<'publish' | 'host'>('publish');
  const [kind, setKind] = useState<'registry' | 'cache'>('registry');
  const [upstream, setUpstream] = useState('https://registry-1.docker.io');
  const [hasUpstreamLogin, setHasUpstreamLogin] = useState(false);
  const [upstreamUser, setUpstreamUser] = useState('');
  const [upstreamSecret, setUpstreamSecret] = useState('');
  const [created, setCreated] = useState<CreatedServer>();
  const action = useAction();

  function input(): RequestInput<'servers.create'> {
    const tlsNames = names
      .split(/[\s,]+/)
      .map((entry) => entry.trim())
      .filter(Boolean);
    return {
      name: name.trim(),
      port: Number(port),
      ...(bind.trim() ? { bind: bind.trim() } : {}),
      tls:
        tls === 'self-signed'
          ? { mode: 'self-signed', ...(tlsNames.length ? { names: tlsNames } : {}) }
          : tls === 'existing'
            ? { mode: 'existing', certFile: certFile.trim(), keyFile: keyFile.trim() }
            : { mode: 'none' },
      ...(hasLogin ? { user: user.trim(), secret } : {}),
      runtime,
      ...(runtime === 'container' && image.trim() ? { image: image.trim() } : {}),
      ...(runtime === 'container' && network !== 'publish' ? { network } : {}),
      ...(kind === 'cache'
        ? {
            proxy: {
              url: upstream.trim(),
              ...(hasUpstreamLogin ? { username: upstreamUser.trim() } : {}),
            },
            ...(hasUpstreamLogin ? { proxySecret: upstreamSecret } : {}),
          }
        : {}),
    };
  }

  async function create() {
    const result = await action.run('create', () => call('servers.create', input()));
    if (result) {
      setCreated(result);
      onCreated();
    }
  }

  if (created)
    return (
      <Dialog title={`${created.name} is set up`} onClose={onClose} wide>
        <CreatedView
          created={created}
          user={hasLogin ? user.trim() : undefined}
          secret={secret}
          onClose={onClose}
        />
      </Dialog>
    );

  return (
    <Dialog
      title="New registry"
      onClose={onClose}
      wide
      busy={
        action.busy
          ? 'The registry is being created: wait for it, so you see its address and first login.'
          : undefined
      }
    >
      <form
        className="form create-server-form"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <div className="field-row">
          <label className="field">
            <span>Name</span>
            <input
              required
              autoFocus
              value={name}
              spellCheck={false}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label className="field port-field">
            <span>Port</span>
            <input
              required
              type="number"
              min={1}
              max={65535}
              value={port}
              onChange={(event) => setPort(event.target.value)}
            />
          </label>
        </div>
        <fieldset className="segmented">
          <legend className="field-label">Kind</legend>
          <label>
            <input
              type="radio"
              name="kind"
              checked={kind === 'registry'}
              onChange={() => setKind('registry')}
            />
            Registry
          </label>
          <label>
            <input
              type="radio"
              name="kind"
              checked={kind === 'cache'}
              onChange={() => {
                setKind('cache');
                // A cache serves pulls only; a login for its clients is asked for, not assumed.
                setHasLogin(false);
              }}
            />
            Pull-through cache (mirror)
          </label>
        </fieldset>
        {kind === 'cache' && (
          <>
            <label className="field">
              <span>Upstream</span>
              <input
                required
                value={upstream}
                spellCheck={false}
                placeholder="https://registry-1.docker.io"
                onChange={(event) => setUpstream(event.target.value)}
              />
            </label>
            <p className="field-note">
              It fetches what is pulled through it from this registry (Docker Hub by default) and keeps it for
              a week (168h: Distribution 2.8 has no other cache time). It is read-only for its clients: pushes
              and deletes are refused.
            </p>
            <label className="check">
              <input
                type="checkbox"
                checked={hasUpstreamLogin}
                onChange={(event) => setHasUpstreamLogin(event.target.checked)}
              />
              Log in to the upstream (private images, higher Docker Hub limits)
            </label>
            {hasUpstreamLogin && (
              <div className="field-row">
                <label className="field">
                  <span>Upstream user</span>
                  <input
                    required
                    spellCheck={false}
                    value={upstreamUser}
                    onChange={(event) => setUpstreamUser(event.target.value)}
                  />
                </label>
                <label className="field">
                  <span>Upstream password or access token</span>
                  <input
                    required
                    type="password"
                    autoComplete="off"
                    value={upstreamSecret}
                    onChange={(event) => setUpstreamSecret(event.target.value)}
                  />
                </label>
              </div>
            )}
            {hasUpstreamLogin && (
              <p className="field-note">
                Kept in the keychain and in the registry’s private config file only.
              </p>
            )}
          </>
        )}
        <fieldset className="segmented">
          <legend className="field-label">TLS</legend>
          <label>
            <input
              type="radio"
              name="tls"
              checked={tls === 'self-signed'}
              onChange={() => setTls('self-signed')}
            />
            Self-signed certificate
          </label>
          <label>
            <input type="radio" name="tls" checked={tls === 'existing'} onChange={() => setTls('existing')} />
            My certificate
          </label>
          <label>
            <input type="radio" name="tls" checked={tls === 'none'} onChange={() => setTls('none')} />
            None (plain HTTP)
          </label>
        </fieldset>
        {tls === 'self-signed' && (
          <p className="field-note">
            Berth makes a CA and a certificate for localhost, 127.0.0.1 and this machine’s name, and trusts
            it.
          </p>
        )}
        {tls === 'none' && (
          <p className="warning">
            Passwords and images travel unencrypted, and the local engine must be told to allow it (Trust in…
            on its card says how).
          </p>
        )}
        {tls === 'existing' && (
          <div className="field-row">
            <label className="field">
              <span>Certificate file</span>
              <input
                required
                value={certFile}
                placeholder="/path/server.crt"
                onChange={(e) => setCertFile(e.target.value)}
              />
            </label>
            <label className="field">
              <span>Key file</span>
              <input
                required
                value={keyFile}
                placeholder="/path/server.key"
                onChange={(e) => setKeyFile(e.target.value)}
              />
            </label>
          </div>
        )}
        <label className="check">
          <input type="checkbox" checked={hasLogin} onChange={(event) => setHasLogin(event.target.checked)} />
          Ask for a login (htpasswd users)
        </label>
        {hasLogin ? (
          <div className="field-row">
            <UserFields
              userLabel="First user"
              user={user}
              onUser={setUser}
              secret={secret}
              onSecret={setSecret}
            />
          </div>
        ) : kind === 'cache' ? (
          <p className="field-note">Anyone who reaches the port can pull through it.</p>
        ) : (
          <p className="warning">Anyone who reaches the port can push and delete images.</p>
        )}
        <label className="field">
          <span>Runs as</span>
          <select
            className="input"
            value={runtime}
            onChange={(event) => setRuntime(event.target.value as RuntimeKind)}
          >
            {runtimes.map((kind) => (
              <option key={kind} value={kind}>
                {RUNTIME_LABELS[kind]}
              </option>
            ))}
          </select>
        </label>
        {runtimes.length === 0 && (
          <p className="warning">
            Berth cannot run a registry here: no container engine answers and neither registry nor
            docker-registry is on PATH. Start Docker, or install Distribution (apt install docker-registry).
          </p>
        )}
        <details className="tls-options">
          <summary>More options</summary>
          <label className="field">
            <span>Listen on</span>
            <input
              value={bind}
              placeholder="127.0.0.1 (this machine only); 0.0.0.0 for every interface"
              spellCheck={false}
              onChange={(event) => setBind(event.target.value)}
            />
          </label>
          {tls === 'self-signed' && (
            <label className="field">
              <span>Certificate names</span>
              <input
                value={names}
                placeholder="localhost, 127.0.0.1, this machine’s name"
                spellCheck={false}
                onChange={(event) => setNames(event.target.value)}
              />
            </label>
          )}
          {runtime === 'container' && (
            <div className="field-row">
              <label className="field">
                <span>Image</span>
                <input
                  value={image}
                  placeholder="registry:2"
                  spellCheck={false}
                  onChange={(event) => setImage(event.target.value)}
                />
              </label>
              <label className="field">
                <span>Network</span>
                <select
                  className="input"
                  value={network}
                  onChange={(event) => setNetwork(event.target.value as 'publish' | 'host')}
                >
                  <option value="publish">publish the port</option>
                  <option value="host">the host's network (engines without a bridge)</option>
                </select>
              </label>
            </div>
          )}
        </details>
        <DialogActions error={action.error} onCancel={onClose}>
          <button
            type="submit"
            className="button primary"
            disabled={action.busy || runtimes.length === 0}
            title={
              runtimes.length === 0
                ? 'Berth cannot run a registry here: start Docker, or install Distribution first.'
                : undefined
            }
          >
            {action.busy ? 'Creating…' : 'Create and start'}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
