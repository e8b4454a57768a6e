import { Dialog } from './Dialog';

const GROUPS: Array<{ title: string; keys: Array<[string, string]> }> = [
  {
    title: 'Tagging',
    keys: [
      ['1 … 9', 'Tag the selected text with that label, or relabel your selected annotation'],
      ['Delete', 'Delete your selected annotation'],
      ['M', 'Copy the selected colleague’s or reference annotation to your own work'],
      ['Ctrl+Z', 'Undo your last annotation action'],
      ['Ctrl+Shift+Z, Ctrl+Y', 'Redo'],
    ],
  },
  {
    title: 'Moving around',
    keys: [
      ['J / K', 'Next / previous of your annotations'],
      ['↓ / ↑', 'Next / previous annotation (in the list)'],
      ['Shift+arrows', 'Extend the text selection in the article'],
      ['Escape', 'Clear the selection, close a dialog'],
      ['Ctrl+F', 'Find in the document (Enter: next, Shift+Enter: previous)'],
      ['F3 / Shift+F3', 'Next / previous library search hit, on into the next document'],
    ],
  },
  {
    title: 'Details of the selected annotation',
    keys: [
      ['N', 'Write a note'],
      ['A', 'Type the attribution (who makes the claim)'],
      ['Shift+A', 'Attribute to the text selected in the article'],
      ['C', 'Cycle confidence: low, medium, high, none'],
    ],
  },
  {
    title: 'Library and files',
    keys: [
      ['Ctrl+O', 'Import articles or annotation files'],
      ['Ctrl+E', 'Export reports and data'],
      ['?', 'This list'],
    ],
  },
];

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
        {GROUPS.map((g) => (
          <section key={g.title}>
            <h2>{g.title}</h2>
            <dl>
              {g.keys.map(([k, what]) => (
                <div key={k} className="shortcut">
                  <dt>
                    <kbd>{k}</kbd>
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
