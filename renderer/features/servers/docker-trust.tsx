import { useState } from 'react';
import type { DockerTrustResult, ServerView } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { CommandLine, CopyButton } from '../../components/copy-button.js';
import { Dialog, DialogButtons } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { useAction } from '../../hooks/use-action.js';

/**
 * Which way the local engine needs to be told about a registry, explained first: for dockerd its CA in
 * /etc/docker/certs.d or an insecure-registries entry; for Podman its CA in /etc/containers/certs.d
 * (rootless: ~/.config/containers/certs.d) or an insecure entry in registries.conf. One click does it (or
 * says what to run as root); registries.conf is shown as lines to add, as Berth does not edit it.
 */
export function DockerTrust({ name }: { name: string }) {
  const plan = useAsync(name, () => call('servers.dockerTrustPlan', { name }));
  const action = useAction();
  const [result, setResult] = useState<DockerTrustResult>();

  async function apply() {
    const outcome = await action.run('apply', () => call('servers.trustInDocker', { name }));
    if (outcome) setResult(outcome);
  }

  if (plan.status === 'loading' || plan.status === 'idle')
    return <Loading label="Working out what the local engine needs…" />;
  if (plan.status === 'error') return <ErrorView error={plan.error} onRetry={plan.reload} />;
  const { method, target } = plan.value;
  return (
    <>
      <p>{plan.value.explanation}</p>
      {action.error && <ErrorView error={action.error} />}
      {result && (
        <p className={result.done ? 'success' : 'warning'} role="status">
          {result.message}
        </p>
      )}
      {result?.elevation && (
        <>
          <p className="muted">{result.elevation.explanation}</p>
          <CommandLine command={result.elevation.command} label="Copy the command" />
        </>
      )}
      {plan.value.isInPlace && method !== 'none' && !result && (
        <p className="success" role="status">
          Already done: nothing to change.
        </p>
      )}
      {method === 'registries-conf' && plan.value.snippet && !plan.value.isInPlace && (
        <div className="trust-snippet">
          <pre aria-label={`Lines to add to ${target}`}>{plan.value.snippet}</pre>
          <CopyButton text={plan.value.snippet} label="Copy the lines" />
        </div>
      )}
      {method === 'registries-conf' && !plan.value.isInPlace && (
        <div className="toolbar">
          <button type="button" className="button" onClick={plan.reload}>
            Check again
          </button>
        </div>
      )}
      {method !== 'registries-conf' && !result?.done && !plan.value.isInPlace && (
        <div className="toolbar">
          <button type="button" className="button" disabled={action.busy} onClick={() => void apply()}>
            {action.busy
              ? 'Working…'
              : method === 'certs-d'
                ? `Install the CA in ${target}`
                : `Add ${plan.value.host} to insecure-registries`}
          </button>
        </div>
      )}
    </>
  );
}

export function DockerTrustDialog({
  server,
  engine,
  onClose,
}: {
  server: ServerView;
  engine: 'Docker' | 'Podman';
  onClose: () => void;
}) {
  return (
    <Dialog title={`Make ${engine} trust ${server.name}`} onClose={onClose}>
      <div className="form">
        <DockerTrust name={server.name} />
        <DialogButtons>
          <span className="spacer" />
          <button type="button" className="button primary" onClick={onClose}>
            Close
          </button>
        </DialogButtons>
      </div>
    </Dialog>
  );
}
