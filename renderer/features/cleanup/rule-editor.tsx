import { useState } from 'react';
import type { ConnectionView } from '../../../shared/contract/index.js';
import { CleanupRuleSchema } from '../../../shared/contract/prune.js';
import { DEFAULT_PROTECTED, type CleanupRule } from '../../../shared/prune.js';
import { ConnectionField } from '../../components/connection-field.js';
import { useT, type Message, type Translate } from '../../i18n/index.js';
import { common } from '../../i18n/messages.js';
import { cleanup as cleanupWords, editor as m } from './messages.js';

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

const FIELD_NAMES: Record<string, Message> = {
  name: m.name,
  connection: m.registry,
  repositories: m.repositories,
  keep: m.keep,
  match: m.match,
  olderThan: m.olderThan,
  protect: m.protect,
};

/** The draft as a rule, or the first problem in words naming the field. */
export function checkDraft(
  t: Translate,
  draft: Draft,
): { rule: CleanupRule } | { problem: string; field: string } {
  const keep = draft.keep.trim();
  if (keep !== '' && !/^\d+$/.test(keep))
    return { problem: t(m.problem, { field: t(m.keep), problem: t(m.keepWhole) }), field: 'keep' };
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
  const label = FIELD_NAMES[field];
  return { problem: t(m.problem, { field: label ? t(label) : field, problem: issue.message }), field };
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
  const t = useT();
  const checked = checkDraft(t, draft);
  const problem = isTouched && 'problem' in checked ? checked : undefined;
  const set = (field: keyof Draft) => (event: React.ChangeEvent<HTMLInputElement>) => {
    setTouched(true);
    setDraft({ ...draft, [field]: event.target.value });
  };
  const input = (field: keyof Draft, label: Message, placeholder: Message | string, help?: Message) => (
    <label className="field">
      <span>{t(label)}</span>
      <input
        className="input"
        translate={typeof placeholder === 'string' ? 'no' : undefined}
        value={draft[field]}
        placeholder={typeof placeholder === 'string' ? placeholder : t(placeholder)}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problem?.field === field}
        onChange={set(field)}
      />
      {help && <small className="muted">{t(help)}</small>}
    </label>
  );
  return (
    <form
      className="form cleanup-card"
      aria-label={t(m.formLabel)}
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if ('rule' in checked) onPreview(checked.rule);
      }}
    >
      <h2>{initial.name ? t(m.editTitle, { name: initial.name }) : t(m.newTitle)}</h2>
      <div className="cleanup-editor-grid">
        {input('name', m.name, m.namePlaceholder)}
        <ConnectionField
          connections={connections}
          value={draft.connection}
          onChange={(connection) => setDraft({ ...draft, connection })}
        />
        {input('repositories', m.repositories, 'team/app, team/*', m.repositoriesHelp)}
        {input('match', m.match, m.matchPlaceholder, m.matchHelp)}
        {input('keep', m.keep, m.keepPlaceholder, m.keepHelp)}
        {input('olderThan', m.olderThan, m.olderThanPlaceholder, m.olderThanHelp)}
        {input('protect', m.protect, 'latest, v*', m.protectHelp)}
      </div>
      {problem && (
        <p className="warning" role="alert">
          {problem.problem}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className="button primary" disabled={busy}>
          {t(cleanupWords.preview)}
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
          {t(m.saveRule)}
        </button>
        <button type="button" className="button ghost" onClick={onCancel}>
          {t(common.close)}
        </button>
      </div>
    </form>
  );
}
