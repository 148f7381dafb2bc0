import { useState } from 'react';
import type { ServerView, UserChange } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { Dialog, DoneActions } from '../../components/dialog.js';
import { ErrorView } from '../../components/error-view.js';
import { useAction } from '../../hooks/use-action.js';
import { UserFields } from './user-fields.js';

function restartNote(change: UserChange, what: string): string {
  return change.restarted
    ? `${what} ${change.server} restarted to read its users again.`
    : `${what} ${change.server} reads it when it next starts.`;
}

/** The htpasswd users: add, remove, change a password. Distribution reads them only when it starts. */
export function UsersDialog({
  server,
  onClose,
}: {
  server: ServerView;
  onClose: (changed: boolean) => void;
}) {
  const [users, setUsers] = useState(server.users);
  const [newUser, setNewUser] = useState('');
  const [newSecret, setNewSecret] = useState('');
  const [changing, setChanging] = useState<string>();
  const [changedSecret, setChangedSecret] = useState('');
  const [done, setDone] = useState<string>();
  const action = useAction();
  const isChanged = users !== server.users || done !== undefined;

  async function add() {
    const user = newUser.trim();
    const change = await action.run('add', () =>
      call('servers.addUser', { name: server.name, user, secret: newSecret }),
    );
    if (!change) return;
    setUsers((previous) => [...previous, user]);
    setNewUser('');
    setNewSecret('');
    setDone(restartNote(change, `${user} added;`));
  }

  async function remove(user: string) {
    const change = await action.run(`remove ${user}`, () =>
      call('servers.removeUser', { name: server.name, user }),
    );
    if (!change) return;
    setUsers((previous) => previous.filter((existing) => existing !== user));
    setDone(restartNote(change, `${user} removed;`));
  }

  async function changePassword(user: string) {
    const change = await action.run(`passwd ${user}`, () =>
      call('servers.changePassword', { name: server.name, user, secret: changedSecret }),
    );
    if (!change) return;
    setChanging(undefined);
    setChangedSecret('');
    setDone(restartNote(change, `${user}’s password changed;`));
  }

  return (
    <Dialog
      title={`Users of ${server.name}`}
      onClose={() => onClose(isChanged)}
      busy={action.busy ? `${server.name} is being changed and restarted: wait for it to finish.` : undefined}
    >
      <div className="form">
        <p className="note">
          Distribution reads its users when it starts: after a change Berth restarts a running registry, which
          interrupts pushes and pulls in flight.
        </p>
        {users.length === 0 && <p className="muted">No users: this registry asks for no login.</p>}
        <ul className="user-list" aria-label="Users">
          {users.map((user) => (
            <li key={user}>
              <span className="user-name">{user}</span>
              {changing === user ? (
                <form
                  className="inline-form"
                  onSubmit={(event) => {
                    event.preventDefault();
                    void changePassword(user);
                  }}
                >
                  <label className="visually-hidden" htmlFor="changed-secret">
                    New password for {user}
                  </label>
                  <input
                    id="changed-secret"
                    className="input"
                    type="password"
                    autoComplete="new-password"
                    required
                    autoFocus
                    placeholder="New password, at least 8 characters"
                    value={changedSecret}
                    onChange={(event) => setChangedSecret(event.target.value)}
                  />
                  <button type="submit" className="button small primary" disabled={action.busy}>
                    {action.running === `passwd ${user}` ? 'Saving…' : 'Save'}
                  </button>
                  <button type="button" className="button small ghost" onClick={() => setChanging(undefined)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <span className="toolbar">
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Change ${user}’s password`}
                    onClick={() => setChanging(user)}
                  >
                    Change password
                  </button>
                  <button
                    type="button"
                    className="button small danger"
                    aria-label={`Remove ${user}`}
                    disabled={action.busy}
                    onClick={() => void remove(user)}
                  >
                    {action.running === `remove ${user}` ? 'Removing…' : 'Remove'}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
        <form
          className="field-row add-user"
          aria-label="Add a user"
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <UserFields
            userLabel="New user"
            user={newUser}
            onUser={setNewUser}
            secret={newSecret}
            onSecret={setNewSecret}
          />
          <button type="submit" className="button" disabled={action.busy}>
            {action.running === 'add' ? 'Adding…' : 'Add user'}
          </button>
        </form>
        {done && (
          <p className="success" role="status">
            {done}
          </p>
        )}
        {action.error && <ErrorView error={action.error} />}
        <DoneActions onDone={() => onClose(isChanged)} />
      </div>
    </Dialog>
  );
}
