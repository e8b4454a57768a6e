// Studies on a real library file: create, assign with a double-annotated share, progress and
// next document, corpus agreement over the double-annotated documents, each analyst's
// quality against the reference and the majority, next unsettled, the diagnosis table.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import { adjudicate } from '../compare/adjudicate';
import { compareDocument } from '../compare/compare-document';
import { dumpFile } from '../../../test/support/db-helpers';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { planAssignments } from './assignment-plan';
import { diagnosisCsv } from './diagnosis-table';
import { analystQuality, assignStudy, createStudy, isoWeek, nextDocumentFor, nextUnsettled, studyAgreement, studyDiagnosis } from './study-service';

const SENTENCES = ['Alpha said the rain fell.', 'Beta thinks it was cold.', 'Gamma claims a crime.', 'Delta is quiet.'];
const TEXT = SENTENCES.join(' ');
const at = (needle: string) => ({ start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + needle.length });

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
let file: string;
let docs: string[];

beforeEach(() => {
  tmp = makeTempDir('claimtag-study-');
  file = path.join(tmp.dir, 'claimtag.sqlite');
  library = Library.open(file);
  docs = Array.from({ length: 6 }, (_, i) => library.documents.add({ title: `Article ${i + 1}`, source: 's', text: `${TEXT} (${i + 1})`, blocks: [{ kind: 'paragraph', start: 0, end: TEXT.length }] }).document.id);
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

const tag = (documentId: string, who: string, labelId: string, needle: string) => {
  const annotatorId = library.annotators.findByName(who)[0].id;
  library.annotations.add({ documentId, annotatorId, labelId, ...at(needle) }, library.documents.textOf(documentId));
};

describe('planAssignments', () => {
  it('gives every document one analyst in turn and the share asked for a second', () => {
    const plan = planAssignments(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9', 'd10'], ['a', 'b', 'c'], 0.3);
    const perDoc = new Map<string, string[]>();
    for (const p of plan) perDoc.set(p.documentId, [...(perDoc.get(p.documentId) ?? []), p.annotatorId]);
    expect(perDoc.size).toBe(10);
    expect([...perDoc.values()].filter((a) => a.length === 2)).toHaveLength(3);
    for (const who of perDoc.values()) expect(new Set(who).size).toBe(who.length);
    const load = ['a', 'b', 'c'].map((x) => plan.filter((p) => p.annotatorId === x).length);
    expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(1);
    expect(() => planAssignments(['d1'], ['a'], 0.5)).toThrow(AppFailure);
    expect(() => planAssignments(['d1'], ['a', 'b'], 1.5)).toThrow(/between 0 and 1/);
  });
});

describe('studies', () => {
  it('are created with the tag set and guideline version in force, assigned, and track progress and the next document', () => {
    const study = createStudy(library, { name: 'Pilot', analysts: ['Ana', 'Ben'], doubleShare: 0.5 });
    expect(study.tagSet.map((l) => l.id)).toEqual(['fact', 'opinion', 'allegation', 'source', 'cue']);
    expect(study.guidelineVersion).toMatch(/^[0-9a-f]{12}$/);
    expect(library.studies.documentIds(study.id)).toEqual(library.documents.list().map((d) => d.id));
    const progress = library.studies.progress(study.id);
    expect(progress.map((p) => [p.name, p.assigned, p.done])).toEqual([
      ['Ana', 5, 0],
      ['Ben', 4, 0],
    ]);
    const first = nextDocumentFor(library, 'Pilot', 'Ana')!;
    library.documents.setDone(first.documentId, library.annotators.findByName('Ana')[0].id, true);
    expect(library.studies.progress(study.id)[0]).toMatchObject({ assigned: 5, done: 1 });
    expect(nextDocumentFor(library, 'Pilot', 'Ana')!.documentId).not.toBe(first.documentId);
    // a new share replaces the assignments
    expect(assignStudy(library, 'Pilot', 0).map((p) => p.assigned)).toEqual([3, 3]);
  });

  it('refuses a second study of the same name, an unknown document or a bad share, and changes nothing', () => {
    createStudy(library, { name: 'Pilot', analysts: ['Ana'] });
    const before = dumpFile(file);
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as AppFailure).error.code;
      }
      return 'none';
    };
    expect(code(() => createStudy(library, { name: 'Pilot', analysts: ['Ana'] }))).toBe('conflict');
    expect(code(() => createStudy(library, { name: 'Other', analysts: ['Zed'], documentIds: ['nope'] }))).toBe('not-found');
    expect(code(() => createStudy(library, { name: 'Other', analysts: ['Zed'], doubleShare: 2 }))).toBe('invalid-input');
    expect(code(() => nextDocumentFor(library, 'Nope', 'Ana'))).toBe('not-found');
    expect(dumpFile(file)).toEqual(before);
  });

  it('measures agreement over the documents every compared analyst worked on', () => {
    createStudy(library, { name: 'Pilot', analysts: ['Ana', 'Ben', 'Cy'], documentIds: docs.slice(0, 4) });
    for (const d of docs.slice(0, 4)) {
      tag(d, 'Ana', 'fact', SENTENCES[0]);
      tag(d, 'Ben', 'fact', SENTENCES[0]);
      tag(d, 'Ana', 'opinion', SENTENCES[1]);
      tag(d, 'Ben', d === docs[0] ? 'fact' : 'opinion', SENTENCES[1]);
    }
    tag(docs[0], 'Cy', 'fact', SENTENCES[0]);
    // no assignments: whoever annotated; Cy only annotated one document
    const all = studyAgreement(library, 'Pilot', { resamples: 50 });
    expect(all.documents).toBe(1);
    const pair = studyAgreement(library, 'Pilot', { analysts: ['Ana', 'Ben'], resamples: 50 });
    expect(pair.documents).toBe(4);
    expect(pair.annotators).toEqual(['Ana', 'Ben']);
    expect(pair.spans.alphaUByLabel.fact).not.toBeNull();
    expect(() => studyAgreement(library, 'Pilot', { analysts: ['Zed'] })).toThrow(/Not analysts/);
  });

  it('scores analysts against the reference and the majority, per label and per batch', () => {
    createStudy(library, { name: 'Pilot', analysts: ['Ana', 'Ben', 'Cy'], documentIds: docs.slice(0, 2) });
    for (const d of docs.slice(0, 2)) {
      for (const who of ['Ana', 'Ben', 'Cy']) tag(d, who, 'fact', SENTENCES[0]);
      tag(d, 'Ana', 'opinion', SENTENCES[1]);
      tag(d, 'Ben', 'opinion', SENTENCES[1]);
      tag(d, 'Cy', 'allegation', SENTENCES[1]);
    }
    const q = analystQuality(library, 'Pilot', { batchSize: 1 });
    expect(q.againstReference).toEqual([]);
    const cy = q.againstMajority.find((a) => a.analyst === 'Cy')!;
    // majority of Ana and Ben: fact + opinion; Cy: fact + allegation
    expect(cy.overall).toMatchObject({ truePositives: 2, predicted: 4, gold: 4, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(cy.byLabel.find((s) => s.label === 'allegation')).toMatchObject({ precision: 0, recall: null });
    const ana = q.againstMajority.find((a) => a.analyst === 'Ana')!;
    // majority of Ben and Cy: only fact (opinion has one vote of two)
    expect(ana.overall).toMatchObject({ truePositives: 2, predicted: 4, gold: 2, recall: 1 });
    expect(q.drift).toMatchObject({ basis: 'majority', groups: ['1–1', '2–2'] });

    // a reference on the first document: Cy's view of sentence 2 is upheld
    library.settings.set('current-annotator', library.annotators.findByName('Ana')[0].id);
    const compared = compareDocument(library, { documentId: docs[0] });
    const conflict = compared.differences.find((d) => d.kind === 'label-conflict')!;
    const cySpan = conflict.spans.find((s) => s.annotatorName === 'Cy')!;
    adjudicate(library, { documentId: docs[0], differenceId: conflict.id, decision: { kind: 'accept', annotationId: cySpan.annotationId } }, { id: 'lead', name: 'Lead' });
    const withReference = analystQuality(library, 'Pilot', { batchSize: 1 });
    expect(withReference.againstReference.find((a) => a.analyst === 'Cy')!.overall).toMatchObject({ truePositives: 1, predicted: 2, gold: 1, recall: 1 });
    expect(withReference.drift.basis).toBe('reference');
    expect(withReference.drift.series.find((s) => s.analyst === 'Cy')!.f1).toEqual([2 / 3, null]);
  });

  it('finds the next unsettled difference across the study and writes the diagnosis table', () => {
    createStudy(library, { name: 'Pilot', analysts: ['Ana', 'Ben'], documentIds: [docs[1], docs[0]] });
    tag(docs[0], 'Ana', 'fact', SENTENCES[0]);
    tag(docs[0], 'Ben', 'opinion', SENTENCES[0]);
    tag(docs[1], 'Ana', 'fact', SENTENCES[2]);
    tag(docs[1], 'Ben', 'fact', SENTENCES[2]);
    const first = nextUnsettled(library, 'Pilot')!;
    expect(first.documentId).toBe(docs[0]); // docs[1] comes first in the study but has no difference
    expect(first.difference.kind).toBe('label-conflict');
    expect(nextUnsettled(library, 'Pilot', { documentId: docs[0], differenceId: first.difference.id })).toBeNull();
    adjudicate(library, { documentId: docs[0], differenceId: first.difference.id, decision: { kind: 'reject' }, reason: 'not a claim' }, { id: 'lead', name: 'Lead' });
    expect(nextUnsettled(library, 'Pilot')).toBeNull();

    const table = studyDiagnosis(library, 'Pilot');
    expect(table.columns).toEqual(['Ana', 'Ben']);
    expect(table.rows.map((r) => [r.document, r.label, r.quote, ...r.cells])).toEqual([
      ['Article 2', 'fact', SENTENCES[2], 'x', 'x'],
      ['Article 1', 'fact', SENTENCES[0], 'x', 'opinion'],
      ['Article 1', 'opinion', SENTENCES[0], 'fact', 'x'],
    ]);
    const csv = diagnosisCsv(table);
    expect(csv.startsWith('\uFEFF"document","start","end","label","quote","Ana","Ben"\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(5);
  });

  it('names ISO weeks', () => {
    expect(isoWeek('2026-01-01T12:00:00Z')).toBe('2026-W01');
    expect(isoWeek('2027-01-01T12:00:00Z')).toBe('2026-W53');
    expect(isoWeek('2024-12-30T00:00:00Z')).toBe('2025-W01');
  });
});
