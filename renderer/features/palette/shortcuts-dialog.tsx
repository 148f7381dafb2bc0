import { Dialog, DoneActions } from '../../components/dialog.js';
import { shortcutList } from '../../lib/shortcuts.js';
import './palette.css';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** `?`: every keyboard shortcut, grouped by where it works. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <div className="form">
        {shortcutList(isMac ? '⌘' : 'Ctrl').map((group) => (
          <section key={group.title} className="shortcut-group" aria-label={group.title}>
            <h3>{group.title}</h3>
            <dl className="shortcut-list">
              {group.shortcuts.map((shortcut) => (
                <div key={shortcut.does} className="shortcut">
                  <dt>
                    {shortcut.chords.map((chord, index) => (
                      <span key={chord.join('+')}>
                        {index > 0 && <span className="muted"> or </span>}
                        {chord.map((key, position) => (
                          <span key={key}>
                            {position > 0 && <span className="muted">+</span>}
                            <kbd>{key}</kbd>
                          </span>
                        ))}
                      </span>
                    ))}
                  </dt>
                  <dd>{shortcut.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <p className="muted small">Shortcuts wait while you type in a field; Esc always works.</p>
        <DoneActions onDone={onClose} />
      </div>
    </Dialog>
  );
}
