// The study dashboard: pick a study, see its progress, agreement with 95 % intervals, the
// pair matrix, each analyst's F1, drift and label confusion, drawn by the same chart
// components as the HTML/PDF study report. Entered with Ctrl+Shift+D; Escape goes back.

import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { studyCharts } from '../../../charts/study-charts';
import type { ClaimtagApi } from '../../../shared/contract';
import type { StudyReport, StudySummary } from '../../../shared/study';
import { STUDY_FORM_MESSAGES } from '../../../shared/study-form';
import { StructureAgreement } from '../compare/StructureAgreement';
import { StudyCreateForm } from './StudyCreateForm';
import { useChartStyles } from './use-chart-styles';
import './study.css';
import { useCommands } from '../commands/use-commands';

interface Props {
  api: ClaimtagApi;
  onClose(): void;
  /** Opens a document in the workbench (compare: in the Compare view). */
  onOpenDocument(documentId: string, compare: boolean): void;
}

type Loaded<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; value: T };

const value = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(2));

export function StudyDashboard({ api, onClose, onOpenDocument }: Props) {
  useChartStyles();
  const [studies, setStudies] = useState<Loaded<StudySummary[]>>({ state: 'loading' });
  const [chosen, setChosen] = useState<string | null>(null);
  const [report, setReport] = useState<Loaded<StudyReport> | null>(null);
  const [creating, setCreating] = useState(false);
  const [assignShare, setAssignShare] = useState('20');
  const [working, setWorking] = useState<'assign' | 'export' | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const loadStudies = useCallback(
    async (select?: string) => {
      setStudies({ state: 'loading' });
      const r = await api.listStudies({});
      if (!r.ok) return setStudies({ state: 'error', message: r.error.message });
      setStudies({ state: 'ready', value: r.value });
      setChosen((c) => select ?? c ?? r.value[0]?.name ?? null);
    },
    [api],
  );

  useEffect(() => {
    void loadStudies();
    heading.current?.focus();
  }, [loadStudies]);

  const loadReport = useCallback(
    async (name: string) => {
      setReport({ state: 'loading' });
      const r = await api.getStudyReport({ name });
      setReport(r.ok ? { state: 'ready', value: r.value } : { state: 'error', message: r.error.message });
    },
    [api],
  );

  useEffect(() => {
    if (chosen) void loadReport(chosen);
  }, [chosen, loadReport]);

  useCommands({ 'close-studies': () => onClose() }, () => ({ studyDashboard: true }));

  const [notice, setNotice] = useState<string | null>(null);
  const goNext = async (kind: 'mine' | 'unsettled') => {
    if (!chosen) return;
    setNotice(null);
    if (kind === 'mine') {
      const r = await api.nextStudyDocument({ name: chosen });
      if (!r.ok) return setNotice(r.error.message);
      if (!r.value) return setNotice('You have no document left to do in this study.');
      onOpenDocument(r.value.documentId, false);
    } else {
      const r = await api.nextUnsettledInStudy({ name: chosen });
      if (!r.ok) return setNotice(r.error.message);
      if (!r.value) return setNotice('Every difference in this study is settled.');
      onOpenDocument(r.value.documentId, true);
    }
  };

  const assign = async () => {
    if (!chosen) return;
    setNotice(null);
    const share = assignShare.trim() === '' ? Number.NaN : Number(assignShare) / 100;
    if (!(share >= 0 && share <= 1)) return setNotice(STUDY_FORM_MESSAGES['share-out-of-range']);
    setWorking('assign');
    const r = await api.assignStudy({ name: chosen, doubleShare: share });
    setWorking(null);
    if (!r.ok) return setNotice(r.error.message);
    setNotice(`Assigned: ${r.value.map((p) => `${p.name} ${p.assigned}`).join(', ')}.`);
    await loadStudies(chosen);
    void loadReport(chosen);
  };

  const exportDiagnosis = async () => {
    if (!chosen) return;
    setNotice(null);
    setWorking('export');
    const r = await api.exportStudyDiagnosis({ name: chosen });
    setWorking(null);
    if (!r.ok) return setNotice(r.error.message);
    if ('cancelled' in r.value) return;
    setNotice(`Diagnosis table written (${r.value.rows} rows) to ${r.value.written}`);
  };

  const list = studies.state === 'ready' ? studies.value : [];
  const current = list.find((s) => s.name === chosen) ?? null;

  return (
    <section className="study" aria-label="Study dashboard">
      <header className="study-header">
        <h1 ref={heading} tabIndex={-1}>
          Study dashboard
        </h1>
        {list.length > 0 && (
          <label className="study-pick">
            Study
            <select value={chosen ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {list.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="status-spacer" />
        {studies.state === 'ready' && !creating && (
          <button type="button" className="button small" onClick={() => setCreating(true)}>
            New study
          </button>
        )}
        {chosen && (
          <>
            <button type="button" className="button small" onClick={() => void exportDiagnosis()} disabled={working !== null}>
              {working === 'export' ? 'Exporting…' : 'Export diagnosis CSV'}
            </button>
            <button type="button" className="button small" onClick={() => void goNext('mine')}>
              My next document
            </button>
            <button type="button" className="button small" onClick={() => void goNext('unsettled')}>
              Next unsettled
            </button>
            <button type="button" className="button small" onClick={() => void loadReport(chosen)} disabled={report?.state === 'loading'}>
              Recompute
            </button>
          </>
        )}
        <button type="button" className="button small" onClick={onClose} title="Back to the workbench (Escape)" aria-keyshortcuts="Escape">
          Close
        </button>
      </header>
      <div className="study-body">
        {studies.state === 'loading' && <p className="study-empty">Loading studies…</p>}
        {studies.state === 'error' && (
          <div className="study-error" role="alert">
            <p>{studies.message}</p>
            <button type="button" className="button small" onClick={() => void loadStudies()}>
              Try again
            </button>
          </div>
        )}
        {creating && (
          <StudyCreateForm
            api={api}
            onCancel={() => {
              setCreating(false);
              heading.current?.focus();
            }}
            onCreated={(name) => {
              setCreating(false);
              setNotice(`Study “${name}” created and assigned.`);
              void loadStudies(name);
              heading.current?.focus();
            }}
          />
        )}
        {studies.state === 'ready' && list.length === 0 && !creating && (
          <div className="study-empty">
            <p className="study-empty-title">No studies in this library yet.</p>
            <p>A study names a set of articles, its analysts and the tag set in force, and measures their agreement across all of them.</p>
            <p>
              <button type="button" className="button small primary" onClick={() => setCreating(true)}>
                Create a study
              </button>
            </p>
            <p>From the command line: <code>claimtag study create "Border talks" --analysts Ayesha,Bilal --double-share 0.2</code></p>
          </div>
        )}
        {notice && (
          <p className="study-notice" role="status">
            {notice}
          </p>
        )}
        {current && (
          <p className="study-meta">
            {current.documents} documents · analysts {current.analysts.join(', ')} · guideline version {current.guidelineVersion} · {Math.round(current.doubleShare * 100)} % double-annotated
          </p>
        )}
        {current && !creating && (
          <form
            className="study-assign"
            aria-label="Assign documents"
            onSubmit={(e) => {
              e.preventDefault();
              void assign();
            }}
          >
            <label>
              Double-annotated share (%){' '}
              <input inputMode="decimal" value={assignShare} onChange={(e) => setAssignShare(e.target.value)} />
            </label>
            <button type="submit" className="button small" disabled={working !== null}>
              {working === 'assign' ? 'Assigning…' : 'Assign documents'}
            </button>
          </form>
        )}
        {report?.state === 'loading' && (
          <div className="study-progress" role="status" aria-live="polite">
            <progress aria-label="Computing the study's figures" />
            <span>Computing agreement with bootstrap intervals over {current?.documents ?? 'the'} documents…</span>
          </div>
        )}
        {report?.state === 'error' && (
          <div className="study-error" role="alert">
            <p>{report.message}</p>
            {chosen && (
              <button type="button" className="button small" onClick={() => void loadReport(chosen)}>
                Try again
              </button>
            )}
          </div>
        )}
        {report?.state === 'ready' && <StudyFigures report={report.value} />}
      </div>
    </section>
  );
}

function StudyFigures({ report }: { report: StudyReport }) {
  const a = report.agreement;
  return (
    <>
      <section className="study-card" aria-labelledby="study-progress-h">
        <h2 id="study-progress-h">Progress</h2>
        {report.progress.every((p) => p.assigned === 0) ? (
          <p className="study-empty-line">No documents are assigned yet (claimtag study assign NAME --double-share 0.2).</p>
        ) : (
          <ul className="study-progress-list">
            {report.progress.map((p) => (
              <li key={p.annotatorId}>
                <span>{p.name}</span>
                <progress max={Math.max(1, p.assigned)} value={p.done} aria-label={`${p.name}: ${p.done} of ${p.assigned} done`} />
                <span className="study-num">
                  {p.done} / {p.assigned}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {a && (
        <p className="study-summary">
          α_u = {value(a.spans.alphaU)} over {a.documents} articles
          {a.spans.alphaUInterval && `, 95 % CI ${value(a.spans.alphaUInterval[0])}–${value(a.spans.alphaUInterval[1])}`} · {a.bootstrap.resamples} resamples, seed {a.bootstrap.seed}
        </p>
      )}
      <div className="study-grid">
        {studyCharts(report).map((c) => (
          <Fragment key={c.id}>
            <section className="study-card" aria-labelledby={`study-${c.id}-h`}>
              <h2 id={`study-${c.id}-h`}>{c.heading}</h2>
              {c.chart ?? <p className="study-empty-line">{c.empty}</p>}
            </section>
          </Fragment>
        ))}
      </div>
      {a && (
        <section className="study-card" aria-label="Claim structure agreement">
          <StructureAgreement figures={a.structure} labelName={(id) => report.tagSet.find((l) => l.id === id)?.name ?? id} corpus heading="h2" />
        </section>
      )}
      {a && a.notes.length > 0 && (
        <details className="study-card">
          <summary>Notes on the figures ({a.notes.length})</summary>
          <ul>
            {a.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
