import type { DaemonConfigState } from '../../../shared/contract/index.js';
import type { MirrorSetup, ServerView } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { CommandLine, CopyButton } from '../../components/copy-button.js';
import { Dialog, DialogButtons } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { EngineCheck } from '../daemon/engine-check.js';
import { ReviewAndSave } from '../daemon/save-dialog.js';
import { common } from '../../i18n/messages.js';
import { useT } from '../../i18n/index.js';
import { data } from './data.js';
import { mirror as m, trust } from './messages.js';

/** dockerd reads a mirror with exactly one trailing slash (docker-conventions.md §1.4). */
const mirrorValue = (url: string) => `${url.replace(/\/+$/, '')}/`;

/**
 * How to use a pull-through cache: for Docker, its URL in daemon.json's registry-mirrors, through the
 * Docker daemon page's own steps (the diff, saved with a backup, dockerd reloaded and what it reports
 * compared); for Podman, the registries.conf lines to add. Docker takes mirrors for Docker Hub only, so a
 * cache of another registry is pulled through by its own name instead.
 */
export function MirrorDialog({ server, onClose }: { server: ServerView; onClose: () => void }) {
  const t = useT();
  const setup = useAsync(server.name, () => call('servers.mirrorSetup', { name: server.name }));
  return (
    <Dialog title={t(m.title, { name: server.name })} onClose={onClose} wide>
      <div className="form mirror-dialog">
        {(setup.status === 'loading' || setup.status === 'idle') && <Loading label={t(m.working)} />}
        {setup.status === 'error' && <ErrorView error={setup.error} onRetry={setup.reload} />}
        {setup.status === 'done' && <MirrorSteps setup={setup.value} upstream={server.proxy?.remoteUrl} />}
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

function MirrorSteps({ setup, upstream }: { setup: MirrorSetup; upstream: string | undefined }) {
  const t = useT();
  const explanation =
    setup.upstreamHost === undefined || setup.example === undefined
      ? setup.explanation
      : setup.isDockerHub
        ? t.rich(m.explainHub, { url: data(setup.mirrorUrl), name: data(setup.server) })
        : t.rich(m.explainOther, {
            name: data(setup.server),
            upstream: data(upstream ?? setup.upstreamHost),
            upstreamHost: data(setup.upstreamHost),
            pull: <code>{setup.pullByName}</code>,
            image: data(`${setup.upstreamHost}/${setup.example}`),
          });
  return (
    <>
      <section className="mirror-section" aria-labelledby="mirror-docker-heading">
        <h3 id="mirror-docker-heading">Docker</h3>
        <p>{explanation}</p>
        {setup.isDockerHub ? (
          <DockerMirrorEntry mirrorUrl={setup.mirrorUrl} />
        ) : (
          <CommandLine command={setup.pullByName} label={t(m.copyPull)} />
        )}
      </section>
      <section className="mirror-section" aria-labelledby="mirror-podman-heading">
        <h3 id="mirror-podman-heading">Podman</h3>
        <p>
          {t.rich(m.podman, {
            file: setup.podmanFile,
            code: (chunks) => <code>{chunks}</code>,
          })}
        </p>
        <div className="trust-snippet">
          <pre aria-label={t(trust.linesToAdd, { file: setup.podmanFile })}>{setup.podmanSnippet}</pre>
          <CopyButton text={setup.podmanSnippet} label={t(trust.copyLines)} />
        </div>
      </section>
    </>
  );
}

/** The registry-mirrors entry, added with the Docker daemon page's review, save and apply. */
function DockerMirrorEntry({ mirrorUrl }: { mirrorUrl: string }) {
  const t = useT();
  const daemon = useAsync('daemon', () => call('daemon.read', {}));
  const state = daemon.lastValue;
  if (!state && daemon.status === 'error') return <ErrorView error={daemon.error} onRetry={daemon.reload} />;
  if (!state) return <Loading label={t(m.readingDaemon)} />;
  if (state.engine.podman) return <p className="note">{t(m.engineIsPodman)}</p>;
  return (
    <DockerMirrorChange
      state={state}
      mirrorUrl={mirrorUrl}
      reload={daemon.reload}
      isReading={daemon.status === 'loading'}
    />
  );
}

function DockerMirrorChange({
  state,
  mirrorUrl,
  reload,
  isReading,
}: {
  state: DaemonConfigState;
  mirrorUrl: string;
  reload: () => void;
  isReading: boolean;
}) {
  const t = useT();
  const lists = state.lists;
  const isListed = lists?.registryMirrors.some(
    (check) => mirrorValue(check.value ?? check.entry) === mirrorValue(mirrorUrl),
  );
  return (
    <>
      <p className="small muted break">
        <code>{state.file}</code>
      </p>
      {!lists && <p className="note danger">{t(m.invalidJson)}</p>}
      {isListed ? (
        <p className="success" role="status">
          {t.rich(m.listed, { url: data(mirrorUrl) })}
        </p>
      ) : (
        lists && (
          <div className="toolbar">
            <span className="muted small">
              {t.rich(m.adds, { url: mirrorUrl, code: (chunks) => <code>{chunks}</code> })}
            </span>
            <span className="spacer" />
            <ReviewAndSave
              disabled={false}
              file={state.file}
              fingerprint={state.fingerprint}
              change={{
                kind: 'lists',
                insecureRegistries: lists.insecureRegistries.map((check) => check.entry),
                registryMirrors: [...lists.registryMirrors.map((check) => check.entry), mirrorUrl],
              }}
              replacesInvalid={false}
              onSaved={reload}
            />
          </div>
        )
      )}
      <EngineCheck state={state} hasUnsavedChanges={false} isReading={isReading} onApplied={reload} />
    </>
  );
}
