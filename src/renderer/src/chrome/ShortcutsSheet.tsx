import { Dialog } from './Dialog';
import { shortcutSheet } from '../commands/shortcut-sheet';
import './shortcuts.css';

const MAC = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** Every key of the command table, grouped as the table groups them. */
export function ShortcutsSheet({ onClose }: { onClose(): void }) {
  return (
    <Dialog
      title="Keyboard shortcuts"
      wide
      onClose={onClose}
      actions={
        <button type="button" className="button primary" onClick={onClose} autoFocus>
          Close
        </button>
      }
    >
      <div className="shortcut-groups">
        <div className="shortcut-columns">
          {shortcutSheet(MAC).map((g) => (
            <section key={g.title}>
              <h2>{g.title}</h2>
              <dl>
                {g.rows.map((row) => (
                  <div key={row.id} className="shortcut">
                    <dt aria-label={row.keys.join(' or ')}>
                      {row.keys.map((k, i) => (
                        <span key={k}>
                          {i > 0 && <span className="shortcut-or">or </span>}
                          <kbd>{k}</kbd>
                        </span>
                      ))}
                    </dt>
                    <dd>{row.title}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </Dialog>
  );
}
