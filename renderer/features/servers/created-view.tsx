import { useState } from 'react';
import type { CreatedServer } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { DoneActions } from '../../components/dialog.js';
import { ErrorView } from '../../components/error-view.js';
import { useNavigation } from '../../navigation.js';
import { DockerTrust } from './docker-trust.js';
import { useAction } from '../../hooks/use-action.js';

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
        {created.name} is {created.state} at <code>{created.url}</code>.
      </p>
      <section className="section" aria-label="Connection">
        <h3>Connection</h3>
        {connection ? (
          <p>
            Saved as the connection <strong>{connection}</strong>
            {created.caFile ? ': Berth trusts its CA' : ''}
            {/* Saved by the create (the keychain may have refused it then), or by hand here with it. */}
            {user && (created.isPasswordStored || connection !== created.connection)
              ? `, and ${user}’s password is in your keychain`
              : ''}
            .
          </p>
        ) : (
          <p>It is not saved as a connection yet.</p>
        )}
        {created.notes.map((note) => (
          <p key={note} className="warning">
            {note}
          </p>
        ))}
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
              Open in Registries
            </button>
          ) : (
            <button type="button" className="button" disabled={action.busy} onClick={() => void save()}>
              {action.busy ? 'Saving…' : 'Save as connection'}
            </button>
          )}
          <button
            type="button"
            className="button"
            onClick={() => navigation.diagnose(created.url, connection)}
          >
            Diagnose
          </button>
        </div>
      </section>
      <section className="section" aria-label="Trust">
        <h3>Make the local engine trust it</h3>
        <DockerTrust name={created.name} />
      </section>
      <DoneActions onDone={onClose} />
    </div>
  );
}
