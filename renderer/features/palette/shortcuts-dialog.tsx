import { Dialog, DoneActions } from '../../components/dialog.js';
import { useT } from '../../i18n/index.js';
import { shortcutList } from '../../lib/shortcuts.js';
import { palette as m } from './messages.js';
import './palette.css';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** `?`: every keyboard shortcut, grouped by where it works. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <Dialog title={t(m.shortcutsTitle)} onClose={onClose}>
      <div className="form">
        {shortcutList(t, isMac ? '⌘' : 'Ctrl').map((group) => (
          <section key={group.title} className="shortcut-group" aria-label={group.title}>
            <h3>{group.title}</h3>
            <dl className="shortcut-list">
              {group.shortcuts.map((shortcut) => (
                <div key={shortcut.does} className="shortcut">
                  <dt>
                    {shortcut.chords.map((chord, index) => (
                      <span key={chord.join('+')}>
                        {index > 0 && <span className="muted">{t(m.or)}</span>}
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
        <p className="muted small">{t(m.shortcutsWait)}</p>
        <DoneActions onDone={onClose} />
      </div>
    </Dialog>
  );
}
