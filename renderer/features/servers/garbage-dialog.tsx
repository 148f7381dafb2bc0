import { useState } from 'react';
import type { GarbageCollection, ServerView } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { Dialog, DialogButtons } from '../../components/dialog.js';
import { ErrorView } from '../../components/error-view.js';
import { formatBytes } from '../../lib/format.js';
import { summarizeDryRun } from '../../lib/registry-server.js';
import { useAction } from '../../hooks/use-action.js';

/**
 * Garbage collection in two steps: the dry run says what would go, then the real run (the registry
 * stopped meanwhile) says how much space came back.
 */
export function GarbageDialog({
  server,
  untaggedNote,
  onClose,
  isAfterCleanup = false,
}: {
  server: ServerView;
  /** Why untagged images matter this time (after a cleanup rule deleted tags, their images are untagged). */
  untaggedNote?: string;
  onClose: (changed: boolean) => void;
  /**
   * Opened after a cleanup rule deleted tags: their images are untagged now (a tag delete leaves the image),
   * so only a collection of untagged images gives their space back; the box starts ticked.
   */
  isAfterCleanup?: boolean;
}) {
  const [deleteUntagged, setDeleteUntagged] = useState(isAfterCleanup);
  const [dryRun, setDryRun] = useState<GarbageCollection>();
  const [result, setResult] = useState<GarbageCollection>();
  const action = useAction();
  const summary = dryRun && summarizeDryRun(dryRun.dryRunOutput);

  async function collect(isDryRun: boolean) {
    const done = await action.run(isDryRun ? 'dry-run' : 'collect', () =>
      call('servers.gc', {
        name: server.name,
        ...(isDryRun ? { dryRun: true } : {}),
        ...(deleteUntagged ? { deleteUntagged: true } : {}),
      }),
    );
    if (done && isDryRun) setDryRun(done);
    if (done && !isDryRun) setResult(done);
  }

  return (
    <Dialog
      title={`Collect garbage in ${server.name}`}
      onClose={() => onClose(result !== undefined)}
      wide
      busy={
        action.running === 'collect'
          ? 'Garbage collection is running: closing now would leave the registry read-only until it ends.'
          : undefined
      }
    >
      <div className="form">
        <p>
          Deleting a tag or an image removes only the image’s description; its layers stay on disk until
          garbage collection deletes the layers and configs no image refers to any more.
          {server.state === 'running' &&
            ' It must not take pushes meanwhile: Berth restarts it read-only for the collection (pulls keep working) and writable after it.'}
        </p>
        {untaggedNote && (
          <p className="notice" role="note">
            {untaggedNote}
          </p>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={deleteUntagged}
            disabled={result !== undefined}
            onChange={(event) => {
              setDeleteUntagged(event.target.checked);
              setDryRun(undefined);
            }}
          />
          Also delete images no tag points to (and then their layers)
        </label>
        {dryRun && summary && (
          <section className="section" aria-label="Dry run">
            <h3>Dry run</h3>
            <p role="status">
              {summary.blobs || summary.manifests
                ? `${summary.blobs} unused ${summary.blobs === 1 ? 'file' : 'files'} (layers, configs, image descriptions) and ${summary.manifests} untagged ${summary.manifests === 1 ? 'image' : 'images'} would be deleted; the storage holds ${formatBytes(dryRun.bytesBefore)}.`
                : `Nothing to delete; the storage holds ${formatBytes(dryRun.bytesBefore)}.`}
            </p>
            <details className="raw">
              <summary>What garbage-collect printed</summary>
              <pre>{dryRun.dryRunOutput}</pre>
            </details>
          </section>
        )}
        {result && (
          <section className="section" aria-label="Result">
            <h3>Collected</h3>
            <p className="success" role="status">
              Reclaimed {formatBytes(result.bytesReclaimed)}: the storage went from{' '}
              {formatBytes(result.bytesBefore)} to {formatBytes(result.bytesAfter)}.
            </p>
            {result.readOnly && (
              <p className="muted">
                {server.name} served pulls read-only during the collection and takes pushes again.
              </p>
            )}
          </section>
        )}
        {action.error && <ErrorView error={action.error} />}
        <DialogButtons>
          <span className="spacer" />
          {result ? (
            <button type="button" className="button primary" onClick={() => onClose(true)}>
              Done
            </button>
          ) : (
            <>
              <button type="button" className="button ghost" onClick={() => onClose(false)}>
                Cancel
              </button>
              <button
                type="button"
                className={dryRun ? 'button' : 'button primary'}
                disabled={action.busy}
                onClick={() => void collect(true)}
              >
                {action.running === 'dry-run' ? 'Looking…' : dryRun ? 'Dry run again' : 'Dry run'}
              </button>
              <button
                type="button"
                className={dryRun ? 'button primary' : 'button'}
                disabled={!dryRun || action.busy}
                onClick={() => void collect(false)}
              >
                {action.running === 'collect' ? 'Collecting…' : 'Collect garbage'}
              </button>
            </>
          )}
        </DialogButtons>
      </div>
    </Dialog>
  );
}
