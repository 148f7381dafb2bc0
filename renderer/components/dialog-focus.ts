/**
 * Where the keyboard goes in a dialog, read from the DOM so every dialog follows one rule without
 * wiring of its own: the first field gets the focus (never the ✕ in the header), Enter in a field runs
 * the primary action, and Tab wraps around inside the dialog.
 */

const FIELDS = 'input:not([type=hidden]), select, textarea';
const TABBABLE =
  'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
/** Inputs that Enter does not type into: Enter in them means "do it". */
const BUTTON_INPUTS = new Set(['button', 'submit', 'reset', 'file', 'image', 'color', 'range']);

/** `element` belongs to `dialog` itself, not to a dialog opened inside it. */
function isOwn(dialog: HTMLDialogElement, element: Element): boolean {
  return element.closest('dialog') === dialog;
}

function isUsable(element: HTMLElement): boolean {
  if ((element as HTMLInputElement).disabled) return false;
  if (element.closest('[inert]')) return false;
  // Rendered at all: a field inside a closed <details> or a hidden block has no boxes.
  return element.getClientRects().length > 0;
}

/** The fields and controls Tab visits in `dialog`, in document order. */
export function tabbables(dialog: HTMLDialogElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (element) => isOwn(dialog, element) && element.tabIndex >= 0 && isUsable(element),
  );
}

/** A field Enter should submit from: a text-like input, a checkbox or radio, or a select. */
export function isEnterField(element: Element): boolean {
  if (element instanceof HTMLSelectElement) return true;
  return element instanceof HTMLInputElement && !BUTTON_INPUTS.has(element.type);
}

/** The field a person types into (where `/` or `?` are text, not shortcuts). */
export function isTypingTarget(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLElement && element.isContentEditable) return true;
  return element instanceof HTMLInputElement && !BUTTON_INPUTS.has(element.type);
}

/**
 * The action Enter runs from `from`: the submit button of its form, else the dialog's main button —
 * the primary (or danger) button of its last row of actions, else that row's last button.
 */
export function primaryButton(dialog: HTMLDialogElement, from: Element): HTMLButtonElement | undefined {
  const form = from instanceof HTMLInputElement || from instanceof HTMLSelectElement ? from.form : null;
  const submit = form?.querySelector<HTMLButtonElement>('button[type=submit]');
  if (submit && isOwn(dialog, submit)) return submit;
  const rows = [...dialog.querySelectorAll('.dialog-actions')].filter((row) => isOwn(dialog, row));
  const row = rows.at(-1);
  if (!row) return undefined;
  const buttons = [...row.querySelectorAll<HTMLButtonElement>('button')];
  return (
    buttons.find((button) => button.classList.contains('primary')) ??
    buttons.find((button) => button.classList.contains('danger')) ??
    buttons.at(-1)
  );
}

/**
 * Where the focus starts: the first usable field; without one, the primary button when it can be
 * pressed (Cancel when that button deletes or removes); else the first control that is not the header's
 * ✕ (Cancel while a preview loads).
 */
export function initialFocus(dialog: HTMLDialogElement): HTMLElement | undefined {
  const field = [...dialog.querySelectorAll<HTMLElement>(FIELDS)].find(
    (element) => isOwn(dialog, element) && isUsable(element),
  );
  if (field) return field;
  const primary = primaryButton(dialog, dialog);
  // A delete or a removal is never where the focus starts: an Enter pressed twice on "Delete tag…", or a
  // key repeat, would run it unread. The dialog starts on its way out (Cancel); the action is one Tab away.
  if (primary && isDestructive(primary)) {
    const wayOut = [...(primary.closest('.dialog-actions')?.querySelectorAll('button') ?? [])].find(
      (button) => button !== primary && isUsable(button),
    );
    if (wayOut) return wayOut;
  }
  if (primary && isUsable(primary)) return primary;
  return tabbables(dialog).find((element) => !element.closest('.dialog-header'));
}

function isDestructive(button: HTMLButtonElement): boolean {
  return button.classList.contains('danger') && !button.classList.contains('primary');
}

/** A focus worth keeping over a later, better start: a field, or the primary button. */
export function isSettledFocus(dialog: HTMLDialogElement, element: Element | null): boolean {
  if (!element || !dialog.contains(element) || element === dialog) return false;
  if (element.matches(FIELDS)) return true;
  return element === primaryButton(dialog, dialog) || element === initialFocus(dialog);
}

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
export function wrapTab(
  dialog: HTMLDialogElement,
  from: Element,
  isBackward: boolean,
): HTMLElement | undefined {
  const order = tabbables(dialog);
  if (!order.length) return undefined;
  const index = order.indexOf(from as HTMLElement);
  if (isBackward) return index <= 0 ? order.at(-1) : undefined;
  return index === -1 || index === order.length - 1 ? order[0] : undefined;
}
