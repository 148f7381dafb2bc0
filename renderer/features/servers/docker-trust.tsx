import { useState } from 'react';
import type { ReactNode } from 'react';
import type { DockerTrustPlan, DockerTrustResult, ServerView } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { CommandLine, CopyButton } from '../../components/copy-button.js';
import { Dialog, DialogButtons } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { useAction } from '../../hooks/use-action.js';
import { common } from '../../i18n/messages.js';
import { useT, type Translate } from '../../i18n/index.js';
import { data } from './data.js';
import { trust as m } from './messages.js';

/** Why the engine needs (or does not need) the change, in the interface language when the core gave its facts. */
function explanationOf(t: Translate, plan: DockerTrustPlan): ReactNode {
  const facts = plan.explanationFacts;
  if (!facts) return plan.explanation;
  const values = {
    name: data(plan.server),
    host: data(plan.host),
    target: data(plan.target),
    loopback: data(facts.loopback),
    caFile: data(facts.caFile),
    tls: facts.tls === 'self-signed' ? 'selfSigned' : facts.tls,
  };
  if (plan.method === 'none') return t.rich(m.explainLoopback, values);
  if (plan.method === 'insecure-registries') return t.rich(m.explainInsecure, values);
  if (plan.method === 'registries-conf') return t.rich(m.explainPodmanConf, values);
  return t.rich(plan.engine === 'podman' ? m.explainPodmanCertsD : m.explainCertsD, values);
}

/**
 * Which way the local engine needs to be told about a registry, explained first: for dockerd its CA in
 * /etc/docker/certs.d or an insecure-registries entry; for Podman its CA in /etc/containers/certs.d
 * (rootless: ~/.config/containers/certs.d) or an insecure entry in registries.conf. One click does it (or
 * says what to run as root); registries.conf is shown as lines to add, as Berth does not edit it.
 */
export function DockerTrust({ name }: { name: string }) {
  const t = useT();
  const plan = useAsync(name, () => call('servers.dockerTrustPlan', { name }));
  const action = useAction();
  const [result, setResult] = useState<DockerTrustResult>();

  async function apply() {
    const outcome = await action.run('apply', () => call('servers.trustInDocker', { name }));
    if (outcome) setResult(outcome);
  }

  if (plan.status === 'loading' || plan.status === 'idle') return <Loading label={t(m.working)} />;
  if (plan.status === 'error') return <ErrorView error={plan.error} onRetry={plan.reload} />;
  const { method, target } = plan.value;
  return (
    <>
      <p>{explanationOf(t, plan.value)}</p>
      {action.error && <ErrorView error={action.error} />}
      {result && (
        <p className={result.done ? 'success' : 'warning'} role="status">
          {result.message}
        </p>
      )}
      {result?.elevation && (
        <>
          <p className="muted">{result.elevation.explanation}</p>
          <CommandLine command={result.elevation.command} label={t(m.copyCommand)} />
        </>
      )}
      {plan.value.isInPlace && method !== 'none' && !result && (
        <p className="success" role="status">
          {t(m.alreadyDone)}
        </p>
      )}
      {method === 'registries-conf' && plan.value.snippet && !plan.value.isInPlace && (
        <div className="trust-snippet">
          <pre aria-label={t(m.linesToAdd, { file: target })}>{plan.value.snippet}</pre>
          <CopyButton text={plan.value.snippet} label={t(m.copyLines)} />
        </div>
      )}
      {method === 'registries-conf' && !plan.value.isInPlace && (
        <div className="toolbar">
          <button type="button" className="button" onClick={plan.reload}>
            {t(m.checkAgain)}
          </button>
        </div>
      )}
      {method !== 'registries-conf' && !result?.done && !plan.value.isInPlace && (
        <div className="toolbar">
          <button type="button" className="button" disabled={action.busy} onClick={() => void apply()}>
            {action.busy
              ? t(m.busy)
              : method === 'certs-d'
                ? t(m.installCa, { target })
                : t(m.addInsecure, { host: plan.value.host })}
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
  const t = useT();
  return (
    <Dialog title={t(m.title, { engine, name: server.name })} onClose={onClose}>
      <div className="form">
        <DockerTrust name={server.name} />
        <DialogButtons>
          <span className="spacer" />
          <button type="button" className="button primary" onClick={onClose}>
            {t(common.close)}
          </button>
        </DialogButtons>
      </div>
    </Dialog>
  );
}
