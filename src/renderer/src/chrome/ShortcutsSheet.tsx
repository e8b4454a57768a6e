import { Dialog } from './Dialog';
import { shortcutSheet } from '../commands/shortcut-sheet';

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
        {shortcutSheet(MAC).map((g) => (
          <section key={g.title}>
            <h2>{g.title}</h2>
            <dl>
              {g.rows.map((row) => (
                <div key={row.id} className="shortcut">
                  <dt>
                    <kbd>{row.keys}</kbd>
                  </dt>
                  <dd>{row.title}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
