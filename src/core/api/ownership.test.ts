// Ownership, proved for every method of the contract that can change the library: the current
// analyst (Ayesha) never changes another analyst's (Bilal's) rows or the reference version
// except through adjudication, and every refusal leaves the database exactly as it was.

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiMethod, Imported } from '../../shared/contract';
import type { AppError, RefusalReason, Result } from '../../shared/result';
import type { DocumentLayers } from '../../shared/layers';
import type { Annotation, Annotator, DocumentRecord } from '../../shared/types';
import { ensureReferenceAnnotator } from '../compare/reference';
import { loadBundledSample } from '../store/bundled-sample';
import { Library } from '../store/library';
import { dumpLibrary } from '../../../test/support/dump-library';
import { makeTempDir } from '../../../test/support/temp-library';
import { createDispatch, type Dispatch } from './dispatch';
import { createServices } from './services';
import { headlessPorts } from './host-ports';

const RESOURCES = path.resolve(__dirname, '../../../resources');
const TEXT = 'Alpha said the rain fell. Beta thinks it was cold. Gamma claims a crime. Delta is quiet.';

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
let dispatch: Dispatch;
let doc: DocumentRecord;
let ayesha: Annotator;
let bilal: Annotator;
let reference: Annotator;
/** Bilal's live fact on "Alpha said…", his deleted opinion, and the reference's fact. */
let his: Annotation;
let hisDeleted: Annotation;
let ref: Annotation;
let mine: Annotation;

