import { useState } from 'react';
import type { RequestInput } from '../../../shared/contract/index.js';
import type { CreatedServer, RuntimeKind, ServerView } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { suggestName, suggestPort } from '../../lib/registry-server.js';
import { CreatedView } from './created-view.js';
import { useAction } from '../../hooks/use-action.js';
import { UserFields } from './user-fields.js';
import { useT } from '../../i18n/index.js';
import { create as m } from './messages.js';

type TlsChoice = 'self-signed' | 'existing' | 'none';

const RUNTIME_LABELS = { container: m.runtimeContainer, process: m.runtimeProcess } as const;

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
  const t = useT();

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
      <Dialog title={t(m.setUpTitle, { name: created.name })} onClose={onClose} wide>
        <CreatedView
          created={created}
          user={hasLogin ? user.trim() : undefined}
          secret={secret}
          onClose={onClose}
        />
      </Dialog>
    );

  return (
    <Dialog title={t(m.title)} onClose={onClose} wide busy={action.busy ? t(m.busy) : undefined}>
      <form
        className="form create-server-form"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <div className="field-row">
          <label className="field">
            <span>{t(m.name)}</span>
            <input
              required
              autoFocus
              value={name}
              spellCheck={false}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label className="field port-field">
            <span>{t(m.port)}</span>
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
          <legend className="field-label">{t(m.kind)}</legend>
          <label>
            <input
              type="radio"
              name="kind"
              checked={kind === 'registry'}
              onChange={() => setKind('registry')}
            />
            {t(m.kindRegistry)}
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
            {t(m.kindCache)}
          </label>
        </fieldset>
        {kind === 'cache' && (
          <>
            <label className="field">
              <span>{t(m.upstream)}</span>
              <input
                required
                value={upstream}
                spellCheck={false}
                placeholder="https://registry-1.docker.io"
                translate="no"
                onChange={(event) => setUpstream(event.target.value)}
              />
            </label>
            <p className="field-note">{t(m.upstreamNote)}</p>
            <label className="check">
              <input
                type="checkbox"
                checked={hasUpstreamLogin}
                onChange={(event) => setHasUpstreamLogin(event.target.checked)}
              />
              {t(m.upstreamLogin)}
            </label>
            {hasUpstreamLogin && (
              <div className="field-row">
                <label className="field">
                  <span>{t(m.upstreamUser)}</span>
                  <input
                    required
                    spellCheck={false}
                    value={upstreamUser}
                    onChange={(event) => setUpstreamUser(event.target.value)}
                  />
                </label>
                <label className="field">
                  <span>{t(m.upstreamSecret)}</span>
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
            {hasUpstreamLogin && <p className="field-note">{t(m.upstreamSecretNote)}</p>}
          </>
        )}
        <fieldset className="segmented">
          <legend className="field-label">{t(m.tls)}</legend>
          <label>
            <input
              type="radio"
              name="tls"
              checked={tls === 'self-signed'}
              onChange={() => setTls('self-signed')}
            />
            {t(m.tlsSelfSigned)}
          </label>
          <label>
            <input type="radio" name="tls" checked={tls === 'existing'} onChange={() => setTls('existing')} />
            {t(m.tlsExisting)}
          </label>
          <label>
            <input type="radio" name="tls" checked={tls === 'none'} onChange={() => setTls('none')} />
            {t(m.tlsNone)}
          </label>
        </fieldset>
        {tls === 'self-signed' && <p className="field-note">{t(m.tlsSelfSignedNote)}</p>}
        {tls === 'none' && <p className="warning">{t(m.tlsNoneWarning)}</p>}
        {tls === 'existing' && (
          <div className="field-row">
            <label className="field">
              <span>{t(m.certFile)}</span>
              <input
                required
                value={certFile}
                placeholder="/path/server.crt"
                translate="no"
                onChange={(e) => setCertFile(e.target.value)}
              />
            </label>
            <label className="field">
              <span>{t(m.keyFile)}</span>
              <input
                required
                value={keyFile}
                placeholder="/path/server.key"
                translate="no"
                onChange={(e) => setKeyFile(e.target.value)}
              />
            </label>
          </div>
        )}
        <label className="check">
          <input type="checkbox" checked={hasLogin} onChange={(event) => setHasLogin(event.target.checked)} />
          {t(m.askLogin)}
        </label>
        {hasLogin ? (
          <div className="field-row">
            <UserFields
              userLabel={t(m.firstUser)}
              user={user}
              onUser={setUser}
              secret={secret}
              onSecret={setSecret}
            />
          </div>
        ) : kind === 'cache' ? (
          <p className="field-note">{t(m.anyonePull)}</p>
        ) : (
          <p className="warning">{t(m.anyonePush)}</p>
        )}
        <label className="field">
          <span>{t(m.runsAs)}</span>
          <select
            className="input"
            value={runtime}
            onChange={(event) => setRuntime(event.target.value as RuntimeKind)}
          >
            {runtimes.map((kind) => (
              <option key={kind} value={kind}>
                {t(RUNTIME_LABELS[kind])}
              </option>
            ))}
          </select>
        </label>
        {runtimes.length === 0 && <p className="warning">{t(m.noRuntime)}</p>}
        <details className="tls-options">
          <summary>{t(m.moreOptions)}</summary>
          <label className="field">
            <span>{t(m.listenOn)}</span>
            <input
              value={bind}
              placeholder={t(m.listenOnPlaceholder)}
              spellCheck={false}
              onChange={(event) => setBind(event.target.value)}
            />
          </label>
          {tls === 'self-signed' && (
            <label className="field">
              <span>{t(m.certNames)}</span>
              <input
                value={names}
                placeholder={t(m.certNamesPlaceholder)}
                spellCheck={false}
                onChange={(event) => setNames(event.target.value)}
              />
            </label>
          )}
          {runtime === 'container' && (
            <div className="field-row">
              <label className="field">
                <span>{t(m.image)}</span>
                <input
                  value={image}
                  placeholder="registry:2"
                  translate="no"
                  spellCheck={false}
                  onChange={(event) => setImage(event.target.value)}
                />
              </label>
              <label className="field">
                <span>{t(m.network)}</span>
                <select
                  className="input"
                  value={network}
                  onChange={(event) => setNetwork(event.target.value as 'publish' | 'host')}
                >
                  <option value="publish">{t(m.networkPublish)}</option>
                  <option value="host">{t(m.networkHost)}</option>
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
            title={runtimes.length === 0 ? t(m.noRuntimeShort) : undefined}
          >
            {action.busy ? t(m.creating) : t(m.createAndStart)}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
