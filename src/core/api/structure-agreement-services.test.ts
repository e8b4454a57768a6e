// Attribute α and link F1 end to end (#20): two analysts tag, rate and link through the real
// services on a real SQLite library; Compare and the study report give the same figures (and
// src/cli/agree-structure.test.ts the CLI's), and blind mode still withholds them.

import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_WORTHINESS_PRESET } from '../../shared/claim-structure';
import type { CompareResult } from '../../shared/compare';
import type { AppError, Result } from '../../shared/result';
import type { StudyReport } from '../../shared/study';
import type { Annotation, DocumentRecord, Label } from '../../shared/types';
import { loadBundledSample } from '../store/bundled-sample';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { createDispatch, type Dispatch } from './dispatch';
import { CURRENT_ANNOTATOR_SETTING } from '../ownership/ownership';
import { buildStudyReport, studyReportHtml } from '../study/study-report';
import { structureReportHtml } from '../study/structure-report-html';
import { createServices } from './services';

const RESOURCES = path.resolve(__dirname, '../../../resources');
const TEXT = 'Minister Dar said the talks failed. Officials claimed trade rose. The report denied any deal. Critics said prices doubled.';
const VERDICT = {
  key: 'verdict',
  name: 'Verdict',
  type: 'scale' as const,
  options: [
    { key: 'true', name: 'True' },
    { key: 'mixed', name: 'Mixed' },
    { key: 'false', name: 'False' },
  ],
};

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
let dispatch: Dispatch;
let doc: DocumentRecord;

async function call<T>(method: string, payload: unknown): Promise<T> {
  const result = (await dispatch(method, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message} ${result.error.details?.join('; ') ?? ''}`);
  return result.value;
}
async function failure(method: string, payload: unknown): Promise<AppError> {
  const result = (await dispatch(method, payload)) as Result<unknown>;
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return result.error;
}
const at = (needle: string) => {
  const start = TEXT.indexOf(needle);
  if (start < 0) throw new Error(needle);
  return { start, end: start + needle.length };
};

/** As the current analyst: tag a claim with values, and link it to a source span. */
async function claim(needle: string, values: Record<string, string>, source?: string): Promise<Annotation> {
  const a = await call<Annotation>('createAnnotation', { documentId: doc.id, labelId: 'fact', ...at(needle) });
  if (Object.keys(values).length) await call('setAnnotationAttributes', { id: a.id, values });
  if (source) await call('linkClaim', { claimId: a.id, target: { labelId: 'source', ...at(source) } });
  return a;
}

beforeEach(async () => {
  tmp = makeTempDir();
  library = Library.open(path.join(tmp.dir, 'claimtag.sqlite'));
  dispatch = createDispatch(createServices({ library, dataDir: tmp.dir, loadSample: () => loadBundledSample(RESOURCES) }), (err) => {
    throw err;
  });
  doc = library.documents.add({ title: 'T', source: 's', text: TEXT, blocks: [{ kind: 'paragraph', start: 0, end: TEXT.length }] }).document;
  const fact = (await call<Label[]>('listLabels', {})).find((l) => l.id === 'fact')!;
  const { sortOrder: _order, archived: _archived, ...editable } = fact;
  await call('saveLabel', { ...editable, attributes: [CHECK_WORTHINESS_PRESET, VERDICT] });

  await call('setAnnotatorName', { name: 'Ana' });
  await claim('the talks failed', { 'check-worthiness': 'check-worthy', verdict: 'false' }, 'Minister Dar');
  await claim('trade rose', { 'check-worthiness': 'check-worthy', verdict: 'true' }, 'Officials');
  await claim('prices doubled', { 'check-worthiness': 'not-factual', verdict: 'mixed' });
  // Ben works at the same desk: the library's current analyst becomes him
  library.settings.set(CURRENT_ANNOTATOR_SETTING, library.annotators.add('Ben').id);
  await claim('the talks failed', { 'check-worthiness': 'check-worthy', verdict: 'mixed' }, 'Dar'); // source overlaps Ana's
  await claim('Officials claimed trade rose', { 'check-worthiness': 'check-worthy', verdict: 'true' }, 'The report'); // wrong source
  await claim('prices doubled', { 'check-worthiness': 'not-factual' });
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

describe('structure agreement through the services', () => {
  it('Compare reports attribute α over the matched claims and link F1 between the analysts', async () => {
    const r = await call<CompareResult>('compareDocument', { documentId: doc.id });
    const s = r.report.structure;
    const worth = s.attributes.find((a) => a.attribute === 'check-worthiness')!;
    expect(worth).toMatchObject({ label: 'fact', units: 3, values: 6, missing: 0, observedAgreement: 1, nominal: 1 });
    const verdict = s.attributes.find((a) => a.attribute === 'verdict')!;
    expect(verdict).toMatchObject({ units: 2, values: 4, missing: 1, type: 'scale' });
    expect(verdict.ordinal).not.toBeUndefined();
    expect(s.links).toEqual([
      expect.objectContaining({ a: 'Ana', b: 'Ben', kind: 'source', linksA: 2, linksB: 2, overlap: expect.objectContaining({ agreed: 1, f1: 0.5 }), exact: expect.objectContaining({ agreed: 0 }) }),
    ]);
    expect(s.linksEmpty).toBeNull();
    expect(s.attributesEmpty).toBeNull();
  });

  it('the study report gives the same figures as Compare', async () => {
    await call('createStudy', { name: 'S', documentIds: [doc.id], analysts: ['Ana', 'Ben'] });
    const report = await call<StudyReport>('getStudyReport', { name: 'S', resamples: 50 });
    const compare = (await call<CompareResult>('compareDocument', { documentId: doc.id })).report.structure;
    const pooled = report.agreement!.structure;
    expect(pooled.attributes.map((a) => [a.attribute, a.units, a.nominal])).toEqual(compare.attributes.map((a) => [a.attribute, a.units, a.nominal]));
    expect(pooled.links.map((l) => [l.kind, l.overlap.f1, l.exact.f1])).toEqual([['source', 0.5, 0]]);
    // the HTML / PDF report (claimtag study report) carries the same tables
    const html = studyReportHtml(buildStudyReport(library, 'S', { resamples: 50 }));
    expect(html).toContain('<h2>Agreement on claim structure</h2>');
    expect(html).toMatch(/<td>Fact · Verdict<\/td><td class="num">2<\/td><td class="num">4<\/td><td class="num">1<\/td>/);
    expect(html).toMatch(/<td>Ana–Ben<\/td><td>source<\/td><td class="num">2 \/ 2<\/td><td class="num">1<\/td>/);
  });

  it('escapes what analysts named in the report', () => {
    const html = structureReportHtml(
      {
        attributes: [{ label: 'x', attribute: 'a', name: '<img src=x onerror=alert(1)>', type: 'choice', units: 2, values: 4, missing: 0, unknown: 0, observedAgreement: 1, nominal: null, nominalInterval: null, reason: 'r' }],
        attributesEmpty: null,
        links: [],
        linksEmpty: 'No links to compare: only <b>Ana</b> linked claims.',
        method: 'm',
        notes: [],
      },
      () => 'Fact',
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;img');
  });

  it('blind mode still refuses Compare, figures included, until the analyst marks the document done', async () => {
    await call('setBlindMode', { documentId: doc.id, on: true });
    expect((await failure('compareDocument', { documentId: doc.id })).reason).toBe('blind');
    await call('setDocumentDone', { documentId: doc.id, done: true });
    expect((await call<CompareResult>('compareDocument', { documentId: doc.id })).report.structure.links).toHaveLength(1);
  });
});
