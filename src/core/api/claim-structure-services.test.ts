// Claims with structure (#20) through the real dispatch on a real SQLite library: linking a
// claim to its source and cue, undo of deletions bringing links back, attribute values checked
// against the label, label changes, and every refusal leaving the database as it was.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LinkedClaim } from '../../shared/contract';
import { ATTRIBUTE_PRESETS, CHECK_WORTHINESS_PRESET, EVIDENCE_LINKS_PRESET, VERDICT_SCALE_PRESET, CLAIM_DATE_PRESET, type Relation } from '../../shared/claim-structure';
import type { AppError, Result } from '../../shared/result';
import type { Annotation, Annotator, DocumentRecord, Label } from '../../shared/types';
import { loadBundledSample } from '../store/bundled-sample';
import { Library } from '../store/library';
import { dumpLibrary } from '../../../test/support/dump-library';
import { makeTempDir } from '../../../test/support/temp-library';
import { createDispatch, type Dispatch } from './dispatch';
import { createServices } from './services';

const RESOURCES = path.resolve(__dirname, '../../../resources');
const TEXT = 'Foreign Minister Ishaq Dar said the talks failed. Critics claimed the deal was corrupt. The weather was fine.';

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
let dispatch: Dispatch;
let doc: DocumentRecord;
let me: Annotator;

