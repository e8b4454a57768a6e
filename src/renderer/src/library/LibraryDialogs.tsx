import { useState } from 'react';
import type { Imported, SimilarDocument } from '../../../shared/contract';
import { asksAnalyst } from '../../../shared/import-questions';
import type { AppError } from '../../../shared/result';
import type { DocumentSummary } from '../../../shared/types';
import { Dialog } from '../chrome/Dialog';
import type { Arriving, ImportRun, RetryableFile } from './use-importer';

export function RenameDialog({ doc, onSave, onClose }: { doc: DocumentSummary; onSave(title: string): Promise<string | null>; onClose(): void }) {
  const [title, setTitle] = useState(doc.title);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (!title.trim()) return setError('A document needs a title.');
    const problem = await onSave(title.trim());
    if (problem) setError(problem);
    else onClose();
  };
  return (
    <Dialog
      title="Rename document"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button primary" onClick={() => void save()}>
            Rename
          </button>
        </>
      }
    >
      <label className="field">
        <span>Title</span>
        <input autoFocus value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void save()} />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}

export function DeleteDialog({ doc, othersWork, onConfirm, onClose }: { doc: DocumentSummary; othersWork?: string; onConfirm(): void; onClose(): void }) {
  const n = Object.values(doc.counts).reduce((a, b) => a + b, 0);
  if (othersWork) {
    return (
      <Dialog
        title={`Delete “${doc.title}” with other analysts’ work?`}
        onClose={onClose}
        actions={
          <>
            <button type="button" className="button" onClick={onClose} autoFocus>
              Keep it
            </button>
            <button type="button" className="button danger-solid" onClick={onConfirm}>
              Delete it with their work too
            </button>
          </>
        }
      >
        <p className="dialog-lead" role="alert">
          {othersWork}
        </p>
      </Dialog>
    );
  }
  return (
    <Dialog
      title={`Delete “${doc.title}”?`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} autoFocus>
            Keep it
          </button>
          <button type="button" className="button danger-solid" onClick={onConfirm}>
            Delete document and your {n} {n === 1 ? 'annotation' : 'annotations'}
          </button>
        </>
      }
    >
      <p className="dialog-lead">
        The article and <strong>{n === 0 ? 'none of your annotations' : `your ${n} ${n === 1 ? 'annotation' : 'annotations'}`}</strong> on it will be
        removed from this library (you will be asked before any other analyst’s work goes). This cannot be undone; export it first if you may need it.
      </p>
    </Dialog>
  );
}

export function PasteDialog({ onPaste, onClose }: { onPaste(content: { text?: string; html?: string }): void; onClose(): void }) {
  return (
    <Dialog
      title="New document from the clipboard"
      onClose={onClose}
      actions={
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      }
    >
      <p className="dialog-lead">Press Ctrl+V (⌘V on a Mac) now. Copied web pages keep their headings, paragraphs, lists and quotes; scripts, images and links are dropped.</p>
      <textarea
        className="paste-target"
        autoFocus
        aria-label="Paste here"
        placeholder="Paste here"
        readOnly
        onPaste={(e) => {
          e.preventDefault();
          const text = e.clipboardData.getData('text/plain');
          const html = e.clipboardData.getData('text/html');
          onPaste({ text: text || undefined, html: html || undefined });
        }}
      />
    </Dialog>
  );
}

const describe = (r: Imported): string =>
  r.kind === 'article'
    ? r.existed
      ? `already in the library as “${r.title}”; opened it instead of adding a copy`
      : `added “${r.title}”`
    : `${r.added} annotations added${r.unchanged ? `, ${r.unchanged} already present` : ''}${r.labelsAdded.length ? `; new labels: ${r.labelsAdded.join(', ')}` : ''}`;

/** For a file whose annotators' names are taken here: the same people, or filed under new names. */
function NameClashChoice({ names, onChoose }: { names: string[]; onChoose(arriving: Arriving): void }) {
  const [renamed, setRenamed] = useState(() => names.map((n) => `${n} (2)`));
  return (
    <span className="clash-choice">
      <span>
        {names.map((n) => `“${n}”`).join(', ')} {names.length === 1 ? 'is' : 'are'} already in this library. Is this the same person?
      </span>
      <span className="clash-actions">
        <button type="button" className="button small" onClick={() => onChoose({ samePerson: true })}>
          Same person
        </button>
        {names.map((n, i) => (
          <input
            key={n}
            aria-label={`New name for the arriving ${n}`}
            value={renamed[i]}
            maxLength={80}
            onChange={(e) => setRenamed(renamed.map((r, j) => (j === i ? e.target.value : r)))}
          />
        ))}
        <button
          type="button"
          className="button small"
          disabled={renamed.some((r) => !r.trim())}
          onClick={() => onChoose({ rename: names.map((from, i) => ({ from, to: renamed[i].trim() })) })}
        >
          Import under {names.length === 1 ? 'this name' : 'these names'}
        </button>
      </span>
    </span>
  );
}

