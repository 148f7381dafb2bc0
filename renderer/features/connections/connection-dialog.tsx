import { useState } from 'react';
import {
  type ConnectionTestResult,
  type ConnectionView,
  type PresentedCertificates,
  type RegistryKind,
  type RequestInput,
} from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { Dialog, DialogButtons } from '../../components/dialog.js';
import { ErrorView } from '../../components/error-view.js';
import { kindFromHost } from '../../../shared/registry-hosts.js';
import { ErrorActions } from './error-actions.js';
import { useT, type Message } from '../../i18n/index.js';
import { common } from '../../i18n/messages.js';
import { dialog as m } from './messages.js';
import {
  apiAddressPlaceholder,
  CHOOSABLE_KINDS,
  KIND_LOGIN_HINTS,
  KINDS_WITH_API_ADDRESS,
  kindName,
  kindWords,
} from './registry-kinds.js';
import { Fingerprint, TrustCertificate } from './trust-certificate.js';

type Draft = Omit<RequestInput<'connections.add'>, 'name'>;
type SecretKind = 'password' | 'access-token';

/** Kinds whose login hint asks for a personal access token rather than a password. */
const TOKEN_LOGIN_KINDS: ReadonlySet<RegistryKind> = new Set(['gitlab', 'ghcr', 'dockerhub']);

/** How the registry asks to sign in, in words rather than the scheme's name. */
const SIGN_IN_WORDS: Record<ConnectionTestResult['ping']['authScheme'], Message> = {
  none: m.signInNone,
  basic: m.signInBasic,
  bearer: m.signInBearer,
  unknown: m.signInUnknown,
};

function suggestName(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/[/:].*$/, '') || '';
}

function isPlainHttp(url: string, insecureHttp: boolean): boolean {
  return insecureHttp || /^http:\/\//i.test(url.trim());
}

/**
 * The connection form, empty to add one or filled in from a saved one to edit it. Test asks the registry
 * without saving; Save tests, then stores. When TLS fails because nobody trusts the registry's
 * certificate, the dialog shows that certificate and lets the user trust it for this connection.
 */
