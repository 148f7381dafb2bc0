import { useState } from 'react';
import type { DaemonConfigState, DaemonEntryCheck } from '../../../shared/contract/index.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { TabList } from '../../components/tab-list.js';
import { BackupsPanel } from './backups-panel.js';
import { sameEntries } from './daemon-logic.js';
import { EngineCheck, MirrorTest } from './engine-check.js';
import { PodmanSettings } from './podman-settings.js';
import { JsonProblemView, RawEditor } from './raw-editor.js';
import { RegistryList } from './registry-list.js';
import { ReviewAndSave } from './save-dialog.js';
import { useDaemonState } from './use-daemon.js';
import './daemon.css';

type Tab = 'registries' | 'raw' | 'backups';
const TABS: { id: Tab; label: string }[] = [
  { id: 'registries', label: 'Registries' },
  { id: 'raw', label: 'Raw JSON' },
  { id: 'backups', label: 'Backups' },
];

/**
 * The local Docker daemon's registry settings: its daemon.json, edited, saved, applied and verified. For a
 * Podman engine, its registries.conf instead, read-only.
 */
export function DaemonPage() {
  const { state, current, reload } = useDaemonState();
  // Kept here, so reading the file again after a save stays on the same tab; a file found broken opens
  // the raw text, where it can be fixed.
  const [tab, setTab] = useState<Tab>();
  const isInvalid = Boolean(current?.invalid);
  const [wasInvalid, setWasInvalid] = useState(isInvalid);
  if (isInvalid !== wasInvalid) {
    setWasInvalid(isInvalid);
    if (isInvalid) setTab('raw');
  }
  return (
    <div className="workspace">
      <header className="topbar">
        <h1 className="page-title">{current?.engine.podman ? 'Podman registries' : 'Docker daemon'}</h1>
        <span className="spacer" />
        <button type="button" className="button" onClick={reload} disabled={state.status === 'loading'}>
          Reload
        </button>
      </header>
      <div className="page-body daemon-page">
        {!current && state.status === 'loading' && <Loading label="Reading the engine's settings…" />}
        {state.status === 'error' && <ErrorView error={state.error} onRetry={reload} />}
        {current?.engine.podman && <PodmanSettings state={current} registries={current.engine.podman} />}
        {current && !current.engine.podman && (
          <DaemonSettings
            key={current.fingerprint}
            state={current}
            reload={reload}
            isReading={state.status === 'loading'}
            tab={tab ?? (current.invalid ? 'raw' : 'registries')}
            setTab={setTab}
          />
        )}
      </div>
    </div>
  );
}

function FileSummary({ state }: { state: DaemonConfigState }) {
  return (
    <dl className="summary daemon-summary">
      <div>
        <dt>File in use</dt>
        <dd className="break" title={state.file}>
          <code>{state.file}</code>
        </dd>
      </div>
      <div>
        <dt>On disk</dt>
        <dd>
          {!state.exists
            ? 'does not exist yet (saving creates it)'
            : state.invalid
              ? 'not valid JSON'
              : state.isWritable
                ? 'exists, writable'
                : 'exists, needs administrator rights'}
        </dd>
      </div>
      <div>
        <dt>Engine</dt>
        <dd title={state.reason}>
          {state.engine.host} ({state.flavour})
          {!state.engine.live && state.engine.problem ? ' — not answering' : ''}
        </dd>
      </div>
    </dl>
  );
}

