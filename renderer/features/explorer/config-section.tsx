import type { ImageConfig } from '../../../shared/image.js';
import { formatCommand, splitEnv } from '../../lib/format.js';

/** The runtime config of an image: what `docker run` would start and with what. */
export function ConfigSection({ config }: { config: ImageConfig }) {
  const runtime = config.config ?? {};
  const rows: Array<[string, string | undefined]> = [
    ['Entrypoint', formatCommand(runtime.Entrypoint)],
    ['Cmd', formatCommand(runtime.Cmd)],
    ['Working dir', runtime.WorkingDir || undefined],
    ['User', runtime.User || undefined],
    ['Ports', Object.keys(runtime.ExposedPorts ?? {}).join(', ') || undefined],
    ['Platform', [config.os, config.architecture, config.variant].filter(Boolean).join('/') || undefined],
  ];
  const env = splitEnv(runtime.Env);
  const labels = Object.entries(runtime.Labels ?? {});
  return (
    <section className="section" aria-labelledby="config-heading">
      <h2 id="config-heading">Config</h2>
      <dl className="properties">
        {rows.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value ? <code>{value}</code> : <span className="muted">—</span>}</dd>
          </div>
        ))}
      </dl>
      {env.length > 0 && (
        <>
          <h3>Environment</h3>
          <table className="table key-value" aria-label="Environment">
            <tbody>
              {env.map((entry, index) => (
                <tr key={`${entry.name}-${index}`}>
                  <th scope="row">{entry.name}</th>
                  <td>
                    <code>{entry.value}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {labels.length > 0 && (
        <>
          <h3>Labels</h3>
          <table className="table key-value" aria-label="Labels">
            <tbody>
              {labels.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>
                    <code>{value}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
