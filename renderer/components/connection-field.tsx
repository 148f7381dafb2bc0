import type { ConnectionView } from '../../shared/contract/index.js';

/** Which saved connection: each by its name and host (pull, push, copy and sync dialogs). */
export function ConnectionField({
  connections,
  value,
  onChange,
  label = 'Registry',
  disabled,
}: {
  connections: readonly Pick<ConnectionView, 'name' | 'host'>[];
  value: string;
  onChange: (name: string) => void;
  label?: string;
  disabled?: boolean;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select
        className="input select"
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
      >
        {connections.map((connection) => (
          <option key={connection.name} value={connection.name}>
            {connection.name} ({connection.host})
          </option>
        ))}
      </select>
    </label>
  );
}
