import { useState } from 'react';
import type { ConnectionView } from '../../../shared/contract/index.js';
import { CleanupRuleSchema } from '../../../shared/contract/prune.js';
import { DEFAULT_PROTECTED, type CleanupRule } from '../../../shared/prune.js';
import { ConnectionField } from '../../components/connection-field.js';

/** The form's fields as typed: numbers and lists stay text until checked. */
interface Draft {
  name: string;
  connection: string;
  repositories: string;
  keep: string;
  match: string;
  olderThan: string;
  protect: string;
}

export function draftOf(rule: CleanupRule | undefined, connection: string): Draft {
  return {
    name: rule?.name ?? '',
    connection: rule?.connection ?? connection,
    repositories: rule?.repositories ?? '',
    keep: rule?.keep === undefined ? (rule ? '' : '5') : String(rule.keep),
    match: rule?.match ?? '',
    // No age by default: a typed "keep newest N" must not quietly also keep everything younger than 30 days.
    olderThan: rule?.olderThan ?? '',
    protect: (rule?.protect ?? DEFAULT_PROTECTED).join(', '),
  };
}

const FIELD_NAMES: Record<string, string> = {
  name: 'Name',
  connection: 'Registry',
  repositories: 'Repositories',
  keep: 'Keep newest',
  match: 'Tag pattern',
  olderThan: 'Older than',
  protect: 'Protected tags',
};

/** The draft as a rule, or the first problem in words naming the field. */
export function checkDraft(draft: Draft): { rule: CleanupRule } | { problem: string; field: string } {
  const keep = draft.keep.trim();
  if (keep !== '' && !/^\d+$/.test(keep))
    return { problem: 'Keep newest: a whole number of tags, 0 or more', field: 'keep' };
  const parsed = CleanupRuleSchema.safeParse({
    name: draft.name,
    connection: draft.connection,
    repositories: draft.repositories,
    ...(keep !== '' ? { keep: Number(keep) } : {}),
    ...(draft.match.trim() ? { match: draft.match } : {}),
    ...(draft.olderThan.trim() ? { olderThan: draft.olderThan } : {}),
    protect: draft.protect
      .split(',')
      .map((pattern) => pattern.trim())
      .filter(Boolean),
  });
  if (parsed.success) return { rule: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? 'name');
  return { problem: `${FIELD_NAMES[field] ?? field}: ${issue.message}`, field };
}

/** A rule's fields, checked as they are typed; Preview and Save take the checked rule. */
export function RuleEditor({
  connections,
  initial,
  busy,
  onPreview,
  onSave,
  onCancel,
}: {
  connections: ConnectionView[];
  initial: Draft;
  busy: boolean;
  onPreview: (rule: CleanupRule) => void;
  onSave: (rule: CleanupRule) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [isTouched, setTouched] = useState(false);
  const checked = checkDraft(draft);
  const problem = isTouched && 'problem' in checked ? checked : undefined;
  const set = (field: keyof Draft) => (event: React.ChangeEvent<HTMLInputElement>) => {
    setTouched(true);
    setDraft({ ...draft, [field]: event.target.value });
  };
  const input = (field: keyof Draft, label: string, placeholder: string, help?: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        className="input"
        value={draft[field]}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problem?.field === field}
        onChange={set(field)}
      />
      {help && <small className="muted">{help}</small>}
    </label>
  );
  return (
    <form
      className="form cleanup-card"
      aria-label="Cleanup rule"
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if ('rule' in checked) onPreview(checked.rule);
      }}
    >
      <h2>{initial.name ? `Edit rule “${initial.name}”` : 'New rule'}</h2>
      <div className="cleanup-editor-grid">
        {input('name', 'Name', 'nightly builds')}
        <ConnectionField
          connections={connections}
          value={draft.connection}
          onChange={(connection) => setDraft({ ...draft, connection })}
        />
        {input(
          'repositories',
          'Repositories',
          'team/app or team/*',
          'One repository, or a pattern with * and ?',
        )}
        {input('match', 'Tag pattern', 'all tags', 'Only these tags are considered, e.g. build-*')}
        {input('keep', 'Keep newest', 'no count', 'Of the matching tags that are not protected')}
        {input('olderThan', 'Older than', 'no age', 'Tags younger than this stay: 12h, 30d, 2w')}
        {input('protect', 'Protected tags', 'latest, v*', 'Always kept; separate with commas')}
      </div>
      {problem && (
        <p className="warning" role="alert">
          {problem.problem}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className="button primary" disabled={busy}>
          Preview
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => {
            setTouched(true);
            if ('rule' in checked) onSave(checked.rule);
          }}
        >
          Save rule
        </button>
        <button type="button" className="button ghost" onClick={onCancel}>
          Close
        </button>
      </div>
    </form>
  );
}
