import { useRef, useState } from 'react';
import type { ServerView } from '../../../shared/contract/servers.js';
import { deletionsOf, type CleanupRule, type PrunePreview } from '../../../shared/prune.js';
import { call } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { useAction } from '../../hooks/use-action.js';
import { useAsync } from '../../hooks/use-async.js';
import { formatBytes, formatDate } from '../../lib/format.js';
import { GarbageDialog } from '../servers/index.js';
import { useJobs } from '../transfers/index.js';
import { previewRows } from './preview-rows.js';
import { draftOf, RuleEditor } from './rule-editor.js';
import './cleanup.css';

/** Saved cleanup rules, their editor, the preview (every tag, stays or goes, and why) and the run. */
export function CleanupView() {
  const rules = useAsync('rules', () => call('prune.rules', {}));
  const unreadable = useAsync('unreadable rules', () => call('prune.unreadableRules', {}));
  const connections = useAsync('connections', () => call('connections.list', {}));
  const [editing, setEditing] = useState<{ rule?: CleanupRule; key: number }>();
  const [preview, setPreview] = useState<PrunePreview>();
  const [isConfirming, setConfirming] = useState(false);
  const [jobId, setJobId] = useState<string>();
  const [gcServer, setGcServer] = useState<ServerView>();
  const previewIdRef = useRef<string | undefined>(undefined);
  const cancelledRef = useRef<string | undefined>(undefined);
  const action = useAction();
  const { jobs } = useJobs();
  const job = jobs.find((candidate) => candidate.id === jobId);
  const summary = job?.kind === 'prune' && job.status === 'succeeded' ? job.result : undefined;
  const saved = connections.status === 'done' ? connections.value.connections : [];

  async function previewRule(rule: CleanupRule) {
    setPreview(undefined);
    setJobId(undefined);
    const previewId = crypto.randomUUID();
    previewIdRef.current = previewId;
    const done = await action.run('preview', () => call('prune.preview', { rule, previewId }));
    previewIdRef.current = undefined;
    // A preview the user cancelled ends quietly, as asked: no error box for it.
    if (cancelledRef.current === previewId) action.clearError();
    if (done) setPreview(done);
  }

  async function saveRule(rule: CleanupRule) {
    const done = await action.run('save', () =>
      call('prune.saveRule', { rule, ...(editing?.rule ? { previousName: editing.rule.name } : {}) }),
    );
    if (done) {
      setEditing({ rule: done, key: Date.now() });
      rules.reload();
      unreadable.reload();
    }
  }

  async function removeRule(name: string) {
    if (await action.run('remove', () => call('prune.removeRule', { name }))) {
      rules.reload();
      unreadable.reload();
    }
  }
  const deletions = deletionsOf({ tags: preview?.tags ?? [] });

  async function run() {
    if (!preview) return;
    setConfirming(false);
    const started = await action.run('run', () =>
      call('jobs.start', {
        kind: 'prune',
        connection: preview.rule.connection,
        ...(editing?.rule ? { rule: preview.rule.name } : {}),
        deletions,
      }),
    );
    if (started) setJobId(started.id);
  }

  async function openGarbage(name: string) {
    const listed = await action.run('gc', () => call('servers.list', {}));
    const server = listed?.servers.find((candidate) => candidate.name === name);
    if (server) setGcServer(server);
  }

  if (rules.status === 'error') return <ErrorView error={rules.error} onRetry={rules.reload} />;
  const list = rules.lastValue ?? [];
  const defaultConnection = saved[0]?.name ?? '';
  return (
    <div className="cleanup-view">
      <section aria-labelledby="cleanup-rules-heading" className="cleanup-card">
        <div className="cleanup-card-heading">
          <h2 id="cleanup-rules-heading">Saved rules</h2>
          <button
            type="button"
            className="button"
            disabled={!saved.length}
            onClick={() => setEditing({ key: Date.now() })}
          >
            New rule
          </button>
        </div>
        {rules.status === 'loading' && !rules.lastValue && <Loading label="Reading the saved rules" />}
        {!!unreadable.lastValue?.length && (
          <div className="notice" role="alert" aria-label="Rules that cannot be run">
            <strong>
              {unreadable.lastValue.length === 1
                ? 'One saved rule cannot be run'
                : `${unreadable.lastValue.length} saved rules cannot be run`}
            </strong>
            <ul className="cleanup-unreadable">
              {unreadable.lastValue.map((rule, index) => (
                <li key={`${rule.name ?? ''}-${index}`}>
                  {rule.name === undefined ? 'A rule without a name' : <strong>{rule.name}</strong>}:{' '}
                  {rule.problem}
                  {rule.name !== undefined && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="button small ghost"
                        aria-label={`Remove ${rule.name}`}
                        disabled={action.busy}
                        onClick={() => void removeRule(rule.name!)}
                      >
                        Remove
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
            <span className="muted">
              It was changed by hand in Berth&apos;s settings file: correct it there, or remove it here and
              make it again. Nothing is deleted by it.
            </span>
          </div>
        )}
        {rules.lastValue && !list.length && (
          <Empty>
            {saved.length
              ? 'No cleanup rules yet. A rule keeps the newest tags or the young ones and deletes the rest, after a preview.'
              : 'Add a registry first: a cleanup rule works on a saved registry.'}
          </Empty>
        )}
        {!!list.length && (
          <ul className="cleanup-rule-list">
            {list.map((rule) => (
              <li key={rule.name} className="cleanup-rule">
                <div className="cleanup-rule-text">
                  <strong>{rule.name}</strong>
                  <span className="muted">
                    {' '}
                    {rule.connection} · {rule.repositories} · {describeRule(rule)}
                  </span>
                </div>
                <div className="toolbar">
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Edit ${rule.name}`}
                    onClick={() => setEditing({ rule, key: Date.now() })}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Preview ${rule.name}`}
                    disabled={action.busy}
                    onClick={() => {
                      setEditing({ rule, key: Date.now() });
                      void previewRule(rule);
                    }}
                  >
                    Preview
                  </button>
                  <button
                    type="button"
                    className="button small ghost"
                    aria-label={`Remove ${rule.name}`}
                    disabled={action.busy}
                    onClick={() => void removeRule(rule.name)}
                  >
                    Remove
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {editing && (
        <RuleEditor
          key={editing.key}
          connections={saved}
          initial={draftOf(editing.rule, defaultConnection)}
          busy={action.busy}
          onPreview={(rule) => void previewRule(rule)}
          onSave={(rule) => void saveRule(rule)}
          onCancel={() => {
            setEditing(undefined);
            setPreview(undefined);
          }}
        />
      )}
      {action.running === 'preview' && (
        <div className="cleanup-previewing">
          <Loading label="Reading tags, dates and sizes" />
          <button
            type="button"
            className="button small"
            onClick={() => {
              const previewId = previewIdRef.current;
              if (!previewId) return;
              cancelledRef.current = previewId;
              void call('prune.cancelPreview', { previewId });
            }}
          >
            Cancel preview
          </button>
        </div>
      )}
      {action.error && <ErrorView error={action.error} />}
      {job && (
        <section
          aria-label="Cleanup result"
          className="cleanup-card"
          role="status"
          ref={(element) => element?.scrollIntoView({ block: 'nearest' })}
        >
          <h2>Result</h2>
          {job.status === 'running' && (
            <div className="cleanup-card-heading">
              <p>
                Deleting… {job.overall.itemsDone} of {job.overall.itemsTotal} done.
              </p>
              <button
                type="button"
                className="button"
                onClick={() => void call('jobs.cancel', { id: job.id })}
              >
                Stop after this tag
              </button>
            </div>
          )}
          {job.status === 'cancelled' && (
            <p>
              Stopped: {countOf(job.items.filter((item) => item.state === 'done').length, 'tag')} deleted
              before the stop; the rest were not touched.
            </p>
          )}
          {job.status === 'failed' && job.error && <ErrorView error={job.error} />}
          {summary && (
            <>
              <p>
                Deleted {countOf(summary.deleted.length, 'tag')}; {summary.skipped.length} skipped,{' '}
                {summary.failed.length} failed.
              </p>
              {[...summary.skipped, ...summary.failed].map((entry) => (
                <p key={`${entry.repository}:${entry.tag}`} className="muted">
                  {entry.repository}:{entry.tag} — {entry.note}
                </p>
              ))}
              <div className="toolbar">
                <button
                  type="button"
                  className="button"
                  disabled={action.busy}
                  onClick={() => void previewRule(preview!.rule)}
                >
                  Preview again
                </button>
                {summary.ownServer ? (
                  <button
                    type="button"
                    className="button"
                    onClick={() => void openGarbage(summary.ownServer!)}
                  >
                    Collect garbage…
                  </button>
                ) : (
                  <span className="muted">The space comes back when the registry collects garbage.</span>
                )}
              </div>
            </>
          )}
        </section>
      )}
      {preview && (
        <PreviewTable preview={preview}>
          {!jobId && (
            <button
              type="button"
              className="button danger"
              disabled={!deletions.length || action.busy}
              onClick={() => setConfirming(true)}
            >
              {deletions.length ? `Delete ${countOf(deletions.length, 'tag')}…` : 'Nothing to delete'}
            </button>
          )}
        </PreviewTable>
      )}
      {isConfirming && preview && (
        <Dialog title={`Delete ${countOf(deletions.length, 'tag')}?`} onClose={() => setConfirming(false)}>
          <div className="form">
            <p>
              {countOf(deletions.length, 'tag')} in {preview.registry} go, exactly as the preview shows; a tag
              that moved since is skipped. Other tags on the same images stay.
            </p>
            <DialogActions onCancel={() => setConfirming(false)}>
              <button type="button" className="button danger" onClick={() => void run()}>
                Delete {countOf(deletions.length, 'tag')}
              </button>
            </DialogActions>
          </div>
        </Dialog>
      )}
      {gcServer && (
        <GarbageDialog
          server={gcServer}
          isAfterCleanup
          untaggedNote={
            summary?.deleted.length
              ? `The ${countOf(summary.deleted.length, 'tag')} the rule deleted left ${summary.deleted.length === 1 ? 'its image untagged: its layers come' : 'their images untagged: their layers come'} back only with “Also delete images no tag points to”, ticked here.`
              : undefined
          }
          onClose={() => setGcServer(undefined)}
        />
      )}
    </div>
  );
}

function PreviewTable({ preview, children }: { preview: PrunePreview; children: React.ReactNode }) {
  const goes = preview.tags.filter((tag) => tag.goes).length;
  const [showAll, setShowAll] = useState(false);
  const rows = previewRows(preview.tags, showAll);
  return (
    <section aria-labelledby="cleanup-preview-heading" className="cleanup-card cleanup-preview">
      <div className="cleanup-card-heading">
        <h2 id="cleanup-preview-heading">Preview</h2>
        {children}
      </div>
      <p className="cleanup-totals">
        {countOf(goes, 'tag')} of {preview.tags.length} go in{' '}
        {countOf(preview.repositories.length, 'repository', 'repositories')};{' '}
        <strong>{formatBytes(preview.collectableBytes)}</strong> become collectable.
      </p>
      <p className="muted">{preview.measuredAgainst}</p>
      {preview.warnings.map((warning) => (
        <p key={warning} className="warning">
          {warning}
        </p>
      ))}
      {preview.tags.length ? (
        <table className="table" aria-label="Tags the rule keeps and deletes">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Action</th>
              <th scope="col">Date</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((tag) => (
              <tr key={`${tag.repository}:${tag.tag}`}>
                <td>
                  {tag.repository}:{tag.tag}
                </td>
                <td>
                  <span className={tag.goes ? 'badge danger' : 'badge'}>{tag.goes ? 'Goes' : 'Stays'}</span>
                </td>
                <td>{tag.date ? `${formatDate(tag.date)} (${tag.dateSource})` : '—'}</td>
                <td>{tag.why}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>No tags: nothing the rule covers.</Empty>
      )}
      {rows.length < preview.tags.length && (
        <p className="muted">
          The first {rows.length} of {preview.tags.length} tags are listed, those that go first.{' '}
          <button type="button" className="button small" onClick={() => setShowAll(true)}>
            Show all {preview.tags.length}
          </button>
        </p>
      )}
    </section>
  );
}

function describeRule(rule: CleanupRule): string {
  const parts = [
    rule.match ? `tags ${rule.match}` : 'all tags',
    rule.keep !== undefined ? `keep newest ${rule.keep}` : '',
    rule.olderThan ? `keep any younger than ${rule.olderThan}` : '',
    rule.protect.length ? `protect ${rule.protect.join(' ')}` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}
