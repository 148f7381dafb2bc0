import { useState } from 'react';
import type { GarbageCollection, ServerView } from '../../../shared/contract/servers.js';
import { call } from '../../api.js';
import { Dialog, DialogButtons } from '../../components/dialog.js';
import { ErrorView } from '../../components/error-view.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { common } from '../../i18n/messages.js';
import { garbage as m } from './messages.js';
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
  const t = useT();
  const format = useFormat();
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
      title={t(m.title, { name: server.name })}
      onClose={() => onClose(result !== undefined)}
      wide
      busy={action.running === 'collect' ? t(m.busy) : undefined}
    >
      <div className="form">
        <p>{t(server.state === 'running' ? m.introRunning : m.intro)}</p>
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
          {t(m.deleteUntagged)}
        </label>
        {dryRun && summary && (
          <section className="section" aria-label={t(m.dryRun)}>
            <h3>{t(m.dryRun)}</h3>
            <p role="status">
              {summary.blobs || summary.manifests
                ? t(m.wouldDelete, {
                    files: summary.blobs,
                    untagged: summary.manifests,
                    size: format.size(dryRun.bytesBefore),
                  })
                : t(m.nothingToDelete, { size: format.size(dryRun.bytesBefore) })}
            </p>
            <details className="raw">
              <summary>{t(m.printed)}</summary>
              <pre>{dryRun.dryRunOutput}</pre>
            </details>
          </section>
        )}
        {result && (
          <section className="section" aria-label={t(m.result)}>
            <h3>{t(m.collected)}</h3>
            <p className="success" role="status">
              {t(m.reclaimed, {
                reclaimed: format.size(result.bytesReclaimed),
                before: format.size(result.bytesBefore),
                after: format.size(result.bytesAfter),
              })}
            </p>
            {result.readOnly && <p className="muted">{t(m.readOnly, { name: server.name })}</p>}
          </section>
        )}
        {action.error && <ErrorView error={action.error} />}
        <DialogButtons>
          <span className="spacer" />
          {result ? (
            <button type="button" className="button primary" onClick={() => onClose(true)}>
              {t(common.done)}
            </button>
          ) : (
            <>
              <button type="button" className="button ghost" onClick={() => onClose(false)}>
                {t(common.cancel)}
              </button>
              <button
                type="button"
                className={dryRun ? 'button' : 'button primary'}
                disabled={action.busy}
                onClick={() => void collect(true)}
              >
                {action.running === 'dry-run' ? t(m.looking) : dryRun ? t(m.dryRunAgain) : t(m.dryRun)}
              </button>
              <button
                type="button"
                className={dryRun ? 'button primary' : 'button'}
                disabled={!dryRun || action.busy}
                onClick={() => void collect(false)}
              >
                {action.running === 'collect' ? t(m.collecting) : t(m.collect)}
              </button>
            </>
          )}
        </DialogButtons>
      </div>
    </Dialog>
  );
}
