import { useEffect, useId, useRef } from 'react';
import type { ErrorInfo } from '../../shared/errors.js';
import { ErrorView } from './error-view.js';

/** A modal `<dialog>`: focus is trapped by the browser, Escape and the close button call `onClose`. */
export function Dialog({
  title,
  onClose,
  children,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: React.ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // One id per dialog: a dialog opened over another (Diagnose over Add connection) keeps its own name.
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button ghost small" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </header>
      {children}
    </dialog>
  );
}

/**
 * The bottom of a dialog: the error of the last attempt (if any), then Cancel and the dialog's own
 * action(s) on the right.
 */
export function DialogActions({
  error,
  onCancel,
  children,
}: {
  error?: ErrorInfo | null;
  onCancel: () => void;
  children: React.ReactNode;
}) {
  return (
    <>
      {error && <ErrorView error={error} />}
      <div className="dialog-actions">
        <span className="spacer" />
        <button type="button" className="button ghost" onClick={onCancel}>
          Cancel
        </button>
        {children}
      </div>
    </>
  );
}

/** The bottom of a dialog whose work is finished: one Done button on the right. */
export function DoneActions({ onDone }: { onDone: () => void }) {
  return (
    <div className="dialog-actions">
      <span className="spacer" />
      <button type="button" className="button primary" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
