import { useEffect, useState } from 'react';
import type { ClaimtagApi } from '../../../shared/contract';
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS as FORMATS, type ExportFormatChoice } from '../../../shared/export-formats';
import type { Annotator, DocumentRecord, DocumentSummary } from '../../../shared/types';
import { Dialog } from '../chrome/Dialog';
import { useJobActivity } from '../chrome/job-activity';
import { ClaimReviewDeskFields, draftProblem, saveDeskDraft, useDeskDraft } from './ClaimReviewDeskFields';

interface Props {
  api: ClaimtagApi;
  document: DocumentRecord;
  onDone(message: string, tone: 'info' | 'error'): void;
  onClose(): void;
}

/** File › Export: format, scope and annotators; the save dialog picks the path. */
export function ExportDialog({ api, document: doc, onDone, onClose }: Props) {
  const [format, setFormat] = useState<ExportFormatChoice>('html');
  const [scope, setScope] = useState<'document' | 'all' | 'chosen'>('document');
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [chosenDocs, setChosenDocs] = useState<Set<string>>(() => new Set([doc.id]));
  const [annotators, setAnnotators] = useState<Annotator[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  // How far the export's job is (#14: its events, chrome/job-activity.ts).
  const exportJob = useJobActivity().jobs.find((j) => j.kind === 'export');
  const [error, setError] = useState<string | null>(null);
  // The ClaimReview author (#20): saved with the library when a ClaimReview export starts.
  const [desk, setDesk] = useDeskDraft(api);
  const [deskError, setDeskError] = useState<string | null>(null);

  useEffect(() => {
    void api.listDocuments({}).then((r) => r.ok && setDocuments(r.value));
    void api.listAnnotators({}).then((r) => {
      if (!r.ok) return;
      setAnnotators(r.value);
      setChosen(new Set(r.value.map((a) => a.id)));
    });
  }, [api]);

  const run = async () => {
    if (annotators.length > 0 && chosen.size === 0) return setError('Choose at least one annotator.');
    if (scope === 'chosen' && chosenDocs.size === 0) return setError('Choose at least one document.');
    setBusy(true);
    setError(null);
    let authorless = false;
    if (format === 'claimreview') {
      const problem = draftProblem(desk);
      const saved = problem ? { ok: false as const, message: problem } : await saveDeskDraft(api, desk);
      if (!saved.ok) {
        setBusy(false);
        return setDeskError(saved.message);
      }
      setDeskError(null);
      setDesk({ ...desk, saved: saved.desk });
      authorless = saved.desk === null;
    }
    const r = await api.exportDocuments({
      format,
      documentIds: scope === 'document' ? [doc.id] : scope === 'chosen' ? [...chosenDocs] : undefined,
      annotatorIds: chosen.size === annotators.length ? undefined : [...chosen],
    });
    setBusy(false);
    if (!r.ok) {
      if (r.error.code === 'cancelled') {
        onDone(r.error.message, 'info');
        return onClose();
      }
      return setError(r.error.message);
    }
    if ('cancelled' in r.value) return;
    const written = r.value.written;
    const where = written.length === 1 ? written[0] : `${written.length} files`;
    onDone(`Exported ${FORMATS[format].name} to ${where}.${authorless ? ' The reviews carry no author: no desk name was set.' : ''}`, 'info');
    onClose();
  };

  return (
    <Dialog
      title="Export"
      wide
      onClose={busy ? () => {} : onClose}
      actions={
        <>
          {busy ? (
            <button type="button" className="button" onClick={() => void api.cancelExport({})}>
              Cancel export
            </button>
          ) : (
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          )}
          <button type="button" className="button primary" onClick={() => void run()} disabled={busy}>
            {busy ? 'Exporting…' : 'Export…'}
          </button>
        </>
      }
    >
      <fieldset className="choice-group">
        <legend>Format</legend>
        <div className="format-grid">
          {EXPORT_FORMAT_IDS.map((id) => (
            <label key={id} className={`format-option${format === id ? ' chosen' : ''}`}>
              <input type="radio" name="format" value={id} checked={format === id} onChange={() => setFormat(id)} />
              <span className="format-name">{FORMATS[id].name}</span>
              <span className="format-about">{FORMATS[id].description}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {format === 'claimreview' && (
        <ClaimReviewDeskFields
          draft={desk}
          error={deskError}
          disabled={busy}
          onChange={(next) => {
            setDesk(next);
            if (deskError) setDeskError(null);
          }}
        />
      )}
      <div className="export-row">
        <fieldset className="choice-group">
          <legend>Documents</legend>
          <label>
            <input type="radio" name="scope" checked={scope === 'document'} onChange={() => setScope('document')} /> This document
          </label>
          <label>
            <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> All documents in the library
          </label>
          <label>
            <input type="radio" name="scope" checked={scope === 'chosen'} onChange={() => setScope('chosen')} /> Chosen documents
          </label>
          {scope === 'chosen' && (
            <div className="doc-checklist" role="group" aria-label="Documents to export">
              {documents.map((d) => (
                <label key={d.id}>
                  <input
                    type="checkbox"
                    checked={chosenDocs.has(d.id)}
                    onChange={(e) => {
                      const next = new Set(chosenDocs);
                      if (e.target.checked) next.add(d.id);
                      else next.delete(d.id);
                      setChosenDocs(next);
                    }}
                  />{' '}
                  {d.title}
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <fieldset className="choice-group">
          <legend>Annotators</legend>
          {annotators.length === 0 && <p className="empty">No annotators yet.</p>}
          {annotators.map((a) => (
            <label key={a.id}>
              <input
                type="checkbox"
                checked={chosen.has(a.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(a.id);
                  else next.delete(a.id);
                  setChosen(next);
                }}
              />{' '}
              {a.name}
            </label>
          ))}
        </fieldset>
      </div>
      {busy && (
        <p className="dialog-lead" role="status">
          Writing the export… large libraries can take a few seconds.{exportJob && exportJob.done > 0 ? ` ${(exportJob.done / 1e6).toFixed(1)} MB written.` : ''}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
