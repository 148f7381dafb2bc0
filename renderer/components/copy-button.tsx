import { useState } from 'react';

/** Copies `text`; the accessible name says what is copied ("Copy digest"). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard refused (no user gesture, no permission): the text stays selectable on the page.
    }
  }
  return (
    <button type="button" className="button small ghost copy" aria-label={label} onClick={() => void copy()}>
      {copied ? 'Copied' : 'Copy'}
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