async function call<T>(method: string, payload: unknown = {}): Promise<T> {
  const result = (await dispatch(method, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message} ${result.error.details?.join('; ') ?? ''}`);
  return result.value;
}

/** Expects a refusal and proves that nothing in the database changed. */
async function refused(method: string, payload: unknown): Promise<AppError> {
  const before = dumpLibrary(library);
  const result = (await dispatch(method, payload)) as Result<unknown>;
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  expect(dumpLibrary(library)).toEqual(before);
  return result.error;
}

const at = (needle: string, text = TEXT) => {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(needle);
  return { start, end: start + needle.length };
};
const tag = (labelId: string, needle: string, documentId = doc.id) => call<Annotation>('createAnnotation', { documentId, labelId, ...at(needle) });
const labelInput = (id: string, over: Partial<Label> = {}) => {
  const l = { ...library.labels.find(id)!, ...over };
  return { id: l.id, name: l.name, color: l.color, shortcut: l.shortcut, definition: l.definition, ...(over.role ? { role: over.role } : {}), ...(over.attributes ? { attributes: over.attributes } : {}) };
};

beforeEach(async () => {
  tmp = makeTempDir();
  library = Library.open(path.join(tmp.dir, 'claimtag.sqlite'));
  dispatch = createDispatch(createServices({ library, dataDir: tmp.dir, loadSample: () => loadBundledSample(RESOURCES) }), (err) => {
    throw err;
  });
  doc = library.documents.add({ title: 'T', source: 's', text: TEXT, blocks: [{ kind: 'paragraph', start: 0, end: TEXT.length }] }).document;
  me = await call<Annotator>('setAnnotatorName', { name: 'Ayesha' });
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

describe('the bundled source and cue labels', () => {
  it('are in a new library, after the claim labels, on keys 8 and 9', async () => {
    const labels = await call<Label[]>('listLabels');
    expect(labels.map((l) => [l.id, l.role ?? 'claim', l.shortcut])).toEqual([
      ['fact', 'claim', '1'],
      ['opinion', 'claim', '2'],
      ['allegation', 'claim', '3'],
      ['source', 'source', '8'],
      ['cue', 'cue', '9'],
    ]);
  });
});

describe('linking a claim to its source and cue', () => {
  it('links existing spans, the kind taken from the target label; linking again returns the same link', async () => {
    const claim = await tag('fact', 'the talks failed');
    const source = await tag('source', 'Foreign Minister Ishaq Dar');
    const cue = await tag('cue', 'said');
    const first = await call<LinkedClaim>('linkClaim', { claimId: claim.id, targetId: source.id });
    expect(first.relation).toMatchObject({ documentId: doc.id, annotatorId: me.id, annotatorName: 'Ayesha', kind: 'source', claimId: claim.id, targetId: source.id, deletedAt: null });
    expect(first.target).toEqual(source);
    const again = await call<LinkedClaim>('linkClaim', { claimId: claim.id, targetId: source.id });
    expect(again.relation).toEqual(first.relation);
    const byCue = await call<LinkedClaim>('linkClaim', { claimId: claim.id, targetId: cue.id });
    expect(byCue.relation.kind).toBe('cue');
    expect((await call<Relation[]>('listRelations', { documentId: doc.id })).map((r) => [r.kind, r.targetId])).toEqual([
      ['source', source.id],
      ['cue', cue.id],
    ]);
  });

  it('marks the source span in the same call, reusing her identical span; one source backs many claims', async () => {
    const talks = await tag('fact', 'the talks failed');
    const deal = await tag('allegation', 'the deal was corrupt');
    const made = await call<LinkedClaim>('linkClaim', { claimId: talks.id, target: { labelId: 'source', ...at('Foreign Minister Ishaq Dar') } });
    expect(made.target).toMatchObject({ labelId: 'source', quote: 'Foreign Minister Ishaq Dar', annotatorId: me.id });
    const reused = await call<LinkedClaim>('linkClaim', { claimId: deal.id, target: { labelId: 'source', ...at('Foreign Minister Ishaq Dar') } });
    expect(reused.target.id).toBe(made.target.id);
    expect(library.annotations.listForDocument(doc.id).filter((a) => a.labelId === 'source')).toHaveLength(1);
    expect((await call<Relation[]>('listRelations', { documentId: doc.id })).map((r) => r.claimId)).toEqual([talks.id, deal.id]);
  });

  it('refuses links that do not fit, saying why, and changes nothing', async () => {
    const claim = await tag('fact', 'the talks failed');
    const other = await tag('opinion', 'the deal was corrupt');
    const source = await tag('source', 'Foreign Minister Ishaq Dar');
    expect((await refused('linkClaim', { claimId: source.id, targetId: claim.id })).message).toBe(
      '“Source” marks a source, not a claim; select the claim first, then link its source or cue.',
    );
    expect((await refused('linkClaim', { claimId: claim.id, targetId: other.id })).message).toBe('“Opinion” marks a claim; link a claim to a span tagged as a source or a cue.');
    expect((await refused('linkClaim', { claimId: claim.id, target: { labelId: 'opinion', ...at('Critics') } })).message).toBe(
      '“Opinion” marks a claim; mark the source or cue with a source or cue label.',
    );
    expect((await refused('linkClaim', { claimId: claim.id, targetId: claim.id })).code).toBe('invalid-input');
    // a span in another article
    const elsewhere = library.documents.add({ title: 'U', source: 's', text: TEXT.toUpperCase(), blocks: [] }).document;
    const there = await call<Annotation>('createAnnotation', { documentId: elsewhere.id, labelId: 'source', ...at('FOREIGN', TEXT.toUpperCase()) });
    expect((await refused('linkClaim', { claimId: claim.id, targetId: there.id })).message).toBe('A claim can only be linked to a span in the same article.');
    // a deleted span, an unknown one, a span outside the text
    await call('deleteAnnotation', { id: source.id });
    expect((await refused('linkClaim', { claimId: claim.id, targetId: source.id })).message).toBe('That span was deleted; undo the deletion first.');
    expect((await refused('linkClaim', { claimId: claim.id, targetId: 'nope' })).code).toBe('not-found');
    expect((await refused('linkClaim', { claimId: claim.id, target: { labelId: 'source', start: 5, end: 5_000 } })).code).toBe('invalid-input');
  });

  it('unlinks; a second unlink returns the removed link; linking again makes a new live link', async () => {
    const claim = await tag('fact', 'the talks failed');
    const { relation } = await call<LinkedClaim>('linkClaim', { claimId: claim.id, target: { labelId: 'cue', ...at('said') } });
    const removed = await call<Relation>('unlinkClaim', { id: relation.id });
    expect(removed.deletedAt).not.toBeNull();
    expect(await call<Relation>('unlinkClaim', { id: relation.id })).toEqual(removed);
    expect(await call<Relation[]>('listRelations', { documentId: doc.id })).toEqual([]);
    const again = await call<LinkedClaim>('linkClaim', { claimId: claim.id, targetId: relation.targetId });
    expect(again.relation.id).not.toBe(relation.id);
    expect((await call<Relation[]>('listRelations', { documentId: doc.id })).map((r) => r.id)).toEqual([again.relation.id]);
  });

  it('deleting a span removes its links; undo brings back exactly those, not links removed on their own', async () => {
    const talks = await tag('fact', 'the talks failed');
    const deal = await tag('allegation', 'the deal was corrupt');
    const { relation: toTalks, target: source } = await call<LinkedClaim>('linkClaim', { claimId: talks.id, target: { labelId: 'source', ...at('Foreign Minister Ishaq Dar') } });
    const { relation: toDeal } = await call<LinkedClaim>('linkClaim', { claimId: deal.id, targetId: source.id });
    const { relation: cue } = await call<LinkedClaim>('linkClaim', { claimId: talks.id, target: { labelId: 'cue', ...at('said') } });
    await call('unlinkClaim', { id: toDeal.id });
    const unlinkedAt = library.relations.get(toDeal.id).deletedAt;
    await call('deleteAnnotation', { id: source.id });
    expect((await call<Relation[]>('listRelations', { documentId: doc.id })).map((r) => r.id)).toEqual([cue.id]);
    // stored: the link deleted with the span carries the span's deletion time
    expect(library.relations.get(toTalks.id).deletedAt).toBe(library.annotations.get(source.id).deletedAt);
    expect(library.relations.get(toDeal.id).deletedAt).toBe(unlinkedAt);
    await call('restoreAnnotation', { id: source.id });
    expect((await call<Relation[]>('listRelations', { documentId: doc.id })).map((r) => r.id)).toEqual([toTalks.id, cue.id]);
    // the claim's own deletion and undo
    await call('deleteAnnotation', { id: talks.id });
    expect(await call<Relation[]>('listRelations', { documentId: doc.id })).toEqual([]);
    await call('restoreAnnotation', { id: talks.id });
    expect((await call<Relation[]>('listRelations', { documentId: doc.id })).map((r) => r.id)).toEqual([toTalks.id, cue.id]);
  });

  it('a link unlinked in the same millisecond as its span was deleted stays unlinked after undo', async () => {
    const talks = await tag('fact', 'the talks failed');
    const deal = await tag('allegation', 'the deal was corrupt');
    const { relation: toTalks, target: source } = await call<LinkedClaim>('linkClaim', { claimId: talks.id, target: { labelId: 'source', ...at('Foreign Minister Ishaq Dar') } });
    const { relation: toDeal } = await call<LinkedClaim>('linkClaim', { claimId: deal.id, targetId: source.id });
    const moment = '2026-12-05T08:00:00.000Z';
    library.relations.softDelete(toDeal.id, moment);
    library.relations.softDeleteOf(source.id, moment);
    expect(library.relations.restoreOf(source.id)).toBe(1);
    expect(library.relations.get(toTalks.id).deletedAt).toBeNull();
    expect(library.relations.get(toDeal.id).deletedAt).toBe(moment);
  });

  it('shows colleagues’ links read-only, and withholds them while the document is blind', async () => {
    const bilal = library.annotators.add('Bilal');
    const hisClaim = library.annotations.add({ documentId: doc.id, annotatorId: bilal.id, labelId: 'fact', ...at('the talks failed') }, TEXT);
    const hisSource = library.annotations.add({ documentId: doc.id, annotatorId: bilal.id, labelId: 'source', ...at('Foreign Minister Ishaq Dar') }, TEXT);
    const his = library.relations.add({ documentId: doc.id, annotatorId: bilal.id, kind: 'source', claimId: hisClaim.id, targetId: hisSource.id });
    const mine = await call<LinkedClaim>('linkClaim', { claimId: (await tag('fact', 'the talks failed')).id, target: { labelId: 'cue', ...at('said') } });
    expect((await call<Relation[]>('listRelations', { documentId: doc.id })).map((r) => [r.annotatorName, r.id])).toEqual([
      ['Bilal', his.id],
      ['Ayesha', mine.relation.id],
    ]);
    expect((await refused('unlinkClaim', { id: his.id })).reason).toBe('not-owner');
    await call('setBlindMode', { documentId: doc.id, on: true });
    expect((await call<Relation[]>('listRelations', { documentId: doc.id })).map((r) => r.id)).toEqual([mine.relation.id]);
    await call('setDocumentDone', { documentId: doc.id, done: true });
    expect(await call<Relation[]>('listRelations', { documentId: doc.id })).toHaveLength(2);
    expect((await refused('listRelations', { documentId: 'gone' })).code).toBe('not-found');
  });
});

describe('attribute values', () => {
  beforeEach(async () => {
    await call('saveLabel', labelInput('fact', { attributes: [CHECK_WORTHINESS_PRESET, VERDICT_SCALE_PRESET, EVIDENCE_LINKS_PRESET, CLAIM_DATE_PRESET] }));
  });

  it('are set in one call and returned with the annotation; links are normalised and deduplicated; empty means none', async () => {
    const claim = await tag('fact', 'the talks failed');
    const updated = await call<Annotation>('setAnnotationAttributes', {
      id: claim.id,
      values: {
        verdict: 'mostly-false',
        'check-worthiness': 'check-worthy',
        evidence: [' https://Example.org/report?id=7 ', 'https://example.org/report?id=7', 'https://news.example/ürdü'],
        'claim-date': '2024-02-29',
      },
    });
    expect(updated.attributes).toEqual({
      'check-worthiness': 'check-worthy',
      verdict: 'mostly-false',
      evidence: ['https://example.org/report?id=7', 'https://news.example/%C3%BCrd%C3%BC'],
      'claim-date': '2024-02-29',
    });
    expect(library.annotations.get(claim.id)).toEqual(updated);
    const cleared = await call<Annotation>('setAnnotationAttributes', { id: claim.id, values: { verdict: 'true', evidence: [], 'claim-date': '' } });
    expect(cleared.attributes).toEqual({ verdict: 'true' });
    expect((await call<Annotation>('setAnnotationAttributes', { id: claim.id, values: {} })).attributes).toBeUndefined();
  });

  const bad: Array<[string, Record<string, string | string[]>, string]> = [
    ['an option the attribute does not have', { verdict: 'pants-on-fire' }, 'values.verdict: “pants-on-fire” is not one of the choices for “Verdict”: True, Mostly true, Half true, Mostly false, False.'],
    ['an attribute the label does not have', { mood: 'calm' }, 'values.mood: “Fact” has no attribute “mood”.'],
    ['a plain http link', { evidence: ['http://example.org/a'] }, 'values.evidence: Only https:// links are kept as evidence; “http://example.org/a” is not one.'],
    ['a link with a password', { evidence: ['https://user:secret@example.org/'] }, 'values.evidence: A link cannot carry a user name or password; remove the part before “@”.'],
    ['a script link', { evidence: ['javascript:alert(1)'] }, 'values.evidence: Only https:// links are kept as evidence; “javascript:alert(1)” is not one.'],
    ['not a link', { evidence: ['see the report'] }, 'values.evidence: A link cannot contain spaces or invisible characters.'],
    ['a link too long', { evidence: [`https://example.org/${'a'.repeat(2_000)}`] }, 'values.evidence: A link is at most 2000 characters long.'],
    ['a date that is not in the calendar', { 'claim-date': '2025-02-29' }, 'values.claim-date: “2025-02-29” is not a date; write it as year-month-day, e.g. 2026-03-14.'],
    ['a date in another format', { 'claim-date': '29/02/2024' }, 'values.claim-date: “29/02/2024” is not a date; write it as year-month-day, e.g. 2026-03-14.'],
    ['two values for a choice', { verdict: ['true', 'false'] }, 'values.verdict: “Verdict” takes one value.'],
  ];
  for (const [what, values, detail] of bad) {
    it(`refuses ${what}, naming the field, and saves nothing`, async () => {
      const claim = await tag('fact', 'the talks failed');
      await call('setAnnotationAttributes', { id: claim.id, values: { verdict: 'true' } });
      const error = await refused('setAnnotationAttributes', { id: claim.id, values: { ...values } });
      expect(error.code).toBe('invalid-input');
      expect(error.details).toEqual([detail]);
      expect(library.annotations.get(claim.id).attributes).toEqual({ verdict: 'true' });
    });
  }

  it('refuses too many links and a deleted annotation', async () => {
    const claim = await tag('fact', 'the talks failed');
    const many = Array.from({ length: 21 }, (_, i) => `https://example.org/${i}`);
    expect((await refused('setAnnotationAttributes', { id: claim.id, values: { evidence: many } })).details).toEqual(['values.evidence: Keep at most 20 links for “Evidence”.']);
    await call('deleteAnnotation', { id: claim.id });
    expect((await refused('setAnnotationAttributes', { id: claim.id, values: { verdict: 'true' } })).code).toBe('conflict');
  });

  it('a new label keeps the values its attributes accept and drops the rest; copying keeps them', async () => {
    await call('saveLabel', labelInput('allegation', { attributes: [VERDICT_SCALE_PRESET] }));
    const claim = await tag('fact', 'the talks failed');
    await call('setAnnotationAttributes', { id: claim.id, values: { verdict: 'false', 'check-worthiness': 'not-factual' } });
    expect((await call<Annotation>('updateAnnotation', { id: claim.id, labelId: 'allegation' })).attributes).toEqual({ verdict: 'false' });
    expect((await call<Annotation>('updateAnnotation', { id: claim.id, labelId: 'opinion' })).attributes).toBeUndefined();
    // other edits leave the values alone
    await call('updateAnnotation', { id: claim.id, labelId: 'fact' });
    await call('setAnnotationAttributes', { id: claim.id, values: { verdict: 'half-true' } });
    expect((await call<Annotation>('updateAnnotation', { id: claim.id, note: 'checked' })).attributes).toEqual({ verdict: 'half-true' });
    // a colleague's claim copied to her work keeps its values
    const bilal = library.annotators.add('Bilal');
    const his = library.annotations.add({ documentId: doc.id, annotatorId: bilal.id, labelId: 'fact', ...at('the deal was corrupt'), attributes: { verdict: 'true' } }, TEXT);
    expect((await call<Annotation>('copyAnnotationToMine', { id: his.id })).attributes).toEqual({ verdict: 'true' });
  });

  it('a claim relabelled as a source loses its links; a source relabelled as a cue is unlinked from its claims', async () => {
    const claim = await tag('fact', 'the talks failed');
    const { target: source } = await call<LinkedClaim>('linkClaim', { claimId: claim.id, target: { labelId: 'source', ...at('Foreign Minister Ishaq Dar') } });
    const { relation: cue } = await call<LinkedClaim>('linkClaim', { claimId: claim.id, target: { labelId: 'cue', ...at('said') } });
    await call('updateAnnotation', { id: source.id, labelId: 'cue' });
    expect((await call<Relation[]>('listRelations', { documentId: doc.id })).map((r) => r.id)).toEqual([cue.id]);
    await call('updateAnnotation', { id: claim.id, labelId: 'opinion' });
    expect((await call<Relation[]>('listRelations', { documentId: doc.id })).map((r) => r.id)).toEqual([cue.id]);
    await call('updateAnnotation', { id: claim.id, labelId: 'source' });
    expect(await call<Relation[]>('listRelations', { documentId: doc.id })).toEqual([]);
  });
});

