import type { Label } from '../../../shared/types';
import { LabelSwatch } from '../chrome/LabelSwatch';
import { plural, type Draft } from './label-draft';
import { ROLE_TEXT } from './RoleField';

interface Props {
  labels: Label[] | null;
  selectedId: string | null;
  usage: Record<string, number> | null;
  /** A new label being written (shown at the end of the list), or null. */
  adding: Draft | null;
  addingColor: string;
  onSelect(label: Label): void;
  onAdd(): void;
}

/** The tag set's labels with swatch, role, usage and key; and "Add label". */
export function LabelList({ labels, selectedId, usage, adding, addingColor, onSelect, onAdd }: Props) {
  return (
    <div className="tagset-side">
      <ul className="tagset-list" aria-label="Labels">
        {labels?.map((l, i) => (
          <li key={l.id}>
            <button type="button" className={`tagset-item${l.archived ? ' archived' : ''}`} aria-current={l.id === selectedId ? 'true' : undefined} onClick={() => onSelect(l)}>
              <LabelSwatch label={l} index={i} />
              <span className="tagset-item-name">{l.name}</span>
              {l.role && l.role !== 'claim' && <span className="tagset-badge">{ROLE_TEXT[l.role].name.toLowerCase()}</span>}
              {l.archived && <span className="tagset-badge">archived</span>}
              {usage && (
                <span className="tagset-usage" title={`${plural(usage[l.id] ?? 0, 'annotation')} in this library`}>
                  {usage[l.id] ?? 0}
                </span>
              )}
              <kbd aria-label={l.shortcut ? `shortcut ${l.shortcut}` : 'no shortcut'}>{l.shortcut || '–'}</kbd>
            </button>
          </li>
        ))}
        {adding && !adding.id && (
          <li>
            <button type="button" className="tagset-item" aria-current="true">
              <span className="swatch" aria-hidden="true" style={{ backgroundColor: addingColor }}>
                +
              </span>
              <span className="tagset-item-name">{adding.name.trim() || 'New label'}</span>
            </button>
          </li>
        )}
      </ul>
      <button type="button" className="button tagset-add" onClick={onAdd} disabled={!labels}>
        Add label
      </button>
    </div>
  );
}
