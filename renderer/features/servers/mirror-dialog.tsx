import type { DaemonConfigState } from '../../../shared/contract/index.js';
import type { MirrorSetup, ServerView } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { CommandLine, CopyButton } from '../../components/copy-button.js';
import { Dialog, DialogButtons } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { EngineCheck } from '../daemon/engine-check.js';
import { ReviewAndSave } from '../daemon/save-dialog.js';

/** dockerd reads a mirror with exactly one trailing slash (docker-conventions.md §1.4). */
const mirrorValue = (url: string) => `${url.replace(/\/+$/, '')}/`;

/**
 * How to use a pull-through cache: for Docker, its URL in daemon.json's registry-mirrors, through the
 * Docker daemon page's own steps (the diff, saved with a backup, dockerd reloaded and what it reports
 * compared); for Podman, the registries.conf lines to add. Docker takes mirrors for Docker Hub only, so a
 * cache of another registry is pulled through by its own name instead.
 */
export function MirrorDialog({ server, onClose }: { server: ServerView; onClose: () => void }) {
  const setup = useAsync(server.name, () => call('servers.mirrorSetup', { name: server.name }));
  return (
    <Dialog title={`Use ${server.name} as a mirror`} onClose={onClose} wide>
      <div className="form mirror-dialog">
        {(setup.status === 'loading' || setup.status === 'idle') && (
          <Loading label="Working out the mirror entries…" />
        )}
        {setup.status === 'error' && <ErrorView error={setup.error} onRetry={setup.reload} />}
        {setup.status === 'done' && <MirrorSteps setup={setup.value} />}
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

function MirrorSteps({ setup }: { setup: MirrorSetup }) {
  return (
    <>
      <section className="mirror-section" aria-labelledby="mirror-docker-heading">
        <h3 id="mirror-docker-heading">Docker</h3>
        <p>{setup.explanation}</p>
        {setup.isDockerHub ? (
          <DockerMirrorEntry mirrorUrl={setup.mirrorUrl} />
        ) : (
          <CommandLine command={setup.pullByName} label="Copy the pull command" />
        )}
      </section>
      <section className="mirror-section" aria-labelledby="mirror-podman-heading">
        <h3 id="mirror-podman-heading">Podman</h3>
        <p>
          Podman uses a mirror for any registry. Add these lines to <code>{setup.podmanFile}</code> (as its
          owner): Podman reads the file at every pull, so nothing needs restarting.
        </p>
        <div className="trust-snippet">
          <pre aria-label={`Lines to add to ${setup.podmanFile}`}>{setup.podmanSnippet}</pre>
          <CopyButton text={setup.podmanSnippet} label="Copy the lines" />
        </div>
      </section>
    </>
  );
}

/** The registry-mirrors entry, added with the Docker daemon page's review, save and apply. */
function DockerMirrorEntry({ mirrorUrl }: { mirrorUrl: string }) {
  const daemon = useAsync('daemon', () => call('daemon.read', {}));
  const state = daemon.lastValue;
  if (!state && daemon.status === 'error') return <ErrorView error={daemon.error} onRetry={daemon.reload} />;
  if (!state) return <Loading label="Reading daemon.json…" />;
  if (state.engine.podman)
    return (
      <p className="note">
        The local engine is Podman, which never reads daemon.json: use the Podman lines below.
      </p>
    );
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
  const lists = state.lists;
  const isListed = lists?.registryMirrors.some(
    (check) => mirrorValue(check.value ?? check.entry) === mirrorValue(mirrorUrl),
  );
  return (
    <>
      <p className="small muted break">
        <code>{state.file}</code>
      </p>
      {!lists && (
        <p className="note danger">
          daemon.json is not valid JSON: fix it on the Docker daemon page first, then come back.
        </p>
      )}
      {isListed ? (
        <p className="success" role="status">
          daemon.json lists {mirrorUrl} in registry-mirrors. Apply below if dockerd does not report it yet.
        </p>
      ) : (
        lists && (
          <div className="toolbar">
            <span className="muted small">
              Adds <code>{mirrorUrl}</code> to registry-mirrors, after the ones already there.
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
