import { useT } from '../../i18n/index.js';
import { users as m } from './messages.js';

/** A user name and its new password, as htpasswd takes them (the create form and Add a user). */
export function UserFields({
  userLabel,
  user,
  onUser,
  secret,
  onSecret,
}: {
  userLabel: string;
  user: string;
  onUser: (user: string) => void;
  secret: string;
  onSecret: (secret: string) => void;
}) {
  const t = useT();
  return (
    <>
      <label className="field">
        <span>{userLabel}</span>
        <input required spellCheck={false} value={user} onChange={(event) => onUser(event.target.value)} />
      </label>
      <label className="field">
        <span>{t(m.password)}</span>
        <input
          required
          type="password"
          autoComplete="new-password"
          placeholder={t(m.passwordPlaceholder)}
          value={secret}
          onChange={(event) => onSecret(event.target.value)}
        />
      </label>
    </>
  );
}