async function call<T>(method: ApiMethod, payload: unknown): Promise<T> {
  const result = (await dispatch(method, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message} ${result.error.details?.join('; ') ?? ''}`);
  return result.value;
}

/** Calls `method`, expects a refusal for `reason`, and proves the database did not change. */
async function refused(method: ApiMethod, payload: unknown, reason: RefusalReason): Promise<AppError> {
  const before = dumpLibrary(library);
  const result = (await dispatch(method, payload)) as Result<unknown>;
  expect(result.ok, `${method} should be refused`).toBe(false);
  if (result.ok) throw new Error('refused above');
  expect(result.error).toMatchObject({ code: 'forbidden', reason });
  expect(dumpLibrary(library)).toEqual(before);
  return result.error;
}

const at = (needle: string) => {
  const start = TEXT.indexOf(needle);
  if (start < 0) throw new Error(needle);
  return { start, end: start + needle.length };
};

/** Everyone's rows but the current analyst's, and their done marks: what she must never change. */
const othersRows = () => ({
  annotations: library.db.prepare('SELECT * FROM annotations WHERE annotator_id != ? ORDER BY id').all(ayesha.id),
  status: library.db.prepare('SELECT * FROM document_status WHERE annotator_id != ? ORDER BY document_id').all(ayesha.id),
  annotators: library.db.prepare('SELECT id, name FROM annotators WHERE id != ? ORDER BY id').all(ayesha.id),
  relations: library.db.prepare('SELECT * FROM relations WHERE annotator_id != ? ORDER BY id').all(ayesha.id),
});

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

/** A claimtag JSON file holding our document and one annotation by `annotator`. */
const fileWith = (annotator: { id?: string; name: string }, needle = 'Delta is quiet.', text = TEXT) => ({
  format: 'claimtag',
  version: 1,
  documents: [{ id: 'd1', title: 'T', text }],
  ...(annotator.id ? { annotators: [{ id: annotator.id, name: annotator.name }] } : {}),
  annotations: [{ document: 'd1', annotator: annotator.id ?? annotator.name, label: 'fact', start: text.indexOf(needle), end: text.indexOf(needle) + needle.length }],
});

beforeEach(async () => {
  tmp = makeTempDir();
  library = Library.open(path.join(tmp.dir, 'claimtag.sqlite'));
  dispatch = createDispatch(createServices({ library, dataDir: tmp.dir, loadSample: () => loadBundledSample(RESOURCES) }), (err) => {
    throw err;
  });
  doc = library.documents.add({ title: 'T', source: 's', text: TEXT, blocks: [{ kind: 'paragraph', start: 0, end: TEXT.length }] }).document;
  ayesha = await call<Annotator>('setAnnotatorName', { name: 'Ayesha' });
  bilal = library.annotators.add('Bilal');
  reference = library.transaction(() => ensureReferenceAnnotator(library));
  his = library.annotations.add({ documentId: doc.id, annotatorId: bilal.id, labelId: 'fact', ...at('Alpha said the rain fell.'), note: 'his note' }, TEXT);
  hisDeleted = library.annotations.add({ documentId: doc.id, annotatorId: bilal.id, labelId: 'opinion', ...at('Beta thinks it was cold.') }, TEXT);
  library.annotations.softDelete(hisDeleted.id);
  ref = library.annotations.add({ documentId: doc.id, annotatorId: reference.id, labelId: 'fact', ...at('Alpha said the rain fell.') }, TEXT);
  mine = await call<Annotation>('createAnnotation', { documentId: doc.id, labelId: 'opinion', ...at('Gamma claims a crime.') });
  library.documents.setDone(doc.id, bilal.id, true);
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

/**
 * One proof per mutating method. `Record` over every method not known to be read-only: adding a
 * method to the contract fails to compile here until its ownership is proved.
 */
type ReadOnly = 'getStartupState' | 'listDocuments' | 'listDocumentPage' | 'getDocument' | 'listLabels' | 'listAnnotators' | 'listAnnotations' | 'searchDocuments' | 'documentLayers' | 'getBlindMode' | 'getRecoveryOptions' | 'chooseImportFiles' | 'compareDocument' | 'exportTagSet' | 'exportDocuments' | 'cancelExport' | 'listStudies' | 'getStudyReport' | 'nextStudyDocument' | 'nextUnsettledInStudy' | 'exportStudyDiagnosis' | 'getTeamStatus' | 'takeLibraryNotices' | 'listRelations' | 'getClaimReviewDesk' | 'cancelJob';

const proofs: Record<Exclude<ApiMethod, ReadOnly>, () => Promise<void>> = {
  // Team mode: colleagues' rows arrive only from the server under their authors' ids (proved on a
  // real cluster in src/core/team); here, a join or sync that cannot happen changes nobody's rows.
  async joinTeam() {
    const before = othersRows();
    const r = (await dispatch('joinTeam', { url: 'postgres://ayesha@127.0.0.1:1/claimtag', study: 'S', password: 'x' })) as Result<unknown>;
    expect(r.ok ? null : r.error.code).toBe('unreachable');
    expect(othersRows()).toEqual(before);
  },
  // The desk is a library setting: saving it touches no annotation, status or annotator row.
  async setClaimReviewDesk() {
    const before = othersRows();
    const saved = (await dispatch('setClaimReviewDesk', { desk: { name: 'Desk', url: 'https://desk.example/' } })) as Result<unknown>;
    expect(saved).toEqual({ ok: true, value: { name: 'Desk', url: 'https://desk.example/' } });
    expect(await dispatch('getClaimReviewDesk', {})).toEqual({ ok: true, value: { name: 'Desk', url: 'https://desk.example/' } });
    const refused = (await dispatch('setClaimReviewDesk', { desk: { name: 'Desk', url: 'javascript:alert(1)' } })) as Result<unknown>;
    expect(refused.ok ? null : refused.error.code).toBe('invalid-input');
    expect(await dispatch('getClaimReviewDesk', {})).toEqual({ ok: true, value: { name: 'Desk', url: 'https://desk.example/' } });
    expect(othersRows()).toEqual(before);
  },
  async syncTeam() {
    const before = othersRows();
    const r = (await dispatch('syncTeam', {})) as Result<unknown>;
    expect(r.ok ? null : r.error.code).toBe('conflict');
    expect(othersRows()).toEqual(before);
  },
  async updateAnnotation() {
    const error = await refused('updateAnnotation', { id: his.id, labelId: 'opinion' }, 'not-owner');
    expect(error.message).toBe("This is Bilal's annotation. Copy it to your own work to change it.");
    await refused('updateAnnotation', { id: his.id, note: 'mine now' }, 'not-owner');
    await refused('updateAnnotation', { id: ref.id, confidence: 'high' }, 'reference');
    expect((await call<Annotation>('updateAnnotation', { id: mine.id, labelId: 'allegation' })).labelId).toBe('allegation');
  },
  async deleteAnnotation() {
    await refused('deleteAnnotation', { id: his.id }, 'not-owner');
    await refused('deleteAnnotation', { id: ref.id }, 'reference');
    expect((await call<Annotation>('deleteAnnotation', { id: mine.id })).deletedAt).not.toBeNull();
  },
  async restoreAnnotation() {
    await refused('restoreAnnotation', { id: hisDeleted.id }, 'not-owner');
    await call('deleteAnnotation', { id: mine.id });
    expect((await call<Annotation>('restoreAnnotation', { id: mine.id })).deletedAt).toBeNull();
  },
  async copyAnnotationToMine() {
    const before = othersRows();
    const copy = await call<Annotation>('copyAnnotationToMine', { id: his.id });
    expect(copy).toMatchObject({ annotatorId: ayesha.id, labelId: 'fact', start: his.start, end: his.end, note: '' });
    expect(othersRows()).toEqual(before);
    // once more: her same annotation, not a second copy
    expect((await call<Annotation>('copyAnnotationToMine', { id: his.id })).id).toBe(copy.id);
    expect((await call<Annotation>('copyAnnotationToMine', { id: ref.id })).id).toBe(copy.id);
    // and now it is hers to change
    expect((await call<Annotation>('updateAnnotation', { id: copy.id, labelId: 'opinion' })).labelId).toBe('opinion');
    expect(othersRows()).toEqual(before);
  },
  async createAnnotation() {
    const before = othersRows();
    const created = await call<Annotation>('createAnnotation', { documentId: doc.id, labelId: 'fact', ...at('Delta is quiet.') });
    expect(created.annotatorId).toBe(ayesha.id);
    expect(othersRows()).toEqual(before);
  },
  async setAnnotatorName() {
    await refused('setAnnotatorName', { name: 'Bilal' }, 'name-taken');
    await refused('setAnnotatorName', { name: 'reference' }, 'name-taken');
    const before = othersRows();
    expect(await call<Annotator>('setAnnotatorName', { name: 'Ayesha K.' })).toEqual({ id: ayesha.id, name: 'Ayesha K.' });
    expect(othersRows()).toEqual(before);
  },
  async setDocumentDone() {
    const before = othersRows();
    await call('setDocumentDone', { documentId: doc.id, done: true });
    await call('setDocumentDone', { documentId: doc.id, done: false });
    expect(othersRows()).toEqual(before); // Bilal's own done mark stays
  },
  async mergeLabel() {
    const error = await refused('mergeLabel', { from: 'fact', into: 'opinion' }, 'not-owner');
    expect(error.details).toEqual(['Bilal: 1 annotation', 'reference: 1 annotation']);
    // a label only she used merges
    await call('saveLabel', { id: 'rumour', name: 'Rumour', color: '#123456', shortcut: '', definition: '' });
    await call('updateAnnotation', { id: mine.id, labelId: 'rumour' });
    const before = othersRows();
    expect((await call<{ moved: number }>('mergeLabel', { from: 'rumour', into: 'opinion' })).moved).toBe(1);
    expect(othersRows()).toEqual(before);
  },
  async deleteLabel() {
    // Bilal's only opinion is deleted (restorable by him): deleting the label would purge it
    await call('deleteAnnotation', { id: mine.id });
    await refused('deleteLabel', { id: 'opinion' }, 'not-owner');
  },
  async saveLabel() {
    const before = othersRows();
    await call('saveLabel', { id: 'fact', name: 'Fact', color: '#2f7d4f', shortcut: '1', definition: 'Checkable.' });
    expect(othersRows()).toEqual(before);
  },
  async archiveLabel() {
    const before = othersRows();
    await call('archiveLabel', { id: 'allegation', archived: true });
    expect(othersRows()).toEqual(before);
  },
  async importTagSet() {
    // no dialog here: cancelled, nothing changed; a tag set holds no annotations
    const before = dumpLibrary(library);
    expect(await call('importTagSet', {})).toEqual({ cancelled: true });
    expect(dumpLibrary(library)).toEqual(before);
  },
  async renameDocument() {
    const before = othersRows();
    await call('renameDocument', { id: doc.id, title: 'Renamed' });
    expect(othersRows()).toEqual(before);
  },
  async deleteDocument() {
    const error = await refused('deleteDocument', { id: doc.id }, 'others-work');
    expect(error.details).toEqual(['Bilal: 1', 'reference: 1']);
    expect((await call<{ annotationsDeleted: number }>('deleteDocument', { id: doc.id, includingOthers: true })).annotationsDeleted).toBe(3);
  },
  async rememberOpenDocument() {
    const before = othersRows();
    await call('rememberOpenDocument', { id: doc.id });
    expect(othersRows()).toEqual(before);
  },
  async importFileData() {
    // a forged id: her id under another name
    await refused('importFileData', { name: 'forged.json', dataBase64: base64(fileWith({ id: ayesha.id, name: 'Bilal' })) }, 'forged-identity');
    // work that would join her own layer: by her id, or by her name without one
    await refused('importFileData', { name: 'mine.json', dataBase64: base64(fileWith({ id: ayesha.id, name: 'Ayesha' })) }, 'own-layer');
    await refused('importFileData', { name: 'mine.json', dataBase64: base64(fileWith({ name: 'Ayesha' })) }, 'own-layer');
    // rows added to the reference outside adjudication
    await refused('importFileData', { name: 'ref.json', dataBase64: base64(fileWith({ id: reference.id, name: 'reference' })) }, 'reference');
    // a similar text is not our document
    const similar = `${TEXT} Epsilon waits.`; // one sentence more: similar, not the same text
    await refused('importFileData', { name: 'similar.json', dataBase64: base64(fileWith({ id: bilal.id, name: 'Bilal' }, 'Delta is quiet.', similar)) }, 'similar-document');
    // a file whose documents match nothing here (W3C names its document; ours is not it)
    const before = dumpLibrary(library);
    const stray = [{ type: 'Annotation', creator: { name: 'Bilal' }, body: 'fact', target: { source: 'urn:claimtag:document:elsewhere', selector: { type: 'TextQuoteSelector', exact: 'Alpha' } } }];
    const nowhere = await dispatch('importFileData', { name: 'stray.jsonld', dataBase64: base64(stray) });
    expect(nowhere).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(dumpLibrary(library)).toEqual(before);
    // Bilal's new work arrives in his layer; hers and the reference untouched
    const mineBefore = library.annotations.listForDocument(doc.id, undefined, ayesha.id);
    const added = await call<Imported>('importFileData', { name: 'bilal.json', dataBase64: base64(fileWith({ id: bilal.id, name: 'Bilal' })) });
    expect(added).toMatchObject({ kind: 'annotations', added: 1 });
    expect(library.annotations.listForDocument(doc.id, undefined, ayesha.id)).toEqual(mineBefore);
    expect(library.annotations.get(his.id)).toEqual(his);
    // with her explicit consent, her own work from elsewhere joins her layer
    const consented = await call<Imported>('importFileData', { name: 'mine.json', dataBase64: base64(fileWith({ name: 'Ayesha' }, 'Beta thinks it was cold.')), arriving: { intoMine: true } });
    expect(consented).toMatchObject({ kind: 'annotations', added: 1 });
    expect(library.annotations.listForDocument(doc.id, undefined, ayesha.id)).toHaveLength(2);
  },
  async importChosenFile() {
    // no dialog here: an unknown token is refused, nothing changed
    const before = dumpLibrary(library);
    expect((await dispatch('importChosenFile', { token: 'nope' })).ok).toBe(false);
    expect(dumpLibrary(library)).toEqual(before);
  },
  async importClipboard() {
    const before = othersRows();
    await call('importClipboard', { text: 'A pasted article about something else entirely.' });
    expect(othersRows()).toEqual(before);
  },
  async adjudicate() {
    // the reference changes through adjudication, which records who decided and why
    const result = await call<{ differences: Array<{ id: string; spans: Array<{ annotationId: string }> }> }>('compareDocument', { documentId: doc.id, annotatorIds: [ayesha.id, bilal.id] });
    const place = result.differences.find((d) => d.spans.some((s) => s.annotationId === mine.id))!;
    const hisBefore = library.annotations.listForDocument(doc.id, undefined, bilal.id);
    await call('adjudicate', { documentId: doc.id, differenceId: place.id, decision: { kind: 'accept', annotationId: mine.id }, reason: 'clearly an opinion', annotatorIds: [ayesha.id, bilal.id] });
    const [decided] = library.annotations.listForDocument(doc.id, undefined, reference.id).filter((a) => a.start === mine.start);
    expect(decided.note).toBe('Adjudicated by Ayesha: clearly an opinion');
    expect(library.annotations.listForDocument(doc.id, undefined, bilal.id)).toEqual(hisBefore);
    expect(library.annotations.get(mine.id)).toEqual(mine);
  },
  async autoMerge() {
    await call('copyAnnotationToMine', { id: his.id });
    const hisBefore = library.annotations.listForDocument(doc.id, undefined, bilal.id);
    const mineBefore = library.annotations.listForDocument(doc.id, undefined, ayesha.id);
    await call('autoMerge', { documentId: doc.id, minAgreeing: 2, annotatorIds: [ayesha.id, bilal.id] });
    expect(library.annotations.listForDocument(doc.id, undefined, bilal.id)).toEqual(hisBefore);
    expect(library.annotations.listForDocument(doc.id, undefined, ayesha.id)).toEqual(mineBefore);
  },
  async setBlindMode() {
    const before = othersRows();
    await call('setBlindMode', { documentId: doc.id, on: true });
    await call('setBlindMode', { on: true });
    expect(othersRows()).toEqual(before);
  },
  // Studies (issue 19): a study names documents and analysts and plans who does what; it never
  // touches anyone's annotations or done marks, nor renames an existing analyst.
  async createStudy() {
    const before = othersRows();
    await call('createStudy', { name: 'Pilot', documentIds: [doc.id], analysts: ['Ayesha', 'Bilal'], doubleShare: 1 });
    expect(othersRows()).toEqual(before);
    const refusedBefore = dumpLibrary(library);
    const r = (await dispatch('createStudy', { name: 'Pilot', documentIds: [doc.id], analysts: ['Bilal'] })) as Result<unknown>;
    expect(r.ok ? null : r.error.code).toBe('conflict');
    expect(dumpLibrary(library)).toEqual(refusedBefore);
  },
  async assignStudy() {
    await call('createStudy', { name: 'Pilot', documentIds: [doc.id], analysts: ['Ayesha', 'Bilal'] });
    const before = othersRows();
    await call('assignStudy', { name: 'Pilot', doubleShare: 1 });
    expect(othersRows()).toEqual(before);
    const refusedBefore = dumpLibrary(library);
    const r = (await dispatch('assignStudy', { name: 'Nope', doubleShare: 0 })) as Result<unknown>;
    expect(r.ok ? null : r.error.code).toBe('not-found');
    expect(dumpLibrary(library)).toEqual(refusedBefore);
  },
  // Claims with structure (#20): links join two spans of one analyst; values belong to the span's owner.
  async linkClaim() {
    const hisSource = library.annotations.add({ documentId: doc.id, annotatorId: bilal.id, labelId: 'source', ...at('Alpha') }, TEXT);
    const mySource = await call<Annotation>('createAnnotation', { documentId: doc.id, labelId: 'source', ...at('Gamma') });
    // his claim, to her source / to a span marked on his claim / to his source: his work is his
    const error = await refused('linkClaim', { claimId: his.id, targetId: mySource.id }, 'not-owner');
    expect(error.message).toBe("This is Bilal's annotation. Copy it to your own work to change it.");
    await refused('linkClaim', { claimId: his.id, targetId: hisSource.id }, 'not-owner');
    await refused('linkClaim', { claimId: his.id, target: { labelId: 'source', ...at('Alpha') } }, 'not-owner');
    // across analysts: her claim to his source
    await refused('linkClaim', { claimId: mine.id, targetId: hisSource.id }, 'not-owner');
    await refused('linkClaim', { claimId: ref.id, target: { labelId: 'source', ...at('Alpha') } }, 'reference');
    // her claim to her source: linked, and nobody else's rows change
    const before = othersRows();
    const linked = await call<{ relation: { annotatorId: string; kind: string; claimId: string; targetId: string } }>('linkClaim', { claimId: mine.id, targetId: mySource.id });
    expect(linked.relation).toMatchObject({ annotatorId: ayesha.id, kind: 'source', claimId: mine.id, targetId: mySource.id });
    expect(othersRows()).toEqual(before);
  },
  async unlinkClaim() {
    const hisSource = library.annotations.add({ documentId: doc.id, annotatorId: bilal.id, labelId: 'source', ...at('Alpha') }, TEXT);
    const hisLink = library.relations.add({ documentId: doc.id, annotatorId: bilal.id, kind: 'source', claimId: his.id, targetId: hisSource.id });
    const error = await refused('unlinkClaim', { id: hisLink.id }, 'not-owner');
    expect(error.message).toBe("This link is in Bilal's work. Only Bilal can remove it.");
    const before = othersRows();
    const { relation } = await call<{ relation: { id: string } }>('linkClaim', { claimId: mine.id, target: { labelId: 'source', ...at('Gamma') } });
    expect((await call<{ deletedAt: string | null }>('unlinkClaim', { id: relation.id })).deletedAt).not.toBeNull();
    expect(othersRows()).toEqual(before);
  },
  async setAnnotationAttributes() {
    const verdict = { key: 'verdict', name: 'Verdict', type: 'scale', options: [{ key: 'true', name: 'True' }, { key: 'false', name: 'False' }] };
    await call('saveLabel', { id: 'fact', name: 'Fact', color: '#2f7d4f', shortcut: '1', definition: '', attributes: [verdict] });
    await call('saveLabel', { id: 'opinion', name: 'Opinion', color: '#2d6cb5', shortcut: '2', definition: '', attributes: [verdict] });
    await refused('setAnnotationAttributes', { id: his.id, values: { verdict: 'false' } }, 'not-owner');
    await refused('setAnnotationAttributes', { id: hisDeleted.id, values: { verdict: 'false' } }, 'not-owner');
    await refused('setAnnotationAttributes', { id: ref.id, values: { verdict: 'true' } }, 'reference');
    const before = othersRows();
    expect((await call<Annotation>('setAnnotationAttributes', { id: mine.id, values: { verdict: 'true' } })).attributes).toEqual({ verdict: 'true' });
    expect(othersRows()).toEqual(before);
  },
  async recoverLibrary() {
    const before = dumpLibrary(library);
    expect((await dispatch('recoverLibrary', { restore: null })).ok).toBe(false);
    expect(dumpLibrary(library)).toEqual(before);
  },
};

describe('ownership: every mutating method of the contract', () => {
  for (const [method, proof] of Object.entries(proofs)) it(method, proof);
});

describe('layers and blind mode', () => {
  it('names the layers present, mine first, and counts only live rows', async () => {
    const layers = await call<DocumentLayers>('documentLayers', { documentId: doc.id });
    expect(layers).toMatchObject({ blind: null, hidden: false, hiddenLayers: 0 });
    expect(layers.layers.map((l) => [l.name, l.kind, l.count])).toEqual([
      ['Ayesha', 'mine', 1],
      ['Bilal', 'colleague', 1],
      ['reference', 'reference', 1],
    ]);
  });

  it('withholds the other layers until she marks the document done, in every read', async () => {
    await call('setBlindMode', { documentId: doc.id, on: true });
    expect((await call<Annotation[]>('listAnnotations', { documentId: doc.id })).map((a) => a.annotatorId)).toEqual([ayesha.id]);
    expect(await call<DocumentLayers>('documentLayers', { documentId: doc.id })).toMatchObject({ blind: 'document', hidden: true, hiddenLayers: 2 });
    await refused('compareDocument', { documentId: doc.id }, 'blind');
    await refused('copyAnnotationToMine', { id: his.id }, 'blind');
    await call('setDocumentDone', { documentId: doc.id, done: true });
    expect(await call<Annotation[]>('listAnnotations', { documentId: doc.id })).toHaveLength(3);
    expect(await call<DocumentLayers>('documentLayers', { documentId: doc.id })).toMatchObject({ hidden: false, doneByMe: true, hiddenLayers: 0 });
  });

  it('keeps the other layers out of an export while blind', async () => {
    const out = path.join(tmp.dir, 'export.json');
    const exporting = createDispatch(
      createServices({ library, dataDir: tmp.dir, loadSample: () => loadBundledSample(RESOURCES), ports: { ...headlessPorts, chooseExportPath: async () => out } }),
    );
    await call('setBlindMode', { on: true });
    expect(await exporting('exportDocuments', { format: 'json' })).toMatchObject({ ok: true });
    const written = JSON.parse(fs.readFileSync(out, 'utf8')) as { annotations: Array<{ quote: string }> };
    expect(written.annotations.map((a) => a.quote)).toEqual([mine.quote]);
    await call('setDocumentDone', { documentId: doc.id, done: true });
    await exporting('exportDocuments', { format: 'json' });
    expect((JSON.parse(fs.readFileSync(out, 'utf8')) as { annotations: unknown[] }).annotations).toHaveLength(3);
  });

  it('is remembered for the whole library and shown per document', async () => {
    expect(await call('setBlindMode', { on: true })).toEqual({ library: true, documentIds: [] });
    expect(await call<DocumentLayers>('documentLayers', { documentId: doc.id })).toMatchObject({ blind: 'library', hidden: true });
    expect(library.settings.get('blind-library')).toBe('1');
    expect(await call('getBlindMode', {})).toEqual({ library: true, documentIds: [] });
  });

  it('counts only her annotations in the library list', async () => {
    const [summary] = await call<Array<{ counts: Record<string, number> }>>('listDocuments', {});
    expect(summary.counts).toEqual({ opinion: 1 });
  });
});
