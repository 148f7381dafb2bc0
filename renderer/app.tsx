import { useState } from 'react';
import type { ImageInspection } from '../shared/image.js';
import { api } from './api.js';
import { statusOf } from './features/connections/connection-sidebar.js';
import {
  AddConnectionDialog,
  ConnectionSidebar,
  RemoveConnectionDialog,
  useConnections,
} from './features/connections/index.js';
import {
  DeleteImageDialog,
  DeleteTagDialog,
  ImageView,
  RepositoryPane,
  RetagDialog,
  TagPane,
  useTags,
  type ImageAction,
} from './features/explorer/index.js';
import { Empty } from './components/error-view.js';

interface Selection {
  connection?: string;
  repository?: string;
  tag?: string;
}

export function App() {
  const connections = useConnections();
  const [selection, setSelection] = useState<Selection>({});
  const [isAdding, setIsAdding] = useState(false);
  const [isRemoving, setIsRemoving] = useState(false);
  const [action, setAction] = useState<{ kind: ImageAction; image: ImageInspection }>();
  const [message, setMessage] = useState<string>();
  const [refresh, setRefresh] = useState(0);
  const { connection, repository, tag } = selection;
  const tags = useTags(connection ?? '', repository, refresh);
  const current = connections.connections.find((entry) => entry.name === connection);
  const status = connection ? statusOf(connections.statuses[connection]) : undefined;

  function finish(text: string, nextTag: string | undefined) {
    setAction(undefined);
    setMessage(text);
    setRefresh((value) => value + 1);
    setSelection((previous) => ({ ...previous, tag: nextTag }));
  }

  return (
    <div className="app">
      <ConnectionSidebar
        list={connections.list}
        connections={connections.connections}
        statuses={connections.statuses}
        selected={connection}
        onSelect={(name) => {
          setMessage(undefined);
          setSelection({ connection: name });
          // The answer arrives as a connections.status event, which the sidebar and top bar show.
          if (!connections.statuses[name]) void api.invoke('connections.test', { name });
        }}
        onAdd={() => setIsAdding(true)}
      />
      {connection && current ? (
        <div className="workspace">
          <header className="topbar">
            <nav aria-label="Breadcrumb" className="breadcrumb">
              <span className={`status-dot ${status?.tone ?? 'unknown'}`} aria-hidden="true" />
              <strong>{current.name}</strong>
              <span className="muted">{current.host}</span>
              {current.insecureHttp && <span className="badge danger">HTTP</span>}
              <span className="muted">· {status?.label}</span>
            </nav>
            <button type="button" className="button ghost small" onClick={() => setIsRemoving(true)}>
              Remove connection
            </button>
          </header>
          {message && (
            <div className="banner" role="status">
              <span>{message}</span>
              <button
                type="button"
                className="button ghost small"
                aria-label="Dismiss"
                onClick={() => setMessage(undefined)}
              >
                ✕
              </button>
            </div>
          )}
          <div className="columns">
            <RepositoryPane
              key={connection}
              connection={connection}
              selected={repository}
              onSelect={(name) => setSelection({ connection, repository: name })}
            />
            {repository ? (
              <TagPane
                key={repository}
                repository={repository}
                tags={tags}
                selected={tag}
                onSelect={(name) => setSelection({ connection, repository, tag: name })}
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
        </div>
      ) : (
        <main className="welcome">
          <h1>Your registries, at a glance</h1>
          <p className="muted">
            Browse repositories and tags, inspect images across platforms, retag and clean up — without
            pulling a byte.
          </p>
          <button type="button" className="button primary" onClick={() => setIsAdding(true)}>
            Add connection
          </button>
        </main>
      )}
      {isAdding && (
        <AddConnectionDialog
          onClose={() => setIsAdding(false)}
          onSaved={(saved) => {
            setIsAdding(false);
            connections.reload();
            setSelection({ connection: saved.name });
          }}
        />
      )}
      {isRemoving && current && (
        <RemoveConnectionDialog
          name={current.name}
          onClose={() => setIsRemoving(false)}
          onRemoved={() => {
            setIsRemoving(false);
            setSelection({});
            connections.reload();
          }}
        />
      )}
      {action && connection && repository && tag && (
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
  if (kind === 'delete-tag') return <DeleteTagDialog {...props} />;
  return <DeleteImageDialog {...props} />;
}
