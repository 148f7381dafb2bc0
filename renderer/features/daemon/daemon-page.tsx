import { useState } from 'react';
import type { DaemonConfigState, DaemonEntryCheck } from '../../../shared/contract/index.js';
import { ErrorView, Loading } from '../../components/error-view.js';
import { TabList } from '../../components/tab-list.js';
import { useT } from '../../i18n/index.js';
import { BackupsPanel } from './backups-panel.js';
import { sameEntries } from './daemon-logic.js';
import { EngineCheck, MirrorTest } from './engine-check.js';
import { PodmanSettings } from './podman-settings.js';
import { JsonProblemView, RawEditor } from './raw-editor.js';
import { RegistryList } from './registry-list.js';
import { ReviewAndSave } from './save-dialog.js';
import { useDaemonState } from './use-daemon.js';
import { useEntryText } from './entry-text.js';
import { page as m, reasons } from './messages.js';
import './daemon.css';

type Tab = 'registries' | 'raw' | 'backups';
const TABS = [
  { id: 'registries', label: m.tabRegistries },
  { id: 'raw', label: m.tabRaw },
  { id: 'backups', label: m.tabBackups },
] as const satisfies readonly { id: Tab; label: unknown }[];

/**
 * The local Docker daemon's registry settings: its daemon.json, edited, saved, applied and verified. For a
 * Podman engine, its registries.conf instead, read-only.
 */
export function DaemonPage() {
  const t = useT();
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
        <h1 className="page-title">{t(current?.engine.podman ? m.titlePodman : m.titleDocker)}</h1>
        <span className="spacer" />
        <button type="button" className="button" onClick={reload} disabled={state.status === 'loading'}>
          {t(m.reload)}
        </button>
      </header>
      <div className="page-body daemon-page">
        {!current && state.status === 'loading' && <Loading label={t(m.reading)} />}
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

/** Why this file is the one in use, in the interface language (the core's English for an unknown code). */
function useReason(state: DaemonConfigState): string {
  const t = useT();
  return state.reasonCode ? t(reasons[state.reasonCode]) : state.reason;
}

function FileSummary({ state }: { state: DaemonConfigState }) {
  const t = useT();
  const reason = useReason(state);
  return (
    <dl className="summary daemon-summary">
      <div>
        <dt>{t(m.fileInUse)}</dt>
        <dd className="break" title={state.file}>
          <code>{state.file}</code>
        </dd>
      </div>
      <div>
        <dt>{t(m.onDisk)}</dt>
        <dd>
          {t(
            !state.exists
              ? m.onDiskMissing
              : state.invalid
                ? m.onDiskInvalid
                : state.isWritable
                  ? m.onDiskWritable
                  : m.onDiskNeedsAdmin,
          )}
        </dd>
      </div>
      <div>
        <dt>{t(m.engine)}</dt>
        <dd title={reason}>
          {t.rich(m.engineHost, {
            host: <span translate="no">{state.engine.host}</span>,
            flavour: <span translate="no">{state.flavour}</span>,
          })}
          {!state.engine.live && state.engine.problem ? t(m.engineNotAnswering) : ''}
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
  const t = useT();
  const reason = useReason(state);
  const daemonText = useEntryText();
  return (
    <>
      <FileSummary state={state} />
      <p className="muted small">{t(m.reasonSentence, { reason })}</p>
      {state.invalid && (
        <div className="error-view" role="alert" aria-label={t(m.invalidLabel)}>
          <p className="error-message">{daemonText.said(state.invalid.said, state.invalid.message)}</p>
          <JsonProblemView problem={state.invalid} />
          {state.invalid.hint && <p className="error-hint">{t(reasons.invalidHint)}</p>}
        </div>
      )}
      <TabList
        tabs={TABS.map((item) => ({
          id: item.id,
          label: t(item.label),
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
  const t = useT();
  return (
    <div className="daemon-registries">
      {!lists && <p className="note danger">{t(m.listsLocked)}</p>}
      <div className="daemon-lists">
        <RegistryList
          listKey="insecure-registries"
          title={t(m.insecureTitle)}
          description={t(m.insecureDescription)}
          placeholder={t(m.insecurePlaceholder)}
          entries={insecure}
          onChange={setInsecure}
          disabled={!lists}
        />
        <RegistryList
          listKey="registry-mirrors"
          title={t(m.mirrorsTitle)}
          description={t(m.mirrorsDescription)}
          placeholder="https://mirror.example.com"
          entries={mirrors}
          onChange={setMirrors}
          disabled={!lists}
        />
      </div>
      <div className="toolbar daemon-save-bar">
        {refused > 0 && <p className="entry-error small">{t(m.refusedEntries, { count: refused })}</p>}
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
          {t(m.discardChanges)}
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
