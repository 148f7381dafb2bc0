import { useState } from 'react';
import './explorer.css';
import type { ConnectionStatus, ConnectionView } from '../../../shared/contract/index.js';
import type { ImageInspection } from '../../../shared/image.js';
import { Empty } from '../../components/error-view.js';
import { ConnectionStatusBar, EditConnectionDialog } from '../connections/index.js';
import { statusOf } from '../connections/connection-sidebar.js';
import { CopyDialog } from '../transfers/index.js';
import { isDockerHubHost } from '../../../shared/reference.js';
import { useNavigation } from '../../navigation.js';
import { DeleteImageDialog, DeleteTagDialog, RetagDialog } from './action-dialogs.js';
import { DeleteRepositoryDialog, DeleteTagsDialog } from './bulk-dialogs.js';
import { ImageView, type ImageAction } from './image-view.js';
import { RepositoryPane } from './repository-pane.js';
import { TagPane } from './tag-pane.js';

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
  const [deleteTags, setDeleteTags] = useState<string[]>();
  const [deleteRepository, setDeleteRepository] = useState<string>();
  const [refresh, setRefresh] = useState(0);
  const [isEditing, setIsEditing] = useState(false);
  const status = statusOf(liveStatus, isChecking);
  const navigation = useNavigation();

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
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <span className={`status-dot ${status.tone}`} aria-hidden="true" />
          <strong>{current.name}</strong>
          <span className="muted">{current.host}</span>
          {current.insecureHttp && <span className="badge danger">HTTP</span>}
          <span className="muted">· {status.label}</span>
        </nav>
        <span className="topbar-actions">
          <button
            type="button"
            className="button ghost small"
            onClick={() => navigation.diagnose(current.host, current.name)}
          >
            Diagnose
          </button>
          <button type="button" className="button ghost small" onClick={() => setIsEditing(true)}>
            Edit connection…
          </button>
          <button type="button" className="button ghost small" onClick={onRemove}>
            Remove connection
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
            aria-label="Dismiss"
            onClick={() => setNote(undefined)}
          >
            ✕
          </button>
        </div>
      )}
      <div className="columns">
        <RepositoryPane
          // A registry that comes back (started, checked again) lists its repositories anew.
          key={`${connection}\n${status.tone === 'bad' ? 'down' : 'up'}`}
          connection={connection}
          isDockerHub={current.kind === 'dockerhub' || isDockerHubHost(current.host)}
          selected={repository}
          onSelect={(name) => onSelect({ connection, repository: name })}
          onDelete={setDeleteRepository}
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
            onDeleteTags={setDeleteTags}
          />
        ) : (
          <section className="pane tags placeholder" aria-label="Tags">
            <Empty>Pick a repository to see its tags.</Empty>
          </section>
        )}
        <main className="main">
          {repository && tag ? (
            <ImageView
              key={`${repository}:${tag}`}
              connection={connection}
              repository={repository}
              tag={tag}
              onAction={(kind, image) => setAction({ kind, image })}
            />
          ) : (
            <div className="placeholder-main">
              <Empty>
                {repository ? 'Pick a tag to inspect the image.' : 'Pick a repository, then a tag.'}
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
  if (kind === 'delete-tag') return <DeleteTagDialog {...props} />;
  return <DeleteImageDialog {...props} />;
}