describe('label role and attributes in the Tag set dialog’s save', () => {
  it('adds a label with a role and the presets; left out, an existing label keeps both', async () => {
    const labels = await call<Label[]>('saveLabel', { id: 'speaker', name: 'Speaker', color: '#7a4fa0', shortcut: '', definition: '', role: 'source', attributes: [...ATTRIBUTE_PRESETS] });
    expect(labels.find((l) => l.id === 'speaker')).toMatchObject({ role: 'source', attributes: ATTRIBUTE_PRESETS });
    await call('saveLabel', labelInput('speaker', { name: 'Speaker (person)' }));
    expect(library.labels.find('speaker')).toMatchObject({ name: 'Speaker (person)', role: 'source', attributes: ATTRIBUTE_PRESETS });
  });

  const badDefinitions: Array<[string, unknown[], string]> = [
    ['a scale of one option', [{ key: 'verdict', name: 'Verdict', type: 'scale', options: [{ key: 'true', name: 'True' }] }], 'attributes.0.options: Give “Verdict” at least two options to choose from.'],
    ['two attributes with one key', [EVIDENCE_LINKS_PRESET, { ...CLAIM_DATE_PRESET, key: 'evidence' }], 'attributes.1.key: Another attribute of this label already has the key “evidence”.'],
    ['a key with capitals', [{ ...EVIDENCE_LINKS_PRESET, key: 'Evidence' }], 'attributes.0.key: Use lower-case letters, digits and dashes for the attribute\'s key.'],
    ['a reserved key', [{ ...EVIDENCE_LINKS_PRESET, key: 'constructor' }], 'attributes.0.key: “constructor” cannot be used as a key; choose another.'],
    ['options with one key', [{ ...CHECK_WORTHINESS_PRESET, options: [{ key: 'a', name: 'A' }, { key: 'a', name: 'B' }] }], 'attributes.0.options.1.key: Another option already has the key “a”.'],
    ['a nameless option', [{ ...CHECK_WORTHINESS_PRESET, options: [{ key: 'a', name: 'A' }, { key: 'b', name: '  ' }] }], 'attributes.0.options.1.name: Give the option a name.'],
    ['options on a date', [{ ...CLAIM_DATE_PRESET, options: [{ key: 'a', name: 'A' }] }], 'attributes.0.options: A date attribute has no options.'],
  ];
  for (const [what, attributes, detail] of badDefinitions) {
    it(`refuses ${what}, naming the field`, async () => {
      const error = await refused('saveLabel', { ...labelInput('fact'), attributes });
      expect(error.code).toBe('invalid-input');
      expect(error.details).toEqual([detail]);
    });
  }

  it('refuses more attributes than a label carries', async () => {
    const nine = Array.from({ length: 9 }, (_, i) => ({ ...CLAIM_DATE_PRESET, key: `d-${i}`, name: `Date ${i}` }));
    expect((await refused('saveLabel', { ...labelInput('fact'), attributes: nine })).details).toEqual(['attributes: A label carries at most 8 attributes.']);
  });

  it('keeps values safe: an option or attribute in use stays, a role in links stays', async () => {
    await call('saveLabel', labelInput('fact', { attributes: [VERDICT_SCALE_PRESET, EVIDENCE_LINKS_PRESET] }));
    const claim = await tag('fact', 'the talks failed');
    await call('setAnnotationAttributes', { id: claim.id, values: { verdict: 'half-true' } });
    const withoutHalf = { ...VERDICT_SCALE_PRESET, options: VERDICT_SCALE_PRESET.options.filter((o) => o.key !== 'half-true') };
    const error = await refused('saveLabel', labelInput('fact', { attributes: [withoutHalf, EVIDENCE_LINKS_PRESET] }));
    expect(error).toMatchObject({ code: 'conflict', message: '1 annotation of “Fact” has values for “Verdict” that the changed attributes have no place for. Clear those values first, or keep the attribute and its options.' });
    // renaming an option (same key) and dropping an unused attribute are fine
    const renamed = { ...VERDICT_SCALE_PRESET, options: VERDICT_SCALE_PRESET.options.map((o) => (o.key === 'half-true' ? { ...o, name: 'Half right' } : o)) };
    await call('saveLabel', labelInput('fact', { attributes: [renamed] }));
    expect(library.labels.find('fact')!.attributes).toEqual([renamed]);
    // the source label's role, while a link uses it
    await call('linkClaim', { claimId: claim.id, target: { labelId: 'source', ...at('Foreign Minister Ishaq Dar') } });
    expect((await refused('saveLabel', labelInput('source', { role: 'claim' }))).details).toEqual(['role: 1 link uses this label']);
    // labels marking different things do not merge
    expect((await refused('mergeLabel', { from: 'cue', into: 'source' })).message).toBe('“Cue” marks cues and “Source” marks sources; merge labels that mark the same thing.');
    expect((await refused('mergeLabel', { from: 'fact', into: 'opinion' })).message).toBe(
      '1 annotation of “Fact” carries attribute values “Opinion” has no place for (verdict). Give “Opinion” those attributes first, or clear the values.',
    );
  });
});
