import { createContext, useContext, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors.js';
import { useT, type Translate } from '../i18n/index.js';
import { common } from '../i18n/messages.js';
import { ErrorView } from './error-view.js';
import { components as m } from './messages.js';
import { initialFocus, isEnterField, isSettledFocus, primaryButton, wrapTab } from './dialog-focus.js';

/** Why the last Enter or Escape did nothing, shown next to the dialog's buttons. */
const NoticeContext = createContext<string | undefined>(undefined);

/** Enter on a disabled button that says nothing of its own reason. */
function notReady(t: Translate, label: string): string {
  return label.trim() ? t(m.notReady, { label: label.trim() }) : t(m.notReadyUnnamed);
}

/**
 * The focus back to the control that opened a dialog. A dialog's work may redraw the view it came from
 * (a retag opens the new tag: its image view loads and draws a Retag… button of its own), which drops
 * the focus to the page's body; for a few seconds, a focus lost that way goes to the control of the same
 * name once it is back. A focus the person moved elsewhere is left alone.
 */
function giveFocusBack(opener: HTMLElement): void {
  if (opener.isConnected) opener.focus({ preventScroll: true });
  const name = opener.getAttribute('aria-label') ?? opener.textContent ?? '';
  if (!name || !(opener instanceof HTMLButtonElement)) return;
  const isSame = (element: Element) =>
    element instanceof HTMLButtonElement &&
    (element.getAttribute('aria-label') ?? element.textContent ?? '') === name;
  const deadline = Date.now() + 3000;
  const watch = () => {
    const active = document.activeElement;
    if (!active || active === document.body) {
      const same = [...document.querySelectorAll('button')].find(
        (button) => isSame(button) && !button.disabled,
      );
      same?.focus({ preventScroll: true });
    } else if (!isSame(active)) return;
    if (Date.now() < deadline) setTimeout(watch, 100);
  };
  setTimeout(watch, 0);
}

/**
 * A modal `<dialog>` with one keyboard behaviour for every dialog: it opens on its first field (or its
 * primary button when it has none; never on ✕), Enter in a field runs the primary action — or says why
 * it cannot yet (the disabled button's `title`) — Escape cancels, Tab stays inside, and the focus goes
 * back to the control that opened it when it closes.
 *
 * `busy` is set while work runs inside the dialog that closing would cut off: Escape then says that
 * sentence instead of closing.
 */
export function Dialog({
  title,
  onClose,
  children,
  wide,
  busy,
  className,
}: {
  title: string;
  onClose: () => void;
  children: React.ReactNode;
  wide?: boolean;
  busy?: string;
  className?: string;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  // One id per dialog: a dialog opened over another (Diagnose over Add connection) keeps its own name.
  const titleId = useId();
  // What had the focus when the dialog was asked for, read before any field inside takes it.
  const [opener] = useState(() => document.activeElement);
  const [notice, setNotice] = useState<string>();

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // A field React focused (autoFocus) is the dialog's own choice of where to start.
    const chosen = dialog.contains(document.activeElement) ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    (chosen instanceof HTMLElement ? chosen : (initialFocus(dialog) ?? dialog)).focus();
    return () => {
      dialog.close();
      if (opener instanceof HTMLElement) giveFocusBack(opener);
    };
  }, [opener]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Until the user does something, a field or primary button that appears later (after a preview
    // loads) takes the focus from the fallback; a focus lost with its removed control comes back.
    let hasActed = false;
    const act = () => {
      hasActed = true;
    };
    const observer = new MutationObserver(() => {
      const active = document.activeElement;
      const isLost = !active || active === document.body;
      if (!isLost && (hasActed || isSettledFocus(dialog, active))) return;
      if (!isLost && !dialog.contains(active)) return;
      const next = initialFocus(dialog);
      if (next && next !== active) next.focus();
    });
    observer.observe(dialog, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['disabled'],
    });
    dialog.addEventListener('keydown', act);
    dialog.addEventListener('pointerdown', act);
    return () => {
      observer.disconnect();
      dialog.removeEventListener('keydown', act);
      dialog.removeEventListener('pointerdown', act);
    };
  }, []);

  function cancel() {
    if (busy) setNotice(busy);
    else onClose();
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLDialogElement>) {
    const dialog = ref.current;
    const target = event.target as HTMLElement;
    // A dialog opened inside this one handles its own keys.
    if (!dialog || target.closest('dialog') !== dialog) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      cancel();
    } else if (event.key === 'Tab') {
      const next = wrapTab(dialog, target, event.shiftKey);
      if (next) {
        event.preventDefault();
        next.focus();
      }
    } else if (
      event.key === 'Enter' &&
      !event.nativeEvent.isComposing &&
      !event.altKey &&
      !event.ctrlKey &&
      !event.metaKey &&
      isEnterField(target)
    ) {
      event.preventDefault();
      const primary = primaryButton(dialog, target);
      if (!primary) return;
      if (!primary.disabled) primary.click();
      else setNotice(busy ?? (primary.title || notReady(t, primary.textContent ?? '')));
    }
  }

  return (
    <dialog
      ref={ref}
      className={['dialog', wide ? 'wide' : '', className ?? ''].filter(Boolean).join(' ')}
      aria-labelledby={titleId}
      // Focusable itself, for a dialog with nothing to focus yet but its ✕.
      tabIndex={-1}
      onKeyDown={onKeyDown}
      // Typing or choosing again answers the last notice.
      onInput={() => setNotice(undefined)}
      onCancel={(event) => {
        event.preventDefault();
        cancel();
      }}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button ghost small" aria-label={t(common.close)} onClick={onClose}>
          ✕
        </button>
      </header>
      <NoticeContext value={notice}>{children}</NoticeContext>
    </dialog>
  );
}

/** Why Enter or Escape did nothing just now; every row of dialog buttons shows it above itself. */
function DialogNotice() {
  const notice = useContext(NoticeContext);
  if (!notice) return null;
  return (
    <p className="dialog-notice" role="alert">
      {notice}
    </p>
  );
}

/** A row of dialog buttons (right-aligned from a `spacer`), with the dialog's notice above it. */
export function DialogButtons({ children }: { children: React.ReactNode }) {
  return (
    <>
      <DialogNotice />
      <div className="dialog-actions">{children}</div>
    </>
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
  const t = useT();
  return (
    <>
      {error && <ErrorView error={error} />}
      <DialogButtons>
        <span className="spacer" />
        <button type="button" className="button ghost" onClick={onCancel}>
          {t(common.cancel)}
        </button>
        {children}
      </DialogButtons>
    </>
  );
}

/** The bottom of a dialog whose work is finished: one Done button on the right. */
export function DoneActions({ onDone }: { onDone: () => void }) {
  const t = useT();
  return (
    <DialogButtons>
      <span className="spacer" />
      <button type="button" className="button primary" onClick={onDone}>
        {t(common.done)}
      </button>
    </DialogButtons>
  );
}
