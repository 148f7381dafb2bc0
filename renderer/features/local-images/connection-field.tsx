import type { ConnectionView } from '../../../shared/contract/index.js';

/** Which saved registry: its name and host. */
export function ConnectionField({
  connections,
  value,
  onChange,
  label = 'Registry',
}: {
  connections: readonly ConnectionView[];
  value: string;
  onChange: (name: string) => void;
  label?: string;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select className="input" value={value} onChange={(event) => onChange(event.target.value)}>
        {connections.map((connection) => (
          <option key={connection.name} value={connection.name}>
            {connection.name} ({connection.host})
          </option>
        ))}
      </select>
    </label>
  );
}
