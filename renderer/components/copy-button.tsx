import { useState } from 'react';
import { useT } from '../i18n/index.js';
import { common } from '../i18n/messages.js';
import { components as m } from './messages.js';

/** Copies `text`; the accessible name says what is copied ("Copy digest"). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'refused'>('idle');
  async function copy() {
    let outcome: 'copied' | 'refused' = 'copied';
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard refused (no permission, the window not focused): say so; the text stays selectable.
      outcome = 'refused';
    }
    setState(outcome);
    setTimeout(() => setState('idle'), outcome === 'refused' ? 4000 : 1500);
  }
  return (
    <button
      type="button"
      className="button small ghost copy"
      aria-label={label}
      title={state === 'refused' ? t(m.clipboardRefused) : undefined}
      onClick={() => void copy()}
    >
      {t(state === 'copied' ? common.copied : state === 'refused' ? m.notCopied : common.copy)}
    </button>
  );
}

/** A shell command with its copy button. */
export function CommandLine({ command, label }: { command: string; label: string }) {
  return (
    <div className="command-line">
      <code>{command}</code>
      <CopyButton text={command} label={label} />
    </div>
  );
}
