import { useRef, useState, type KeyboardEvent } from 'react';
import { CleanupView } from '../cleanup/index.js';
import { UsageView, type UsageTarget } from './usage-view.js';

type Tab = 'usage' | 'cleanup';

const TABS: { id: Tab; label: string }[] = [
  { id: 'usage', label: 'Usage' },
  { id: 'cleanup', label: 'Cleanup rules' },
];

/** Where a registry's bytes are (repositories, shared layers, untagged manifests) and the rules that keep it lean. */
export function StoragePage({ target }: { target?: UsageTarget }) {
  const [tab, setTab] = useState<Tab>('usage');
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  function onTabKey(event: KeyboardEvent, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + TABS.length) % TABS.length;
    setTab(TABS[next]!.id);
    tabs.current[next]?.focus();
  }

  return (
    <div className="workspace">
      <header className="topbar">
        <h1 className="page-title">Storage</h1>
      </header>
      <div className="page-body storage-page">
        <div className="daemon-tabs" role="tablist" aria-label="Storage">
          {TABS.map((item, index) => (
            <button
              key={item.id}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`storage-tab-${item.id}`}
              aria-selected={tab === item.id}
              aria-controls={`storage-panel-${item.id}`}
              tabIndex={tab === item.id ? 0 : -1}
              className="daemon-tab"
              onClick={() => setTab(item.id)}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              {item.label}
            </button>
          ))}
        </div>
        <section role="tabpanel" id={`storage-panel-${tab}`} aria-labelledby={`storage-tab-${tab}`}>
          {tab === 'usage' ? (
            <UsageView
              key={target ? `${target.connection}/${target.repository ?? ''}` : ''}
              target={target}
            />
          ) : (
            <CleanupView />
          )}
        </section>
      </div>
    </div>
  );
}
