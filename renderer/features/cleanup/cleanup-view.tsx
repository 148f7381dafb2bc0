import { useRef, useState } from 'react';
import type { ServerView } from '../../../shared/contract/servers.js';
import { deletionsOf, type CleanupRule, type PrunePreview, type PruneTag } from '../../../shared/prune.js';
import { call } from '../../api.js';
import { Dialog, DialogActions } from '../../components/dialog.js';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { useAction } from '../../hooks/use-action.js';
import { useAsync } from '../../hooks/use-async.js';
import { useFormat } from '../../i18n/format.js';
import { useT, type Translate } from '../../i18n/index.js';
import { common } from '../../i18n/messages.js';
import { cleanup as m } from './messages.js';
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
  const t = useT();
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
          <h2 id="cleanup-rules-heading">{t(m.savedRules)}</h2>
          <button
            type="button"
            className="button"
            disabled={!saved.length}
            onClick={() => setEditing({ key: Date.now() })}
          >
            {t(m.newRule)}
          </button>
        </div>
        {rules.status === 'loading' && !rules.lastValue && <Loading label={t(m.readingRules)} />}
        {!!unreadable.lastValue?.length && (
          <div className="notice" role="alert" aria-label={t(m.unreadableLabel)}>
            <strong>{t(m.unreadableCount, { count: unreadable.lastValue.length })}</strong>
            <ul className="cleanup-unreadable">
              {unreadable.lastValue.map((rule, index) => (
                <li key={`${rule.name ?? ''}-${index}`}>
                  {t.rich(m.unreadableRule, {
                    name:
                      rule.name === undefined ? (
                        t(m.ruleWithoutName)
                      ) : (
                        <strong translate="no">{rule.name}</strong>
                      ),
                    problem: rule.problem,
                  })}
                  {rule.name !== undefined && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="button small ghost"
                        aria-label={t(m.removeRule, { name: rule.name })}
                        disabled={action.busy}
                        onClick={() => void removeRule(rule.name!)}
                      >
                        {t(common.remove)}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
            <span className="muted">{t(m.unreadableNote)}</span>
          </div>
        )}
        {rules.lastValue && !list.length && (
          <Empty>{saved.length ? t(m.noRules) : t(m.addRegistryFirst)}</Empty>
        )}
        {!!list.length && (
          <ul className="cleanup-rule-list">
            {list.map((rule) => (
              <li key={rule.name} className="cleanup-rule">
                <div className="cleanup-rule-text">
                  <strong translate="no">{rule.name}</strong>
                  <span className="muted">
                    {' '}
                    <span translate="no">
                      {rule.connection} · {rule.repositories}
                    </span>{' '}
                    · {describeRule(t, rule)}
                  </span>
                </div>
                <div className="toolbar">
                  <button
                    type="button"
                    className="button small"
                    aria-label={t(m.editRule, { name: rule.name })}
                    onClick={() => setEditing({ rule, key: Date.now() })}
                  >
                    {t(common.edit)}
                  </button>
                  <button
                    type="button"
                    className="button small"
                    aria-label={t(m.previewRule, { name: rule.name })}
                    disabled={action.busy}
                    onClick={() => {
                      setEditing({ rule, key: Date.now() });
                      void previewRule(rule);
                    }}
                  >
                    {t(m.preview)}
                  </button>
                  <button
                    type="button"
                    className="button small ghost"
                    aria-label={t(m.removeRule, { name: rule.name })}
                    disabled={action.busy}
                    onClick={() => void removeRule(rule.name)}
                  >
                    {t(common.remove)}
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
          <Loading label={t(m.readingTags)} />
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
            {t(m.cancelPreview)}
          </button>
        </div>
      )}
      {action.error && <ErrorView error={action.error} />}
      {job && (
        <section
          aria-label={t(m.resultLabel)}
          className="cleanup-card"
          role="status"
          ref={(element) => element?.scrollIntoView({ block: 'nearest' })}
        >
          <h2>{t(m.result)}</h2>
          {job.status === 'running' && (
            <div className="cleanup-card-heading">
              <p>{t(m.deleting, { done: job.overall.itemsDone, total: job.overall.itemsTotal })}</p>
              <button
                type="button"
                className="button"
                onClick={() => void call('jobs.cancel', { id: job.id })}
              >
                {t(m.stopAfterTag)}
              </button>
            </div>
          )}
          {job.status === 'cancelled' && (
            <p>{t(m.stopped, { count: job.items.filter((item) => item.state === 'done').length })}</p>
          )}
          {job.status === 'failed' && job.error && <ErrorView error={job.error} />}
          {summary && (
            <>
              <p>
                {t(m.deleted, {
                  count: summary.deleted.length,
                  skipped: summary.skipped.length,
                  failed: summary.failed.length,
                })}
              </p>
              {[...summary.skipped, ...summary.failed].map((entry) => (
                <p key={`${entry.repository}:${entry.tag}`} className="muted">
                  <span translate="no">
                    {entry.repository}:{entry.tag}
                  </span>{' '}
                  — {entry.note}
                </p>
              ))}
              <div className="toolbar">
                <button
                  type="button"
                  className="button"
                  disabled={action.busy}
                  onClick={() => void previewRule(preview!.rule)}
                >
                  {t(m.previewAgain)}
                </button>
                {summary.ownServer ? (
                  <button
                    type="button"
                    className="button"
                    onClick={() => void openGarbage(summary.ownServer!)}
                  >
                    {t(m.collectGarbage)}
                  </button>
                ) : (
                  <span className="muted">{t(m.spaceComesBack)}</span>
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
              {deletions.length ? t(m.deleteTagsButton, { count: deletions.length }) : t(m.nothingToDelete)}
            </button>
          )}
        </PreviewTable>
      )}
      {isConfirming && preview && (
        <Dialog
          title={t(m.deleteTagsTitle, { count: deletions.length })}
          onClose={() => setConfirming(false)}
        >
          <div className="form">
            <p>
              {t.rich(m.deleteTagsText, {
                count: deletions.length,
                registry: <span translate="no">{preview.registry}</span>,
              })}
            </p>
            <DialogActions onCancel={() => setConfirming(false)}>
              <button type="button" className="button danger" onClick={() => void run()}>
                {t(m.deleteTags, { count: deletions.length })}
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
            summary?.deleted.length ? t(m.untaggedNote, { count: summary.deleted.length }) : undefined
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
  const t = useT();
  const format = useFormat();
  const rows = previewRows(preview.tags, showAll);
  return (
    <section aria-labelledby="cleanup-preview-heading" className="cleanup-card cleanup-preview">
      <div className="cleanup-card-heading">
        <h2 id="cleanup-preview-heading">{t(m.preview)}</h2>
        {children}
      </div>
      <p className="cleanup-totals">
        {t.rich(m.totals, {
          goes,
          total: preview.tags.length,
          repositories: preview.repositories.length,
          size: format.size(preview.collectableBytes),
          b: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <p className="muted">{t(m.measuredAgainst, { count: preview.repositories.length })}</p>
      {preview.warnings.map((warning) => (
        <p key={warning} className="warning">
          {warning}
        </p>
      ))}
      {preview.tags.length ? (
        <table className="table" aria-label={t(m.tableLabel)}>
          <thead>
            <tr>
              <th scope="col">{t(m.tag)}</th>
              <th scope="col">{t(m.action)}</th>
              <th scope="col">{t(m.date)}</th>
              <th scope="col">{t(m.why)}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((tag) => (
              <tr key={`${tag.repository}:${tag.tag}`}>
                <td translate="no">
                  {tag.repository}:{tag.tag}
                </td>
                <td>
                  <span className={tag.goes ? 'badge danger' : 'badge'}>
                    {tag.goes ? t(m.goes) : t(m.stays)}
                  </span>
                </td>
                <td>
                  {tag.date
                    ? t(m.dateWithSource, {
                        date: format.dateTime(tag.date),
                        source: tag.dateSource ?? 'built',
                      })
                    : '—'}
                </td>
                <td>{whyOf(t, preview.rule, tag)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>{t(m.noTags)}</Empty>
      )}
      {rows.length < preview.tags.length && (
        <p className="muted">
          {t(m.firstListed, { shown: rows.length, total: preview.tags.length })}{' '}
          <button type="button" className="button small" onClick={() => setShowAll(true)}>
            {t(m.showAll, { total: preview.tags.length })}
          </button>
        </p>
      )}
    </section>
  );
}

function describeRule(t: Translate, rule: CleanupRule): string {
  const parts = [
    rule.match ? t(m.ruleTags, { pattern: rule.match }) : t(m.ruleAllTags),
    rule.keep !== undefined ? t(m.ruleKeep, { keep: rule.keep }) : '',
    rule.olderThan ? t(m.ruleYounger, { age: rule.olderThan }) : '',
    rule.protect.length ? t(m.ruleProtect, { patterns: rule.protect.join(' ') }) : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Why a tag stays or goes, worded from its reason and the rule (the core's English when a fact is missing). */
function whyOf(t: Translate, rule: CleanupRule, tag: PruneTag): string {
  const keep = String(rule.keep ?? '');
  const age = rule.olderThan ?? '';
  switch (tag.reason) {
    case 'protected':
      return tag.whyDetail === undefined ? tag.why : t(m.whyProtected, { pattern: tag.whyDetail });
    case 'no-match':
      return t(m.whyNoMatch, { pattern: rule.match ?? '' });
    case 'unreadable':
      return tag.whyDetail === undefined ? tag.why : t(m.whyUnreadable, { problem: tag.whyDetail });
    case 'no-date':
      return t(m.whyNoDate);
    case 'newest':
      return t(m.whyNewest, { keep });
    case 'younger':
      return t(m.whyYounger, { age });
    case 'older':
      return rule.keep === undefined ? t(m.whyOlder, { age }) : t(m.whyOlderBeyond, { age, keep });
    case 'beyond-newest':
      return t(m.whyBeyondNewest, { keep });
  }
}
