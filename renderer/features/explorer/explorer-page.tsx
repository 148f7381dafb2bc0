import { useCallback, useState } from 'react';
import { DiagnoseButton } from '../../components/diagnose-button.js';
import './explorer.css';
import type { ConnectionStatus, ConnectionView } from '../../../shared/contract/index.js';
import type { ImageInspection } from '../../../shared/image.js';
import { Empty } from '../../components/error-view.js';
import { PaneSeparator } from '../../components/pane-separator.js';
import { usePaneLayout } from '../../hooks/use-stored-layout.js';
import { useNavigation } from '../../navigation.js';
import { useT } from '../../i18n/index.js';
import { PANE_LIMITS } from '../../lib/pane-layout.js';
import { ConnectionStatusBar, EditConnectionDialog } from '../connections/index.js';
import { statusOf } from '../../lib/connection-state.js';
import { CopyDialog, LoadDialog, SaveDialog, SyncDialog } from '../transfers/index.js';
import { isDockerHubHost } from '../../../shared/reference.js';
import { DeleteImageDialog, DeleteTagDialog, RetagDialog } from './action-dialogs.js';
import { DeleteRepositoryDialog, DeleteTagsDialog } from './bulk-dialogs.js';
import { ImageView, type ImageAction } from './image-view.js';
import { RepositoryPane } from './repository-pane.js';
import { TagPane, type ListingOutcome } from './tag-pane.js';
import { factsOfInspection, type ImageFacts } from './tag-rows.js';
import { page, repositories, tags as tagWords } from './messages.js';

export interface ExplorerSelection {
  connection?: string;
  repository?: string;
  tag?: string;
}

