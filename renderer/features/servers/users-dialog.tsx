import { useState } from 'react';
import type { ServerView, UserChange } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { Dialog, DoneActions } from '../../components/dialog.js';
import { ErrorView } from '../../components/error-view.js';
import { useAction } from '../../hooks/use-action.js';
import { UserFields } from './user-fields.js';
import { useT, type Translate } from '../../i18n/index.js';
import { common } from '../../i18n/messages.js';
import { users as m } from './messages.js';

function restartNote(
  t: Translate,
  change: UserChange,
  kind: 'added' | 'removed' | 'password',
  user: string,
): string {
  return t(m.changed, {
    change: kind,
    user,
    server: change.server,
    restarted: change.restarted ? 'yes' : 'no',
  });
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
  const t = useT();
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
    setDone(restartNote(t, change, 'added', user));
  }

  async function remove(user: string) {
    const change = await action.run(`remove ${user}`, () =>
      call('servers.removeUser', { name: server.name, user }),
    );
    if (!change) return;
    setUsers((previous) => previous.filter((existing) => existing !== user));
    setDone(restartNote(t, change, 'removed', user));
  }

  async function changePassword(user: string) {
    const change = await action.run(`passwd ${user}`, () =>
      call('servers.changePassword', { name: server.name, user, secret: changedSecret }),
    );
    if (!change) return;
    setChanging(undefined);
    setChangedSecret('');
    setDone(restartNote(t, change, 'password', user));
  }

  return (
    <Dialog
      title={t(m.title, { name: server.name })}
      onClose={() => onClose(isChanged)}
      busy={action.busy ? t(m.busy, { name: server.name }) : undefined}
    >
      <div className="form">
        <p className="note">{t(m.note)}</p>
        {users.length === 0 && <p className="muted">{t(m.none)}</p>}
        <ul className="user-list" aria-label={t(m.list)}>
          {users.map((user) => (
            <li key={user}>
              <span className="user-name" translate="no">
                {user}
              </span>
              {changing === user ? (
                <form
                  className="inline-form"
                  onSubmit={(event) => {
                    event.preventDefault();
                    void changePassword(user);
                  }}
                >
                  <label className="visually-hidden" htmlFor="changed-secret">
                    {t(m.newPasswordFor, { user })}
                  </label>
                  <input
                    id="changed-secret"
                    className="input"
                    type="password"
                    autoComplete="new-password"
                    required
                    autoFocus
                    placeholder={t(m.newPasswordPlaceholder)}
                    value={changedSecret}
                    onChange={(event) => setChangedSecret(event.target.value)}
                  />
                  <button type="submit" className="button small primary" disabled={action.busy}>
                    {action.running === `passwd ${user}` ? t(m.saving) : t(common.save)}
                  </button>
                  <button type="button" className="button small ghost" onClick={() => setChanging(undefined)}>
                    {t(common.cancel)}
                  </button>
                </form>
              ) : (
                <span className="toolbar">
                  <button
                    type="button"
                    className="button small"
                    aria-label={t(m.changePasswordOf, { user })}
                    onClick={() => setChanging(user)}
                  >
                    {t(m.changePassword)}
                  </button>
                  <button
                    type="button"
                    className="button small danger"
                    aria-label={t(m.removeUser, { user })}
                    disabled={action.busy}
                    onClick={() => void remove(user)}
                  >
                    {action.running === `remove ${user}` ? t(m.removing) : t(common.remove)}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
        <form
          className="field-row add-user"
          aria-label={t(m.addUserForm)}
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <UserFields
            userLabel={t(m.newUser)}
            user={newUser}
            onUser={setNewUser}
            secret={newSecret}
            onSecret={setNewSecret}
          />
          <button type="submit" className="button" disabled={action.busy}>
            {action.running === 'add' ? t(m.adding) : t(m.addUser)}
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
