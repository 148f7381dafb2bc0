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
  return (
    <>
      <label className="field">
        <span>{userLabel}</span>
        <input required spellCheck={false} value={user} onChange={(event) => onUser(event.target.value)} />
      </label>
      <label className="field">
        <span>Password</span>
        <input
          required
          type="password"
          autoComplete="new-password"
          placeholder="at least 8 characters"
          value={secret}
          onChange={(event) => onSecret(event.target.value)}
        />
      </label>
    </>
  );
}