function DaemonSettings({
  state,
  reload,
  isReading,
  tab,
  setTab,
}: {
  state: DaemonConfigState;
  reload: () => void;
  /** The file is being read again (after a save): its settings are remounted when it has changed. */
  isReading: boolean;
  tab: Tab;
  setTab: (tab: Tab) => void;
}) {
  return (
    <>
      <FileSummary state={state} />
      <p className="muted small">{state.reason}.</p>
      {state.invalid && (
        <div className="error-view" role="alert" aria-label="daemon.json is not valid JSON">
          <p className="error-message">{state.invalid.message}</p>
          <JsonProblemView problem={state.invalid} />
          {state.invalid.hint && <p className="error-hint">{state.invalid.hint}</p>}
        </div>
      )}
      <TabList
        tabs={TABS.map((item) => ({
          ...item,
          extra:
            item.id === 'backups' && state.backups.length > 0 ? (
              <span className="count"> {state.backups.length}</span>
            ) : undefined,
        }))}
        current={tab}
        onSelect={setTab}
        label="daemon.json"
        idPrefix="daemon"
      />
      <div
        role="tabpanel"
        id={`daemon-panel-${tab}`}
        aria-labelledby={`daemon-tab-${tab}`}
        className="daemon-panel"
      >
        {tab === 'registries' && <RegistriesTab state={state} reload={reload} isReading={isReading} />}
        {tab === 'raw' && <RawEditor state={state} onSaved={reload} />}
        {tab === 'backups' && <BackupsPanel state={state} onRestored={reload} />}
      </div>
    </>
  );
}

function RegistriesTab({
  state,
  reload,
  isReading,
}: {
  state: DaemonConfigState;
  reload: () => void;
  isReading: boolean;
}) {
  const [insecure, setInsecure] = useState<DaemonEntryCheck[]>(state.lists?.insecureRegistries ?? []);
  const [mirrors, setMirrors] = useState<DaemonEntryCheck[]>(state.lists?.registryMirrors ?? []);
  const lists = state.lists;
  const edited =
    lists !== undefined &&
    (!sameEntries(insecure, lists.insecureRegistries) || !sameEntries(mirrors, lists.registryMirrors));
  const refused = [...insecure, ...mirrors].filter((check) => !check.ok).length;
  return (
    <div className="daemon-registries">
      {!lists && (
        <p className="note danger">
          The lists cannot be edited while the file is not valid JSON. Fix it in the Raw JSON tab or restore a
          backup.
        </p>
      )}
      <div className="daemon-lists">
        <RegistryList
          listKey="insecure-registries"
          title="Insecure registries"
          description="Registries dockerd reaches over plain HTTP or without checking TLS: host[:port] or a CIDR range."
          placeholder="registry.lan:5000 or 10.0.0.0/8"
          entries={insecure}
          onChange={setInsecure}
          disabled={!lists}
        />
        <RegistryList
          listKey="registry-mirrors"
          title="Registry mirrors"
          description="Pull-through caches for Docker Hub, tried in this order. They serve pulls from Docker Hub only."
          placeholder="https://mirror.example.com"
          entries={mirrors}
          onChange={setMirrors}
          disabled={!lists}
        />
      </div>
      <div className="toolbar daemon-save-bar">
        {refused > 0 && (
          <p className="entry-error small">
            {refused === 1 ? 'One entry is' : `${refused} entries are`} refused by dockerd: remove or fix{' '}
            {refused === 1 ? 'it' : 'them'} before saving.
          </p>
        )}
        <span className="spacer" />
        <button
          type="button"
          className="button"
          disabled={!edited}
          onClick={() => {
            setInsecure(lists?.insecureRegistries ?? []);
            setMirrors(lists?.registryMirrors ?? []);
          }}
        >
          Discard changes
        </button>
        <ReviewAndSave
          disabled={!edited || refused > 0}
          file={state.file}
          fingerprint={state.fingerprint}
          change={{
            kind: 'lists',
            insecureRegistries: insecure.map((check) => check.entry),
            registryMirrors: mirrors.map((check) => check.entry),
          }}
          replacesInvalid={false}
          onSaved={reload}
        />
      </div>
      <EngineCheck state={state} hasUnsavedChanges={edited} isReading={isReading} onApplied={reload} />
      <MirrorTest mirrors={mirrors.flatMap((check) => (check.ok ? [check.value ?? check.entry] : []))} />
    </div>
  );
}
