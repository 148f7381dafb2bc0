import { useEffect, useId, useRef, useState } from 'react';
import type { DaemonEntryCheck, DaemonListKey } from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { common } from '../../i18n/messages.js';
import { useT } from '../../i18n/index.js';
import { list as m } from './messages.js';
import { useEntryText } from './entry-text.js';
import { hasEntry, moveItem, removeItem } from './daemon-logic.js';
import { useEntryCheck } from './use-daemon.js';

interface RegistryListProps {
  listKey: DaemonListKey;
  title: string;
  description: string;
  placeholder: string;
  entries: DaemonEntryCheck[];
  onChange: (entries: DaemonEntryCheck[]) => void;
  disabled?: boolean;
}

/**
 * One registry list of daemon.json: each entry with dockerd's verdict, moved with the buttons or with
 * Alt+↑/↓ on the focused entry, removed with its button or Delete; new entries are checked as typed.
 */
export function RegistryList({
  listKey,
  title,
  description,
  placeholder,
  entries,
  onChange,
  disabled,
}: RegistryListProps) {
  const t = useT();
  const entryText = useEntryText();
  const headingId = useId();
  const rows = useRef<(HTMLLIElement | null)[]>([]);
  // The row to focus once the changed list is on screen (every move or removal is a new `entries`).
  const pendingFocus = useRef<number>(undefined);
  useEffect(() => {
    if (pendingFocus.current === undefined) return;
    rows.current[Math.min(pendingFocus.current, entries.length - 1)]?.focus();
    pendingFocus.current = undefined;
  }, [entries]);

  function move(index: number, by: -1 | 1, keepFocus = false) {
    onChange(moveItem(entries, index, by));
    if (keepFocus) pendingFocus.current = Math.max(0, Math.min(entries.length - 1, index + by));
  }
  function remove(index: number, keepFocus = false) {
    onChange(removeItem(entries, index));
    if (keepFocus) pendingFocus.current = Math.max(0, index - 1);
  }
  function onKeyDown(event: React.KeyboardEvent<HTMLLIElement>, index: number) {
    if (event.target !== event.currentTarget || disabled) return;
    const by = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
    if (by && event.altKey) move(index, by, true);
    else if (by) rows.current[index + by]?.focus();
    else if (event.key === 'Delete' || event.key === 'Backspace') remove(index, true);
    else return;
    event.preventDefault();
  }

  return (
    <section className="daemon-list" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title} <span className="count">{entries.length}</span>
      </h2>
      <p className="muted small">{description}</p>
      {entries.length === 0 ? (
        <p className="state-line empty">{t(m.none)}</p>
      ) : (
        <ul className="daemon-entries" aria-label={title}>
          {entries.map((check, index) => (
            <li
              key={`${check.entry}-${index}`}
              ref={(element) => {
                rows.current[index] = element;
              }}
              tabIndex={0}
              aria-label={check.ok ? check.entry : t(m.refusedLabel, { entry: check.entry })}
              aria-describedby={check.ok && !check.warning ? undefined : `${headingId}-entry-${index}`}
              className={check.ok ? 'daemon-entry' : 'daemon-entry invalid'}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              <div className="daemon-entry-text">
                <code>{check.entry}</code>
                {check.ok && check.value !== check.entry && (
                  <span className="muted small">
                    {t.rich(m.readsAs, { value: <span translate="no">{check.value}</span> })}
                  </span>
                )}
                {(!check.ok || check.warning) && (
                  <span
                    id={`${headingId}-entry-${index}`}
                    className={check.ok ? 'entry-warning' : 'entry-error'}
                  >
                    {entryText.problem(check)}
                  </span>
                )}
              </div>
              <div className="daemon-entry-actions">
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={t(m.moveUp, { entry: check.entry })}
                  disabled={disabled || index === 0}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={t(m.moveDown, { entry: check.entry })}
                  disabled={disabled || index === entries.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={t(m.removeEntry, { entry: check.entry })}
                  disabled={disabled}
                  onClick={() => remove(index)}
                >
                  {t(common.remove)}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <AddEntry
        listKey={listKey}
        title={title}
        placeholder={placeholder}
        entries={entries}
        disabled={disabled}
        onAdd={(check) => onChange([...entries, check])}
      />
    </section>
  );
}

function AddEntry({
  listKey,
  title,
  placeholder,
  entries,
  disabled,
  onAdd,
}: {
  listKey: DaemonListKey;
  title: string;
  placeholder: string;
  entries: DaemonEntryCheck[];
  disabled?: boolean;
  onAdd: (check: DaemonEntryCheck) => void;
}) {
  const t = useT();
  const entryText = useEntryText();
  const [text, setText] = useState('');
  const check = useEntryCheck(listKey, text);
  const messageId = useId();
  const duplicate = check?.ok && hasEntry(entries, check);
  // Typed but not checked yet still counts: Enter right after typing asks dockerd's rules itself.
  const canAdd = Boolean(text.trim()) && (!check || (check.ok && !duplicate)) && !disabled;
  const label = t(listKey === 'registry-mirrors' ? m.newMirror : m.newInsecure);

  async function add() {
    const asked = text.trim();
    if (!asked || !canAdd) return;
    const verdict =
      check ?? (await call('daemon.validate', { key: listKey, entry: asked }).catch(() => undefined));
    // A refused or repeated entry stays in the field; the line under it says why.
    if (!verdict?.ok || hasEntry(entries, verdict)) return;
    // The entry goes in as dockerd reads it (no scheme on a host, one "/" after a mirror URL).
    onAdd({ entry: verdict.value!, ok: true, value: verdict.value });
    setText('');
  }

  return (
    <form
      className="daemon-add"
      aria-label={t(m.addTo, { title })}
      onSubmit={(event) => {
        event.preventDefault();
        void add();
      }}
    >
      <div className="daemon-add-row">
        <input
          className="input"
          aria-label={label}
          placeholder={placeholder}
          value={text}
          disabled={disabled}
          spellCheck={false}
          aria-invalid={check ? !check.ok || duplicate : undefined}
          aria-describedby={messageId}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="button" disabled={!canAdd}>
          {t(common.add)}
        </button>
      </div>
      <p id={messageId} className="daemon-add-message small" aria-live="polite">
        {!text.trim() ? null : !check ? (
          <span className="muted">{t(m.checking)}</span>
        ) : !check.ok ? (
          <span className="entry-error">{entryText.problem(check)}</span>
        ) : duplicate ? (
          <span className="entry-error">
            {t.rich(m.duplicate, { value: <span translate="no">{check.value}</span> })}
          </span>
        ) : (
          <span className="muted">
            <span className="success">{t(m.accepts)}</span>
            {check.value !== text.trim() &&
              t.rich(m.acceptsAs, { value: <span translate="no">{check.value}</span> })}
            {t(m.acceptsEnd)}{' '}
            {[entryText.problem(check), ...entryText.notes(check)].filter(Boolean).join(' ')}
          </span>
        )}
      </p>
    </form>
  );
}