/** One connection's repositories, a repository's tags and the image a tag names, side by side. */
export function ExplorerPage({
  connection: current,
  status: liveStatus,
  isChecking = false,
  selection,
  onSelect,
  onRemove,
  onEdited,
}: {
  connection: ConnectionView;
  status: ConnectionStatus | undefined;
  /** Its background check has not answered yet. */
  isChecking?: boolean;
  selection: ExplorerSelection;
  onSelect: (selection: ExplorerSelection) => void;
  onRemove: () => void;
  /** The connection was saved with new settings (perhaps a new name). */
  onEdited: (connection: ConnectionView) => void;
}) {
  const connection = current.name;
  const { repository, tag } = selection;
  const [action, setAction] = useState<{ kind: ImageAction; image: ImageInspection }>();
  // Kept with the connection it is about: switching connection takes it away.
  const [note, setNote] = useState<{ connection: string; text: string }>();
  const message = note?.connection === connection ? note.text : undefined;
  const [copyTags, setCopyTags] = useState<string[]>();
  const [saveTags, setSaveTags] = useState<string[]>();
  const [deleteTags, setDeleteTags] = useState<string[]>();
  const [deleteRepository, setDeleteRepository] = useState<string>();
  const [syncRepository, setSyncRepository] = useState<string>();
  /** The repository "Load from file…" goes into ('' = one the user names), while its dialog is open. */
  const [loadRepository, setLoadRepository] = useState<string>();
  const [refresh, setRefresh] = useState(0);
  const [isEditing, setIsEditing] = useState(false);
  const t = useT();
  const status = statusOf(t, liveStatus, isChecking);
  const navigation = useNavigation();
  // Docker Hub lists no registry-wide catalog (only a namespace at a time): its storage is per repository.
  const isDockerHub = current.kind === 'dockerhub' || isDockerHubHost(current.host);
  // A registry that comes back (started, checked again) lists its repositories anew: the pane starts over
  // each time the connection goes from down to up, never when it goes down (a namespace being typed stays).
  const [recovery, setRecovery] = useState({ connection, tone: status.tone, count: 0 });
  if (recovery.connection !== connection || recovery.tone !== status.tone) {
    const recovered = recovery.connection === connection && recovery.tone === 'bad' && status.tone === 'ok';
    setRecovery({ connection, tone: status.tone, count: recovery.count + (recovered ? 1 : 0) });
  }
  const { widths, maxima, measure, resize } = usePaneLayout();
  const columns = {
    '--repositories-width': `${widths.repositories}px`,
    '--tags-width': `${widths.tags}px`,
  } as React.CSSProperties;
  // Config facts by manifest digest: content-addressed, so one map serves every connection.
  const [facts, setFacts] = useState<ReadonlyMap<string, ImageFacts>>(() => new Map());
  // What listing a repository's tags taught, per connection: its tag count, or that it is missing.
  const [listings, setListings] = useState<{ connection: string; outcomes: Map<string, ListingOutcome> }>(
    () => ({ connection, outcomes: new Map() }),
  );
  const outcomes = listings.connection === connection ? listings.outcomes : undefined;
  const [typedName, setTypedName] = useState<{ connection: string; repository: string }>();
  const isTypedName = typedName?.connection === connection && typedName.repository === repository;
  const tagCounts = new Map<string, number>();
  for (const outcome of outcomes?.values() ?? [])
    if ('count' in outcome) tagCounts.set(outcome.repository, outcome.count);
  const selectedOutcome = repository ? outcomes?.get(repository) : undefined;
  const isSelectedMissing = !!selectedOutcome && 'isMissing' in selectedOutcome;

  const listed = useCallback(
    (outcome: ListingOutcome) =>
      setListings((current) => {
        const known =
          current.connection === connection ? current.outcomes : new Map<string, ListingOutcome>();
        const before = known.get(outcome.repository);
        if (before && JSON.stringify(before) === JSON.stringify(outcome)) return current;
        return { connection, outcomes: new Map(known).set(outcome.repository, outcome) };
      }),
    [connection],
  );

  const inspected = useCallback(
    (image: ImageInspection) =>
      setFacts((current) => {
        const learned = factsOfInspection(image);
        if (![...learned.keys()].some((digest) => !current.has(digest))) return current;
        return new Map([...current, ...learned]);
      }),
    [],
  );

  function finish(text: string, nextTag: string | undefined) {
    setAction(undefined);
    setNote({ connection, text });
    setRefresh((value) => value + 1);
    onSelect({ connection, repository, tag: nextTag });
  }

  /** A bulk delete went through (its dialog stays open with the summary): list the tags again. */
  function deleted(text: string) {
    setNote({ connection, text });
    setRefresh((value) => value + 1);
    onSelect({ connection, repository });
  }

  return (
    <div className="workspace">
      <header className="topbar">
        <nav aria-label={t(page.breadcrumb)} className="breadcrumb">
          <span className={`status-dot ${status.tone}`} aria-hidden="true" />
          <strong translate="no">{current.name}</strong>
          <span className="muted" translate="no">
            {current.host}
          </span>
          {current.insecureHttp && <span className="badge danger">{t(page.httpBadge)}</span>}
          <span className="muted">· {status.label}</span>
        </nav>
        <span className="topbar-actions">
          {!isDockerHub && (
            <button
              type="button"
              className="button ghost small"
              aria-label={t(page.storageOf, { name: current.name })}
              title={t(page.storageTitle)}
              onClick={() => navigation.go({ page: 'storage', connection })}
            >
              {t(page.storage)}
            </button>
          )}
          <DiagnoseButton host={current.host} connection={current.name} className="button ghost small" />
          <button
            type="button"
            className="button ghost small"
            aria-label={t(page.loadInto, { name: current.name })}
            title={t(page.loadTitle)}
            onClick={() => setLoadRepository('')}
          >
            {t(page.loadFromFile)}
          </button>
          <button type="button" className="button ghost small" onClick={() => setIsEditing(true)}>
            {t(page.editConnection)}
          </button>
          <button type="button" className="button ghost small" onClick={onRemove}>
            {t(page.removeConnection)}
          </button>
        </span>
      </header>
      <ConnectionStatusBar connection={current} status={liveStatus} />
      {message && (
        <div className="banner" role="status">
          <span>{message}</span>
          <button
            type="button"
            className="button ghost small"
            aria-label={t(page.dismiss)}
            onClick={() => setNote(undefined)}
          >
            ✕
          </button>
        </div>
      )}
      <div className="columns" ref={measure} style={columns}>
        <RepositoryPane
          key={`${connection}\n${recovery.count}`}
          connection={connection}
          isDockerHub={isDockerHub}
          selected={repository}
          tagCounts={tagCounts}
          canDeleteSelected={!isSelectedMissing}
          onSelect={(name, isTyped) => {
            setTypedName(isTyped ? { connection, repository: name } : undefined);
            onSelect({ connection, repository: name });
          }}
          onDelete={setDeleteRepository}
          onSync={setSyncRepository}
          onLoad={setLoadRepository}
        />
        <PaneSeparator
          label={t(page.resizeRepositories)}
          width={widths.repositories}
          min={PANE_LIMITS.repositories.min}
          max={maxima.repositories}
          onResize={(width) => resize('repositories', width)}
        />
        {repository ? (
          <TagPane
            key={repository}
            connection={connection}
            repository={repository}
            refresh={refresh}
            selected={tag}
            onSelect={(name) => onSelect({ connection, repository, tag: name })}
            onCopyTags={setCopyTags}
            onSaveTags={setSaveTags}
            onDeleteTags={setDeleteTags}
            facts={facts}
            isTypedName={isTypedName}
            onListed={listed}
            onBack={() => {
              onSelect({ connection });
              document
                .querySelector<HTMLElement>(`[role=listbox][aria-label="${t(repositories.repositories)}"]`)
                ?.focus();
            }}
            onCorrectName={() => {
              const input = document.getElementById('open-repository');
              if (input instanceof HTMLInputElement) {
                input.focus();
                input.select();
              }
            }}
          />
        ) : (
          <section className="pane tags placeholder" aria-label={t(tagWords.tags)}>
            <Empty>{t(page.pickRepositoryForTags)}</Empty>
          </section>
        )}
        <PaneSeparator
          label={t(page.resizeTags)}
          width={widths.tags}
          min={PANE_LIMITS.tags.min}
          max={maxima.tags}
          onResize={(width) => resize('tags', width)}
        />
        <main className="main">
          {repository && tag ? (
            <ImageView
              key={`${repository}:${tag}`}
              connection={connection}
              repository={repository}
              tag={tag}
              onAction={(kind, image) => setAction({ kind, image })}
              onInspected={inspected}
            />
          ) : (
            <div className="placeholder-main">
              <Empty>
                {repository && !isSelectedMissing ? t(page.pickTag) : t(page.pickRepositoryThenTag)}
              </Empty>
            </div>
          )}
        </main>
      </div>
      {copyTags && repository && (
        <CopyDialog
          connection={connection}
          repository={repository}
          tags={copyTags}
          onClose={() => setCopyTags(undefined)}
        />
      )}
      {saveTags && repository && (
        <SaveDialog
          connection={connection}
          repository={repository}
          tags={saveTags}
          onClose={() => setSaveTags(undefined)}
        />
      )}
      {deleteTags && repository && (
        <DeleteTagsDialog
          connection={connection}
          repository={repository}
          tags={deleteTags}
          onClose={() => setDeleteTags(undefined)}
          onDone={deleted}
        />
      )}
      {deleteRepository && (
        <DeleteRepositoryDialog
          connection={connection}
          repository={deleteRepository}
          onClose={() => setDeleteRepository(undefined)}
          onDone={deleted}
        />
      )}
      {loadRepository !== undefined && (
        <LoadDialog
          connection={connection}
          repository={loadRepository}
          onClose={() => setLoadRepository(undefined)}
        />
      )}
      {syncRepository && (
        <SyncDialog
          connection={connection}
          repository={syncRepository}
          onClose={() => setSyncRepository(undefined)}
        />
      )}
      {isEditing && (
        <EditConnectionDialog
          connection={current}
          onClose={() => setIsEditing(false)}
          onSaved={(saved) => {
            setIsEditing(false);
            onEdited(saved);
          }}
        />
      )}
      {action && repository && tag && (
        <ActionDialog
          kind={action.kind}
          props={{
            connection,
            repository,
            tag,
            image: action.image,
            onClose: () => setAction(undefined),
            onDone: finish,
          }}
        />
      )}
    </div>
  );
}

function ActionDialog({
  kind,
  props,
}: {
  kind: ImageAction;
  props: React.ComponentProps<typeof RetagDialog>;
}) {
  if (kind === 'retag') return <RetagDialog {...props} />;
  if (kind === 'copy')
    return (
      <CopyDialog
        connection={props.connection}
        repository={props.repository}
        tags={[props.tag]}
        image={props.image}
        onClose={props.onClose}
      />
    );
  if (kind === 'save')
    return (
      <SaveDialog
        connection={props.connection}
        repository={props.repository}
        tags={[props.tag]}
        image={props.image}
        onClose={props.onClose}
      />
    );
  if (kind === 'delete-tag') return <DeleteTagDialog {...props} />;
  return <DeleteImageDialog {...props} />;
}
