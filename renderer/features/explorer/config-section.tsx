import type { ImageConfig } from '../../../shared/image.js';
import { useT } from '../../i18n/index.js';
import { formatCommand, splitEnv } from '../../lib/format.js';
import { sections as words } from './messages.js';

/** The runtime config of an image: what `docker run` would start and with what. */
export function ConfigSection({ config }: { config: ImageConfig }) {
  const t = useT();
  const runtime = config.config ?? {};
  const rows: Array<[string, string | undefined]> = [
    [t(words.entrypoint), formatCommand(runtime.Entrypoint)],
    [t(words.cmd), formatCommand(runtime.Cmd)],
    [t(words.workingDir), runtime.WorkingDir || undefined],
    [t(words.user), runtime.User || undefined],
    [t(words.ports), Object.keys(runtime.ExposedPorts ?? {}).join(', ') || undefined],
    [
      t(words.platform),
      [config.os, config.architecture, config.variant].filter(Boolean).join('/') || undefined,
    ],
  ];
  const env = splitEnv(runtime.Env);
  const labels = Object.entries(runtime.Labels ?? {});
  return (
    <section className="section" aria-labelledby="config-heading">
      <h2 id="config-heading">{t(words.config)}</h2>
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
          <h3>{t(words.environment)}</h3>
          <table className="table key-value" aria-label={t(words.environment)}>
            <tbody>
              {env.map((entry, index) => (
                <tr key={`${entry.name}-${index}`}>
                  <th scope="row" translate="no">
                    {entry.name}
                  </th>
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
          <h3>{t(words.labels)}</h3>
          <table className="table key-value" aria-label={t(words.labels)}>
            <tbody>
              {labels.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row" translate="no">
                    {name}
                  </th>
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
