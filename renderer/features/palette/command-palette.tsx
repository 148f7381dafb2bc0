import { useEffect, useId, useRef, useState } from 'react';
import { Dialog, DialogButtons } from '../../components/dialog.js';
import { useT } from '../../i18n/index.js';
import { palette as m } from './messages.js';
import './palette.css';

/** One thing the palette can do: open a search result, a starred or recent place, or run a command. */
export interface PaletteItem {
  id: string;
  label: string;
  /** The label is a name (a repository, a reference): not words to translate. */
  isName?: boolean;
  /** Where it is, or what choosing it does. */
  detail?: React.ReactNode;
  /** The heading it is listed under (a registry, Starred, Commands); items of one group come together. */
  group?: string;
  /** The group is a registry's name and host, not words to translate. */
  isGroupName?: boolean;
  /** A quiet word on where it came from (index, vendor search, by name). */
  source?: string;
  isStarred?: boolean;
  run: () => void;
}

/** Consecutive items of one group together, with their positions in the whole list (↑/↓ cross groups). */
function groupsOf(items: readonly PaletteItem[]) {
  const groups: {
    title: string | undefined;
    isName: boolean;
    entries: { item: PaletteItem; position: number }[];
  }[] = [];
  items.forEach((item, position) => {
    const last = groups.at(-1);
    if (last && last.title === item.group) last.entries.push({ item, position });
    else groups.push({ title: item.group, isName: Boolean(item.isGroupName), entries: [{ item, position }] });
  });
  return groups;
}

/**
 * A command palette: one field, the items that match it, ↑/↓ to choose and Enter to run the chosen one
 * (the first by default). What the items are is the caller's; `problem` says why there is nothing to
 * run for what was typed, and is what Enter shows then.
 */
export function CommandPalette({
  title,
  label,
  placeholder,
  query,
  onQuery,
  items,
  problem,
  hint,
  maxLength,
  notes,
  isBusy = false,
  onClose,
}: {
  title: string;
  label: string;
  placeholder: string;
  query: string;
  onQuery: (query: string) => void;
  items: readonly PaletteItem[];
  problem?: string;
  /** A quiet line under the items (loading, how many more matched). */
  hint?: string;
  /** The most characters the field takes. */
  maxLength?: number;
  /** Quiet lines under the results (registries that could not be searched). */
  notes?: React.ReactNode;
  /** The items are for an earlier text: the answer for this one is on its way. */
  isBusy?: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const listId = useId();
  // The chosen item is kept by its id, not its position: results that arrive late (a vendor's search,
  // a registry listed meanwhile) move it down the list, and the cursor moves with it. Until ↑/↓ or the
  // mouse chose one (and after every keystroke), the first item is the chosen one.
  const [activeId, setActiveId] = useState<string>();
  const found = activeId === undefined ? -1 : items.findIndex((item) => item.id === activeId);
  const index = Math.max(0, found);
  const chosen = items[index];
  // Enter typed before the answer for the last keystroke came opens what that answer puts first.
  const isEnterWaiting = useRef(false);
  useEffect(() => {
    if (isBusy || !isEnterWaiting.current) return;
    isEnterWaiting.current = false;
    chosen?.run();
  }, [isBusy, chosen]);

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    const by = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (!by || !items.length || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const next = (index + by + items.length) % items.length;
    setActiveId(items[next]!.id);
    document.getElementById(`${listId}-${next}`)?.scrollIntoView({ block: 'nearest' });
  }

  return (
    <Dialog title={title} onClose={onClose} className="palette">
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (isBusy) isEnterWaiting.current = true;
          else chosen?.run();
        }}
      >
        <input
          className="input palette-input"
          role="combobox"
          aria-label={label}
          aria-expanded={items.length > 0}
          aria-controls={listId}
          aria-activedescendant={chosen ? `${listId}-${index}` : undefined}
          aria-autocomplete="list"
          placeholder={placeholder}
          spellCheck={false}
          maxLength={maxLength}
          autoComplete="off"
          value={query}
          onChange={(event) => {
            isEnterWaiting.current = false;
            onQuery(event.target.value);
            setActiveId(undefined);
          }}
          onKeyDown={onKeyDown}
        />
        <ul
          className="palette-items"
          role="listbox"
          id={listId}
          aria-label={t(m.results, { title })}
          aria-busy={isBusy}
        >
          {groupsOf(items).map((group, groupIndex) => {
            const options = group.entries.map(({ item, position }) => (
              <li
                key={item.id}
                id={`${listId}-${position}`}
                role="option"
                aria-selected={position === index}
                className={position === index ? 'palette-item active' : 'palette-item'}
                onMouseMove={() => setActiveId(item.id)}
                onClick={item.run}
              >
                <span className="palette-label">
                  {item.isStarred && (
                    <span className="palette-star" aria-label={t(m.starred)}>
                      ★
                    </span>
                  )}
                  {item.isName ? <span translate="no">{item.label}</span> : item.label}
                </span>
                <span className="palette-detail">
                  {item.detail}
                  {item.source && <span className="palette-source">{item.source}</span>}
                </span>
              </li>
            ));
            if (group.title === undefined) return options;
            const headingId = `${listId}-group-${groupIndex}`;
            return (
              <li key={`group ${groupIndex}`} role="presentation" className="palette-group">
                <div
                  className="palette-group-title"
                  id={headingId}
                  aria-hidden="true"
                  translate={group.isName ? 'no' : undefined}
                >
                  {group.title}
                </div>
                <ul role="group" aria-labelledby={headingId} className="palette-group-items">
                  {options}
                </ul>
              </li>
            );
          })}
        </ul>
        {!items.length && problem && query.trim() && <p className="muted small">{problem}</p>}
        {hint && <p className="muted small">{hint}</p>}
        {notes}
        <DialogButtons>
          <span className="palette-keys muted small" aria-hidden="true">
            {t.rich(m.keys, { kbd: (chunks) => <kbd>{chunks}</kbd> })}
          </span>
          <span className="spacer" />
          <button
            type="submit"
            className="button primary"
            disabled={!chosen}
            title={chosen ? undefined : (problem ?? t(m.typeFirst))}
          >
            {t(m.open)}
          </button>
        </DialogButtons>
      </form>
    </Dialog>
  );
}
