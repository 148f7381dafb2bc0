import { useState } from 'react';
import { TabList } from '../../components/tab-list.js';
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

  return (
    <div className="workspace">
      <header className="topbar">
        <h1 className="page-title">Storage</h1>
      </header>
      <div className="page-body storage-page">
        <TabList tabs={TABS} current={tab} onSelect={setTab} label="Storage" idPrefix="storage" />
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
