/**
 * ↓ in a pane's filter box moves focus into the pane's list, as in a combobox, so typing a filter and
 * picking a row needs no mouse and no Tab through the controls between them.
 */
export function focusListOnArrowDown(event: React.KeyboardEvent<HTMLInputElement>): void {
  if (event.key !== 'ArrowDown') return;
  const list = event.currentTarget.closest('section')?.querySelector<HTMLElement>('[role=listbox]');
  if (!list) return;
  event.preventDefault();
  list.focus();
}
