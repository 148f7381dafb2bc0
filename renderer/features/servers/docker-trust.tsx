import { useState } from 'react';
import type { DockerTrustResult, ServerView } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { CommandLine } from '../../components/copy-button.js';
import { Dialog, DialogButtons } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { useAction } from '../../hooks/use-action.js';

/**
 * Which way the local Docker needs to be told about a registry (its CA in certs.d, or an
 * insecure-registries entry), explained first; one click does it, or says what to run as root.
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
    return <Loading label="Working out what Docker needs…" />;
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
      {!result?.done && !plan.value.isInPlace && (
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

export function DockerTrustDialog({ server, onClose }: { server: ServerView; onClose: () => void }) {
  return (
    <Dialog title={`Make Docker trust ${server.name}`} onClose={onClose}>
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
