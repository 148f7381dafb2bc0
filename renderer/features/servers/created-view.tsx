import { useState } from 'react';
import type { ReactNode } from 'react';
import type { CreatedServer, ServerNote } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { DoneActions } from '../../components/dialog.js';
import { ErrorView } from '../../components/error-view.js';
import { useNavigation } from '../../navigation.js';
import { DockerTrust } from './docker-trust.js';
import { useAction } from '../../hooks/use-action.js';
import { useT, type Translate } from '../../i18n/index.js';
import { card, created as m } from './messages.js';
import { stateLabel } from './server-card.js';
import { data } from './data.js';

/** A note on the registry just made, in the interface language. */
function noteText(t: Translate, name: string, note: ServerNote): ReactNode {
  switch (note.kind) {
    case 'upstream-down':
      return t.rich(m.noteUpstreamDown, { upstream: data(note.upstream), error: data(note.error) });
    case 'read-only-cache':
      return t(m.noteReadOnlyCache);
    case 'no-login':
      return t.rich(m.noteNoLogin, {
        name: data(name),
        everywhere: note.address ? 'no' : 'yes',
        address: data(note.address),
        port: String(note.port),
        what: note.upstream
          ? note.upstreamUser
            ? 'cacheWithLogin'
            : 'cache'
          : note.canDelete
            ? 'delete'
            : 'other',
        upstream: data(note.upstream),
        upstreamUser: data(note.upstreamUser),
      });
    case 'storage-reused':
      return t.rich(m.noteStorageReused, {
        isKept: note.isKept ? 'yes' : 'no',
        folder: data(note.folder),
        name: data(name),
      });
    case 'upstream-password-not-stored':
      return t.rich(m.noteUpstreamPassword, { error: data(note.error), name: data(name) });
    case 'not-saved':
      return t.rich(m.noteNotSaved, { error: data(note.error) });
    case 'password-not-stored':
      return t.rich(m.notePassword, { user: data(note.user), error: data(note.error), name: data(name) });
  }
}

/**
 * What was made: where it runs, the connection Berth saved for it (or a way to save it), and what a
 * Docker engine needs before it pulls from it.
 */
export function CreatedView({
  created,
  user,
  secret,
  onClose,
}: {
  created: CreatedServer;
  user: string | undefined;
  /** The first user's password, still in the form: saving the connection by hand needs it. */
  secret: string;
  onClose: () => void;
}) {
  const navigation = useNavigation();
  const [connection, setConnection] = useState(created.connection);
  const action = useAction();
  const t = useT();
  const savedAs =
    user && (created.isPasswordStored || connection !== created.connection)
      ? created.caFile
        ? m.savedAsTrustsCaPassword
        : m.savedAsPassword
      : created.caFile
        ? m.savedAsTrustsCa
        : m.savedAs;

  async function save() {
    const saved = await action.run('save', () =>
      call('connections.add', {
        name: created.name,
        url: created.url,
        ...(created.caFile ? { tls: { caFile: created.caFile } } : {}),
        ...(user && secret ? { username: user, secret } : {}),
      }),
    );
    if (saved) setConnection(saved.connection.name);
  }

  return (
    <div className="form created-server">
      <p className={created.state === 'running' ? 'success' : 'warning'} role="status">
        {t.rich(m.isAt, {
          name: data(created.name),
          state: stateLabel(t, created.state),
          url: created.url,
          code: (chunks) => <code>{chunks}</code>,
        })}
      </p>
      <section className="section" aria-label={t(m.connection)}>
        <h3>{t(m.connection)}</h3>
        {connection ? (
          // Saved by the create (the keychain may have refused it then), or by hand here with it.
          <p>
            {t.rich(savedAs, {
              connection,
              user: data(user),
              b: (chunks) => <strong translate="no">{chunks}</strong>,
            })}
          </p>
        ) : (
          <p>{t(m.notSaved)}</p>
        )}
        {created.notes.map((note, index) => {
          const kind =
            created.noteKinds?.length === created.notes.length ? created.noteKinds[index] : undefined;
          return (
            <p key={note} className="warning">
              {kind ? noteText(t, created.name, kind) : note}
            </p>
          );
        })}
        {action.error && <ErrorView error={action.error} />}
        <div className="toolbar">
          {connection ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                onClose();
                navigation.go({ page: 'explorer', connection });
              }}
            >
              {t(m.openInRegistries)}
            </button>
          ) : (
            <button type="button" className="button" disabled={action.busy} onClick={() => void save()}>
              {action.busy ? t(m.saving) : t(m.saveAsConnection)}
            </button>
          )}
          <button
            type="button"
            className="button"
            onClick={() => navigation.diagnose(created.url, connection)}
          >
            {t(card.diagnose)}
          </button>
        </div>
      </section>
      <section className="section" aria-label={t(m.trust)}>
        <h3>{t(m.trustHeading)}</h3>
        <DockerTrust name={created.name} />
      </section>
      <DoneActions onDone={onClose} />
    </div>
  );
}
