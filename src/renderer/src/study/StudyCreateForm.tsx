// The "new study" form of the study dashboard: a name, documents chosen from the library,
// the analysts, the guideline version (the tag set in force is recorded by the core) and the
// share double-annotated, assigned at once. Problems are named by typed reasons
// (src/shared/study-form.ts) and shown beside their field; Escape cancels the form.

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ClaimtagApi } from '../../../shared/contract';
import type { DocumentSummary } from '../../../shared/types';
import { MAX_STUDY_NAME, parseAnalystList, STUDY_FORM_MESSAGES, studyFormProblems, type StudyFormProblem } from '../../../shared/study-form';

interface Props {
  api: ClaimtagApi;
  onCreated(name: string): void;
  onCancel(): void;
}

type Field = 'name' | 'documents' | 'analysts' | 'share';
const FIELD_OF: Record<StudyFormProblem, Field> = {
  'name-missing': 'name',
  'name-too-long': 'name',
  'no-documents': 'documents',
  'no-analysts': 'analysts',
  'share-out-of-range': 'share',
  'share-needs-two-analysts': 'share',
};

export function StudyCreateForm({ api, onCreated, onCancel }: Props) {
  const ids = useId();
  const [docs, setDocs] = useState<DocumentSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [analysts, setAnalysts] = useState('');
  const [version, setVersion] = useState('');
  const [sharePercent, setSharePercent] = useState('20');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const fields = useRef<Partial<Record<Field, HTMLElement | null>>>({});

  useEffect(() => {
    void api.listDocuments({}).then((r) => (r.ok ? setDocs(r.value) : setLoadError(r.error.message)));
    nameInput.current?.focus();
  }, [api]);

  const toggle = (id: string) =>
    setChosen((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const all = docs !== null && docs.length > 0 && chosen.size === docs.length;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setFailure(null);
    const share = sharePercent.trim() === '' ? Number.NaN : Number(sharePercent) / 100;
    const input = { name: name.trim(), documentIds: docs?.filter((d) => chosen.has(d.id)).map((d) => d.id) ?? [], analysts: parseAnalystList(analysts), doubleShare: share };
    const problems = studyFormProblems(input);
    const found: Partial<Record<Field, string>> = {};
    for (const p of problems) found[FIELD_OF[p]] ??= STUDY_FORM_MESSAGES[p];
    setErrors(found);
    if (problems.length) {
      fields.current[FIELD_OF[problems[0]!]]?.focus();
      return;
    }
    setBusy(true);
    const r = await api.createStudy({ ...input, guidelineVersion: version.trim() || undefined });
    setBusy(false);
    if (r.ok) return onCreated(r.value.name);
    if (r.error.code === 'conflict') {
      setErrors({ name: r.error.message });
      fields.current.name?.focus();
    } else setFailure(r.error.message);
  };

  const describedBy = (field: Field, hint?: string) => [hint, errors[field] ? `${ids}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const errorLine = (field: Field) =>
    errors[field] ? (
      <p className="field-error" id={`${ids}-${field}-error`}>
        {errors[field]}
      </p>
    ) : null;

  return (
    <form
      className="study-form"
      aria-label="New study"
      noValidate
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <h2>New study</h2>
      <p className="study-form-lead">The tag set in force now is recorded with the study. Documents are assigned to the analysts at once.</p>
      <label className="field">
        <span>Name</span>
        <input
          ref={(el) => {
            nameInput.current = el;
            fields.current.name = el;
          }}
          value={name}
          maxLength={MAX_STUDY_NAME + 20}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy('name')}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      {errorLine('name')}

      <fieldset className="study-form-docs" aria-describedby={describedBy('documents')}>
        <legend>Documents{docs && docs.length > 0 ? ` (${chosen.size} of ${docs.length} chosen)` : ''}</legend>
        {docs === null && !loadError && <p className="study-empty-line">Loading the library…</p>}
        {loadError && <p className="field-error">The library list could not be read: {loadError}</p>}
        {docs !== null && docs.length === 0 && <p className="study-empty-line">The library has no documents yet. Import articles first (Ctrl+O), then create the study.</p>}
        {docs !== null && docs.length > 0 && (
          <>
            <label className="study-form-check study-form-all">
              <input
                type="checkbox"
                ref={(el) => {
                  fields.current.documents = el;
                }}
                checked={all}
                aria-invalid={errors.documents ? true : undefined}
                onChange={() => setChosen(all ? new Set() : new Set(docs.map((d) => d.id)))}
              />
              All documents
            </label>
            <ul className="study-form-list">
              {docs.map((d) => (
                <li key={d.id}>
                  <label className="study-form-check">
                    <input type="checkbox" checked={chosen.has(d.id)} onChange={() => toggle(d.id)} />
                    <span>{d.title}</span>
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
      </fieldset>
      {errorLine('documents')}

      <div className="study-form-row">
        <div>
          <label className="field">
            <span>Analysts</span>
            <input
              ref={(el) => {
                fields.current.analysts = el;
              }}
              value={analysts}
              placeholder="Ayesha Khan, Bilal Ahmed"
              aria-invalid={errors.analysts ? true : undefined}
              aria-describedby={describedBy('analysts', `${ids}-analysts-hint`)}
              onChange={(e) => setAnalysts(e.target.value)}
            />
          </label>
          <p className="study-form-hint" id={`${ids}-analysts-hint`}>
            Names separated by commas; new names are added to the library.
          </p>
          {errorLine('analysts')}
        </div>
        <div>
          <label className="field">
            <span>Double-annotated share (%)</span>
            <input
              ref={(el) => {
                fields.current.share = el;
              }}
              inputMode="decimal"
              value={sharePercent}
              aria-invalid={errors.share ? true : undefined}
              aria-describedby={describedBy('share', `${ids}-share-hint`)}
              onChange={(e) => setSharePercent(e.target.value)}
            />
          </label>
          <p className="study-form-hint" id={`${ids}-share-hint`}>
            Every document goes to one analyst; this share also to a second.
          </p>
          {errorLine('share')}
        </div>
        <div>
          <label className="field">
            <span>Guideline version</span>
            <input value={version} maxLength={60} placeholder="e.g. v2" aria-describedby={`${ids}-version-hint`} onChange={(e) => setVersion(e.target.value)} />
          </label>
          <p className="study-form-hint" id={`${ids}-version-hint`}>
            Optional; the tag set’s own version otherwise.
          </p>
        </div>
      </div>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <div className="study-form-actions">
        <button type="button" className="button small" onClick={onCancel} aria-keyshortcuts="Escape">
          Cancel
        </button>
        <button type="submit" className="button small primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create and assign'}
        </button>
      </div>
    </form>
  );
}