function ConnectionDialog({
  existing,
  onClose,
  onSaved,
}: {
  existing?: ConnectionView;
  onClose: () => void;
  onSaved: (connection: ConnectionView) => void;
}) {
  const t = useT();
  const [name, setName] = useState(existing?.name ?? '');
  const [url, setUrl] = useState(existing?.host ?? '');
  const [username, setUsername] = useState(existing?.username ?? '');
  /** The kind the user chose; `detect` lets Berth find it (by host, then a probe). */
  const [kind, setKind] = useState<RegistryKind | 'detect'>(existing?.kind ?? 'detect');
  const [apiUrl, setApiUrl] = useState(existing?.apiUrl ?? '');
  const [secret, setSecret] = useState('');
  /** The secret's kind as the user chose it (or as saved); until then the kind's login decides. */
  const [chosenSecretKind, setSecretKind] = useState<SecretKind | undefined>(
    existing?.credentialKind === 'access-token' ? 'access-token' : existing ? 'password' : undefined,
  );
  const [caFile, setCaFile] = useState(existing?.tls.caFile ?? '');
  const [certFile, setCertFile] = useState(existing?.tls.certFile ?? '');
  const [keyFile, setKeyFile] = useState(existing?.tls.keyFile ?? '');
  const [skipVerify, setSkipVerify] = useState(existing?.tls.skipVerify ?? false);
  const [insecureHttp, setInsecureHttp] = useState(existing?.insecureHttp ?? false);
  const [isTlsOpen, setIsTlsOpen] = useState(() =>
    Boolean(existing && (existing.tls.caFile || existing.tls.certFile || existing.tls.skipVerify)),
  );
  const [busy, setBusy] = useState<'test' | 'save'>();
  const [error, setError] = useState<ErrorInfo>();
  const [tested, setTested] = useState<ConnectionTestResult>();
  const [presented, setPresented] = useState<PresentedCertificates & { action: 'test' | 'save' }>();
  const [trusted, setTrusted] = useState<PresentedCertificates>();
  /** What was last tried, for the buttons in its error (plain HTTP, Save anyway). */
  const [failedAction, setFailedAction] = useState<'test' | 'save'>('save');
  // The login hint of the kind chosen, else of the kind Test found, else of the kind the address names
  // (a cloud registry's host).
  const hintKind = kind === 'detect' ? (tested?.kind ?? kindFromHost(suggestName(url))) : kind;
  // GitLab, GitHub and Docker Hub take a personal access token: the field says so until the user says otherwise.
  const secretKind: SecretKind =
    chosenSecretKind ?? (hintKind && TOKEN_LOGIN_KINDS.has(hintKind) ? 'access-token' : 'password');

  function draft(
    trustCertificate = trusted?.anchorPem,
    transport: { url: string; insecureHttp: boolean } = { url, insecureHttp },
  ): Draft {
    const tls = {
      ...(caFile.trim() ? { caFile: caFile.trim() } : {}),
      ...(certFile.trim() ? { certFile: certFile.trim() } : {}),
      ...(keyFile.trim() ? { keyFile: keyFile.trim() } : {}),
      ...(skipVerify ? { skipVerify: true } : {}),
    };
    return {
      url: transport.url.trim(),
      ...(transport.insecureHttp ? { insecureHttp: true } : {}),
      // An edit sends the TLS options whole, so clearing a field clears it.
      ...(Object.keys(tls).length || existing ? { tls } : {}),
      ...(username ? { username } : {}),
      ...(secret ? { secret, secretKind } : {}),
      ...(trustCertificate ? { trustCertificate } : {}),
      ...(kind === 'detect' ? {} : { kind }),
      ...(kind !== 'detect' && KINDS_WITH_API_ADDRESS.has(kind) && apiUrl.trim()
        ? { apiUrl: apiUrl.trim() }
        : {}),
    };
  }

  /** Saved unreachable ("Save anyway"), it shows as such in the sidebar and its pane, and is checked again later. */
  async function save(input: Draft, saveIfUnreachable = false): Promise<ConnectionView> {
    const chosenName = name.trim() || suggestName(url);
    if (!existing) {
      const extra = saveIfUnreachable ? { saveIfUnreachable } : {};
      return (await call('connections.add', { ...input, name: chosenName, ...extra })).connection;
    }
    const update = {
      ...input,
      name: existing.name,
      insecureHttp: input.insecureHttp ?? false,
      ...(saveIfUnreachable ? { saveIfUnreachable } : {}),
    };
    const renamed = chosenName !== existing.name ? { newName: chosenName } : {};
    return (await call('connections.update', { ...update, ...renamed })).connection;
  }

  async function run(
    action: 'test' | 'save',
    options: {
      trustCertificate?: string;
      transport?: { url: string; insecureHttp: boolean };
      saveIfUnreachable?: boolean;
    } = {},
  ) {
    const transport = options.transport ?? { url, insecureHttp };
    setBusy(action);
    setError(undefined);
    setTested(undefined);
    setPresented(undefined);
    setFailedAction(action);
    try {
      const input = draft(options.trustCertificate, transport);
      if (action === 'test') setTested(await call('connections.test', input));
      else onSaved(await save(input, options.saveIfUnreachable));
    } catch (failure) {
      const info = errorInfo(failure);
      setError(info);
      if (info.code === 'TLS' && !isPlainHttp(transport.url, transport.insecureHttp))
        await showCertificate(action);
    } finally {
      setBusy(undefined);
    }
  }

  /**
   * The registry answered in the other scheme: switch the connection's transport setting (shown open,
   * so the change is visible) and try again.
   */
  function switchScheme(toPlainHttp: boolean) {
    const nextUrl = toPlainHttp ? url : url.trim().replace(/^http:\/\//i, 'https://');
    setUrl(nextUrl);
    setInsecureHttp(toPlainHttp);
    setIsTlsOpen(true);
    void run(failedAction, { transport: { url: nextUrl, insecureHttp: toPlainHttp } });
  }

  /** What the registry presents, when nothing on this computer trusts it; other TLS problems stay as they are. */
  async function showCertificate(action: 'test' | 'save') {
    try {
      const seen = await call('connections.peekCertificate', { url: url.trim() });
      if (!seen.trustedBySystem && seen.certificates.length) setPresented({ ...seen, action });
    } catch {
      // The error already shown says what went wrong; the certificate is extra detail.
    }
  }

  /** Trusts what the registry presented and repeats what failed (Test or Save) with it. */
  function trust(pem: string) {
    if (!presented) return;
    setTrusted(presented);
    void run(presented.action, { trustCertificate: pem });
  }

  const plainHttp = isPlainHttp(url, insecureHttp);
  const trustedFingerprint = trusted?.certificates.at(-1)?.sha256;
  return (
    <Dialog title={existing ? t(m.editTitle, { name: existing.name }) : t(m.addTitle)} onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void run('save');
        }}
      >
        <label className="field">
          <span>{t(m.registryUrl)}</span>
          <input
            required
            autoFocus
            value={url}
            placeholder={t(m.registryUrlPlaceholder)}
            onChange={(event) => setUrl(event.target.value)}
            spellCheck={false}
          />
        </label>
        <label className="field">
          <span>{t(m.name)}</span>
          <input
            value={name}
            placeholder={suggestName(url) || t(m.namePlaceholder)}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <div className="field-row">
          <label className="field">
            <span>{t(m.kind)}</span>
            <select
              className="input"
              value={kind}
              onChange={(event) => setKind(event.target.value as RegistryKind | 'detect')}
            >
              <option value="detect">{t(m.detectKind)}</option>
              {CHOOSABLE_KINDS.map((choice) => (
                <option key={choice} value={choice}>
                  {kindName(t, choice)}
                </option>
              ))}
            </select>
          </label>
          {kind !== 'detect' && KINDS_WITH_API_ADDRESS.has(kind) && (
            <label className="field">
              <span>{t(m.apiAddress)}</span>
              <input
                value={apiUrl}
                placeholder={apiAddressPlaceholder(t, kind)}
                onChange={(event) => setApiUrl(event.target.value)}
                spellCheck={false}
              />
            </label>
          )}
        </div>
        <div className="field-row">
          <label className="field">
            <span>{t(m.username)}</span>
            <input
              value={username}
              autoComplete="off"
              onChange={(event) => setUsername(event.target.value)}
            />
          </label>
          <div className="field">
            <span className="field-label">
              <label htmlFor="connection-secret">
                {t(secretKind === 'password' ? m.password : m.accessToken)}
              </label>
              <select
                aria-label={t(m.secretKind)}
                className="inline-select"
                value={secretKind}
                onChange={(event) => setSecretKind(event.target.value as SecretKind)}
              >
                <option value="password">{t(m.password)}</option>
                <option value="access-token">{t(m.accessToken)}</option>
              </select>
            </span>
            <input
              id="connection-secret"
              type="password"
              value={secret}
              autoComplete="off"
              placeholder={existing?.hasCredential ? t(m.unchanged) : ''}
              onChange={(event) => setSecret(event.target.value)}
            />
          </div>
        </div>
        {hintKind && KIND_LOGIN_HINTS[hintKind] && (
          <p className="field-note kind-hint">{t(KIND_LOGIN_HINTS[hintKind])}</p>
        )}
        {existing?.credentialHelper ? (
          <p className="field-note helper-note">
            {t.rich(m.helperNote, {
              helper: existing.credentialHelper,
              code: (chunks) => <code>{chunks}</code>,
            })}
          </p>
        ) : (
          <p className="field-note">{t(existing?.hasCredential ? m.keepSecret : m.secretToKeychain)}</p>
        )}
        <details
          className="tls-options"
          open={isTlsOpen}
          onToggle={(event) => setIsTlsOpen(event.currentTarget.open)}
        >
          <summary>{t(m.tlsOptions)}</summary>
          <PathField label={t(m.caFile)} value={caFile} placeholder="/path/to/ca.crt" onChange={setCaFile} />
          <div className="field-row">
            <PathField
              label={t(m.certFile)}
              value={certFile}
              placeholder="/path/to/client.cert"
              onChange={setCertFile}
            />
            <PathField
              label={t(m.keyFile)}
              value={keyFile}
              placeholder="/path/to/client.key"
              onChange={setKeyFile}
            />
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={skipVerify}
              onChange={(event) => setSkipVerify(event.target.checked)}
            />
            {t(m.skipVerify)}
          </label>
          <label className="check danger">
            <input
              type="checkbox"
              checked={insecureHttp}
              onChange={(event) => setInsecureHttp(event.target.checked)}
            />
            {t(m.plainHttpOption)}
          </label>
        </details>
        {plainHttp && <p className="note danger">{t(m.plainHttpWarning)}</p>}
        {trustedFingerprint && (
          <div className="note trusted-note">
            <p>
              {t(m.trustingFingerprint)}
              <Fingerprint value={trustedFingerprint} />
            </p>
            <button type="button" className="button ghost small" onClick={() => setTrusted(undefined)}>
              {t(m.undo)}
            </button>
          </div>
        )}
        {error && (
          <ErrorView error={error} host={url.trim() || undefined} connection={existing?.name}>
            <ErrorActions
              error={error}
              hasLogin={Boolean(username || secret)}
              busy={Boolean(busy)}
              onSwitchScheme={switchScheme}
              onSaveAnyway={() => void run('save', { saveIfUnreachable: true })}
            />
          </ErrorView>
        )}
        {presented && !trusted && <TrustCertificate presented={presented} onTrust={trust} />}
        {tested && (
          <p className="success" role="status">
            {/* A registry that asks for no sign-in checked nothing: its warning below says so. */}
            {t.rich(
              tested.credentialsChecked && tested.ping.authScheme !== 'none' ? m.reachedAccepted : m.reached,
              {
                registry: <span translate="no">{tested.ping.registry}</span>,
                kind: kindWords(t, tested.kind),
                signIn: t(SIGN_IN_WORDS[tested.ping.authScheme]),
              },
            )}
            {tested.warnings.map((warning) => (
              <span key={warning} className="warning" lang="en">
                {warning}
              </span>
            ))}
          </p>
        )}
        <DialogButtons>
          <button
            type="button"
            className="button"
            disabled={!url.trim() || !!busy}
            onClick={() => void run('test')}
          >
            {t(busy === 'test' ? m.testing : m.test)}
          </button>
          <span className="spacer" />
          <button type="button" className="button ghost" onClick={onClose}>
            {t(common.cancel)}
          </button>
          <button
            type="submit"
            className="button primary"
            disabled={!url.trim() || !!busy}
            title={url.trim() ? undefined : t(m.typeAddressFirst)}
          >
            {busy === 'save' ? t(m.checking) : t(common.save)}
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}

export function AddConnectionDialog(props: {
  onClose: () => void;
  onSaved: (connection: ConnectionView) => void;
}) {
  return <ConnectionDialog {...props} />;
}

export function EditConnectionDialog(props: {
  connection: ConnectionView;
  onClose: () => void;
  onSaved: (connection: ConnectionView) => void;
}) {
  return <ConnectionDialog existing={props.connection} onClose={props.onClose} onSaved={props.onSaved} />;
}

/** A file path typed by hand: no spell checking, a placeholder showing the kind of file. */
function PathField({
  label,
  value,
  placeholder,
  onChange,
}: {
  label: string;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
