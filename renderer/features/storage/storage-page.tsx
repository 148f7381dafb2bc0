import { useState } from 'react';
import { TabList } from '../../components/tab-list.js';
import { CleanupView } from '../cleanup/index.js';
import { UsageView, type UsageTarget } from './usage-view.js';
import { useT } from '../../i18n/index.js';
import { storage as m } from './messages.js';

type Tab = 'usage' | 'cleanup';

/** Where a registry's bytes are (repositories, shared layers, untagged manifests) and the rules that keep it lean. */
export function StoragePage({ target }: { target?: UsageTarget }) {
  const [tab, setTab] = useState<Tab>('usage');
  const t = useT();
  const tabs: { id: Tab; label: string }[] = [
    { id: 'usage', label: t(m.tabUsage) },
    { id: 'cleanup', label: t(m.tabCleanup) },
  ];

  return (
    <div className="workspace">
      <header className="topbar">
        <h1 className="page-title">{t(m.title)}</h1>
      </header>
      <div className="page-body storage-page">
        <TabList tabs={tabs} current={tab} onSelect={setTab} label={t(m.title)} idPrefix="storage" />
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
