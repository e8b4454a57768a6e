import { useState } from 'react';
import type { Label } from '../../../shared/types';
import { plural } from './label-draft';

interface Props {
  selected: Label;
  others: Label[];
  /** Annotations using the label in this library; null while counting. */
  used: number | null;
  busy: boolean;
  onArchive(archived: boolean): void;
  onMerge(into: Label): void;
  onDelete(): void;
}

/** Archive, merge into another label (confirmed), or delete an unused label. */
export function LabelManage({ selected, others, used, busy, onArchive, onMerge, onDelete }: Props) {
  const [mergeInto, setMergeInto] = useState('');
  const [confirmMerge, setConfirmMerge] = useState(false);
  const target = others.find((l) => l.id === mergeInto);
  return (
    <section className="tagset-manage" aria-label="Archive, merge or delete">
      <div className="tagset-manage-row">
        <button type="button" className="button" onClick={() => onArchive(!selected.archived)}>
          {selected.archived ? 'Unarchive' : 'Archive'}
        </button>
        <span className="tagset-hint">{selected.archived ? 'Archived: not offered for tagging; its annotations stay.' : 'Stop offering it for tagging, keeping its annotations.'}</span>
      </div>
      <div className="tagset-manage-row">
        <label className="tagset-inline">
          <span>Merge into…</span>
          <select
            value={mergeInto}
            onChange={(e) => {
              setMergeInto(e.target.value);
              setConfirmMerge(false);
            }}
          >
            <option value="">Choose a label</option>
            {others.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
                {l.archived ? ' (archived)' : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" disabled={!mergeInto || busy} onClick={() => setConfirmMerge(true)}>
          Merge…
        </button>
      </div>
      {confirmMerge && target && (
        <div className="tagset-confirm" role="alert">
          <p>
            Relabel {used === null ? 'all' : plural(used, 'annotation')} of “{selected.name}” as “{target.name}” and remove “{selected.name}” from the tag set?
          </p>
          <button type="button" className="button danger-solid" onClick={() => onMerge(target)} disabled={busy}>
            Merge and remove “{selected.name}”
          </button>
          <button type="button" className="button" onClick={() => setConfirmMerge(false)}>
            Cancel
          </button>
        </div>
      )}
      <div className="tagset-manage-row">
        {used === 0 ? (
          <button type="button" className="button danger" onClick={onDelete} disabled={busy}>
            Delete label
          </button>
        ) : (
          <span className="tagset-hint">{used === null ? '' : `Used by ${plural(used, 'annotation')}, so it cannot be deleted: merge it into another label or archive it.`}</span>
        )}
      </div>
    </section>
  );
}
