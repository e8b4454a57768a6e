import { useState, type FormEvent } from 'react';
import { Dialog } from '../chrome/Dialog';

interface Props {
  initial?: string;
  /** Returns an error message to show, or null when done. */
  onSubmit(name: string): Promise<string | null>;
  onCancel?(): void;
}

/** Asks for the analyst's name: on first run, and from the status bar to change it. */
export function NamePrompt({ initial = '', onSubmit, onCancel }: Props) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = !onCancel;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError('Please enter a name.');
    setBusy(true);
    setError(await onSubmit(name.trim()));
    setBusy(false);
  };

  return (
    <Dialog
      title={first ? 'Welcome to claimtag' : 'Change your name'}
      onClose={onCancel}
      onSubmit={(e) => void submit(e)}
      actions={
        <>
          {onCancel && (
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          )}
          <button type="submit" className="button primary" disabled={busy}>
            {first ? 'Start tagging' : 'Save name'}
          </button>
        </>
      }
    >
      <p className="dialog-lead">
        {first
          ? 'Your tags are signed with your name, so colleagues can compare their work with yours. You can change it later from the status bar.'
          : 'Your existing tags keep your identity; only the name shown changes.'}
      </p>
      <label className="field">
        <span>Your name</span>
        <input autoFocus value={name} maxLength={80} onChange={(e) => setName(e.target.value)} placeholder="e.g. Ayesha Khan" aria-invalid={error ? true : undefined} aria-describedby={error ? 'name-error' : undefined} />
      </label>
      {error && (
        <p id="name-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
