import type { Annotator } from '../../../shared/types';
import type { SaveState } from '../workbench/use-workbench';
import { ariaKeys, keyLabel } from '../commands/key-hints';
import { WaitingIndicator } from './WaitingIndicator';
import { useJobActivity, waitingFor } from './job-activity';

interface Props {
  annotator: Annotator;
  save: SaveState;
  /** Annotations in the document, or null while they are loading. */
  count: number | null;
  coveredShare: number;
  dataDir: string;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  onRenameAnnotator(): void;
  /** Present while a change waits to be saved again. */
  onRetry?: () => void;
}

export function StatusBar(p: Props) {
  // A tag held by a long import's write lock: the save state says what it waits for (#14).
  const waiting = waitingFor(useJobActivity());
  const saveWaits = p.save.status === 'saving' && waiting !== null;
  return (
    <footer className="statusbar">
      <button type="button" className="status-annotator" onClick={p.onRenameAnnotator} title="Change your name">
        <span className="status-label">Annotator</span> {p.annotator.name}
      </button>
      <span className={`save-state save-${p.save.status}`} role="status" aria-live="polite" data-testid="save-state">
        {saveWaits ? `Saving… waiting for ${waiting} to finish` : saveText(p.save)}
      </span>
      <WaitingIndicator saveShowsWaiting={saveWaits} />
      {p.onRetry && (
        <button type="button" className="button small" onClick={p.onRetry}>
          Retry saving
        </button>
      )}
      <span>
        {p.count === null
          ? 'Loading annotations…'
          : `${p.count} ${p.count === 1 ? 'annotation' : 'annotations'} · ${(p.coveredShare * 100).toFixed(1)}% of text tagged`}
      </span>
      <span className="status-spacer" />
      <button type="button" className="link-button" onClick={p.onUndo} disabled={!p.canUndo} aria-keyshortcuts={ariaKeys('undo')}>
        Undo <kbd>{keyLabel('undo')}</kbd>
      </button>
      <button type="button" className="link-button" onClick={p.onRedo} disabled={!p.canRedo} aria-keyshortcuts={ariaKeys('redo')}>
        Redo <kbd>{keyLabel('redo')}</kbd>
      </button>
      <span className="status-path" title={`Library folder: ${p.dataDir}`}>
        {p.dataDir}
      </span>
    </footer>
  );
}

function saveText(save: SaveState): string {
  if (save.status === 'error') return `Not saved: ${save.message}`;
  return save.status === 'saved' ? 'All changes saved' : 'Saving…';
}
