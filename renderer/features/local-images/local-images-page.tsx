import { useState } from 'react';
import { call } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { useT } from '../../i18n/index.js';
import { common } from '../../i18n/messages.js';
import { useNavigation } from '../../navigation.js';
import { EngineBar, EngineProblemView } from './engine-bar.js';
import type { ImageRow } from './image-rows.js';
import { ImageTable } from './image-table.js';
import { JobProgressList } from './job-progress.js';
import { localImages as words } from './messages.js';
import { PullDialog } from './pull-dialog.js';
import { PushDialog } from './push-dialog.js';
import { UntagDialog } from './untag-dialog.js';
import { useEngine } from './use-engine.js';
import { useTrackedJobs } from './use-tracked-jobs.js';
import './local-images.css';

type OpenDialog =
  { kind: 'pull' } | { kind: 'push'; row: ImageRow } | { kind: 'untag'; row: ImageRow & { name: string } };

/** The local Docker or Podman engine: which one, its images, and pulls, pushes and untags against it. */
export function LocalImagesPage() {
  const t = useT();
  const engine = useEngine();
  const { images } = engine;
  const connections = useAsync('connections', () => call('connections.list', {}));
  const saved = connections.status === 'done' ? connections.value.connections : [];
  const jobs = useTrackedJobs((job) => {
    if (job.status === 'succeeded') images.reload();
  });
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<OpenDialog>();
  const [message, setMessage] = useState('');
  const { go } = useNavigation();
  const isRunning = engine.isRunning;

  function started(id: string) {
    setDialog(undefined);
    setMessage('');
    void jobs.track(id);
  }

  return (
    <div className="workspace">
      <header className="topbar">
        <h1 className="page-title">{t(words.title)}</h1>
        <div className="toolbar">
          <button
            type="button"
            className="button"
            onClick={() => (isRunning ? images.reload() : engine.check())}
          >
            {t(common.refresh)}
          </button>
          <button
            type="button"
            className="button primary"
            disabled={!isRunning}
            onClick={() => setDialog({ kind: 'pull' })}
          >
            {t(words.pullButton)}
          </button>
        </div>
      </header>
      <div className="page-body local-images-body">
        {engine.isChecking && !engine.status && !engine.statusError && (
          <Loading label={t(words.lookingForEngine)} />
        )}
        {(engine.status || engine.list) && (
          <EngineBar
            status={engine.status}
            list={engine.list}
            switching={engine.switching || engine.isChecking}
            switchError={engine.switchError}
            notRemembered={engine.notRemembered}
            onUse={(host) => void engine.use(host)}
          />
        )}
        {engine.statusError && <ErrorView error={engine.statusError} onRetry={engine.check} />}
        {engine.listError && <ErrorView error={engine.listError} onRetry={engine.check} />}
        {engine.status && engine.list && (
          <EngineProblemView status={engine.status} list={engine.list} onCheck={engine.check} />
        )}
        <JobProgressList jobs={jobs.jobs} onDismiss={jobs.dismiss} />
        {message && (
          <p className="success" role="status">
            {message}
          </p>
        )}
        {isRunning && (
          <section className="local-images-list" aria-label={t(words.images)}>
            <input
              className="input local-images-filter"
              type="search"
              aria-label={t(words.filterLabel)}
              placeholder={t(words.filterPlaceholder)}
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
            {images.status === 'loading' && <Loading label={t(words.listing)} />}
            {images.status === 'error' && <ErrorView error={images.error} onRetry={images.reload} />}
            {images.status === 'done' && (
              <ImageTable
                images={images.value}
                filter={filter}
                onPush={(row) => setDialog({ kind: 'push', row })}
                onUntag={(row) => row.name && setDialog({ kind: 'untag', row: { ...row, name: row.name } })}
              />
            )}
          </section>
        )}
      </div>
      {dialog && dialog.kind !== 'untag' && connections.status === 'done' && !saved.length && (
        <NoRegistries onClose={() => setDialog(undefined)} onAdd={() => go({ page: 'explorer' })} />
      )}
      {dialog?.kind === 'pull' && saved.length > 0 && (
        <PullDialog connections={saved} onClose={() => setDialog(undefined)} onStarted={started} />
      )}
      {dialog?.kind === 'push' && saved.length > 0 && (
        <PushDialog
          row={dialog.row}
          connections={saved}
          onClose={() => setDialog(undefined)}
          onStarted={started}
        />
      )}
      {dialog?.kind === 'untag' && (
        <UntagDialog
          row={dialog.row}
          onClose={() => setDialog(undefined)}
          onDone={(text) => {
            setDialog(undefined);
            setMessage(text);
            images.reload();
          }}
        />
      )}
    </div>
  );
}

/** Pull and push name a saved registry; without one there is nothing to choose from yet. */
function NoRegistries({ onClose, onAdd }: { onClose: () => void; onAdd: () => void }) {
  const t = useT();
  return (
    <Dialog title={t(words.noRegistries)} onClose={onClose}>
      <div className="form">
        <p>{t(words.noRegistriesText)}</p>
        <DialogActions onCancel={onClose}>
          <button type="button" className="button primary" onClick={onAdd}>
            {t(words.goToRegistries)}
          </button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
