import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: string;
  /** Shown after the label, e.g. a count. */
  extra?: ReactNode;
}

/**
 * A row of tabs as WAI-ARIA describes them: ←/→ move to the next tab and select it, and only the selected
 * one is in the Tab order. Tab `id` is `${idPrefix}-tab-${id}` and controls `${idPrefix}-panel-${id}`.
 */
export function TabList<T extends string>({
  tabs,
  current,
  onSelect,
  label,
  idPrefix,
}: {
  tabs: readonly TabItem<T>[];
  current: T;
  onSelect: (id: T) => void;
  label: string;
  idPrefix: string;
}) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  function onKey(event: KeyboardEvent, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + tabs.length) % tabs.length;
    onSelect(tabs[next]!.id);
    buttons.current[next]?.focus();
  }

  return (
    <div className="tab-list" role="tablist" aria-label={label}>
      {tabs.map((item, index) => (
        <button
          key={item.id}
          ref={(element) => {
            buttons.current[index] = element;
          }}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${item.id}`}
          aria-selected={current === item.id}
          aria-controls={`${idPrefix}-panel-${item.id}`}
          tabIndex={current === item.id ? 0 : -1}
          className="tab"
          onClick={() => onSelect(item.id)}
          onKeyDown={(event) => onKey(event, index)}
        >
          {item.label}
          {item.extra}
        </button>
      ))}
    </div>
  );
}