/** For work filed under the analyst herself: hers (she agrees), or someone else's under another name. */
function OwnLayerChoice({ message, onChoose }: { message: string; onChoose(arriving: Arriving): void }) {
  return (
    <span className="clash-choice">
      <span>{message}</span>
      <span className="clash-actions">
        <button type="button" className="button small" onClick={() => onChoose({ intoMine: true })}>
          They are mine — add to my work
        </button>
      </span>
    </span>
  );
}

/** Arriving documents that resemble ours: where the texts differ, then keep apart or map. */
function SimilarChoice({ message, similar, onChoose }: { message: string; similar: SimilarDocument[]; onChoose(arriving: Arriving): void }) {
  return (
    <span className="clash-choice similar-choice">
      <span>{message}</span>
      {similar.map((s) => (
        <span key={s.ref} className="similar-doc" role="group" aria-label={`How “${s.title}” differs from “${s.documentTitle}”`}>
          <span className="similar-head">
            “{s.title}” and your “{s.documentTitle}” are {Math.round(s.similarity * 100)} % alike. Where they differ:
          </span>
          <span className="similar-changes">
            {s.changes.map((c, i) => (
              <span key={i} className="similar-change">
                …{c.before}
                {c.ours && (
                  <del title="In your copy" aria-label={`yours: ${c.ours}`}>
                    {c.ours}
                  </del>
                )}
                {c.theirs && (
                  <ins title="In the arriving copy" aria-label={`theirs: ${c.theirs}`}>
                    {c.theirs}
                  </ins>
                )}
                {c.after}…
              </span>
            ))}
          </span>
        </span>
      ))}
      <span className="similar-note">Mapping places each annotation only where its quote and context occur exactly once nearby; the rest are listed, never guessed.</span>
      <span className="clash-actions">
        <button type="button" className="button small" onClick={() => onChoose({ similar: 'separate' })}>
          Keep as a separate document
        </button>
        <button type="button" className="button small" onClick={() => onChoose({ mapOnto: similar.map((s) => ({ ref: s.ref, documentId: s.documentId })) })}>
          Map onto {similar.length === 1 ? `“${similar[0].documentTitle}”` : 'your documents'}
        </button>
      </span>
    </span>
  );
}

/**
 * A refused file's line: the question its reason asks, when the analyst can answer it here and
 * import the file again, else the message and its first details. Invalid bytes are asked about
 * once for all files, by the dialog's button.
 */
function ImportFailure({ error, onAnswer }: { error: AppError; onAnswer?: (arriving: Arriving) => void }) {
  if (onAnswer && asksAnalyst(error)) {
    switch (error.reason) {
      case 'name-clash':
        return <NameClashChoice names={error.names} onChoose={onAnswer} />;
      case 'own-layer':
        return <OwnLayerChoice message={error.message} onChoose={onAnswer} />;
      case 'similar-document':
        return <SimilarChoice message={error.message} similar={error.similar} onChoose={onAnswer} />;
      case 'invalid-text-encoding':
        break;
      default:
        error satisfies never;
    }
  }
  return (
    <span>
      {error.message}
      {(error.details ?? []).slice(0, 5).map((d) => (
        <span key={d} className="import-detail">
          {d}
        </span>
      ))}
    </span>
  );
}

export function ImportSummaryDialog({
  run,
  onRetry,
  onRetryNames,
  onClose,
}: {
  run: ImportRun;
  onRetry(): void;
  onRetryNames(file: RetryableFile, arriving: Arriving): void;
  onClose(): void;
}) {
  const failed = run.rows.filter((r) => !r.ok);
  return (
    <Dialog
      title={failed.length ? `${run.rows.length - failed.length} of ${run.rows.length} imported` : `Imported ${run.rows.length === 1 ? '1 item' : `${run.rows.length} items`}`}
      onClose={onClose}
      wide
      actions={
        <>
          {run.retryable.length > 0 && (
            <button type="button" className="button" onClick={onRetry}>
              Import with replacement characters
            </button>
          )}
          <button type="button" className="button primary" onClick={onClose} autoFocus>
            Done
          </button>
        </>
      }
    >
      <ul className="import-results">
        {run.rows.map((r, i) => {
          const waiting = run.questions.get(i);
          return (
            <li key={i} className={r.ok ? 'ok' : 'failed'}>
              <span className="import-name">{r.name}</span>
              {r.ok ? (
                <span>
                  {describe(r.value)}
                  {r.value.kind === 'annotations' &&
                    r.value.notes.slice(0, 12).map((n) => (
                      <span key={n} className="import-detail">
                        {n}
                      </span>
                    ))}
                </span>
              ) : (
                <ImportFailure error={r.error} onAnswer={waiting && ((arriving) => onRetryNames(waiting, arriving))} />
              )}
            </li>
          );
        })}
      </ul>
      {run.retryable.length > 0 && (
        <p className="dialog-lead">Some files are not valid UTF-8. You can import them anyway; unreadable bytes become “�”.</p>
      )}
    </Dialog>
  );
}
