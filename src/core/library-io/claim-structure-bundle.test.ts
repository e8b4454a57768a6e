// claimtag's own JSON bundle carries claims with structure (#20): label roles and attributes,
// attribute values and links from claims to their sources and cues. Exported from one real
// library and imported into another through the app's calls; dangling links refused with
// nothing changed; the import ownership rules hold for links too.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Imported, LinkedClaim } from '../../shared/contract';
import { EVIDENCE_LINKS_PRESET, VERDICT_SCALE_PRESET, type Relation } from '../../shared/claim-structure';
import type { Result } from '../../shared/result';
import type { Annotation, Annotator } from '../../shared/types';
import { createDispatch, type Dispatch } from '../api/dispatch';
import { headlessPorts } from '../api/host-ports';
import { createServices } from '../api/services';
import { exportClaimtagJson } from '../interchange/claimtag-json';
import { importClaimtagJson } from '../interchange/claimtag-json-import';
import { loadBundledSample } from '../store/bundled-sample';
import { Library } from '../store/library';
import { dumpLibrary } from '../../../test/support/dump-library';
import { makeTempDir } from '../../../test/support/temp-library';
import { loadBundle } from './load-bundle';

const RESOURCES = path.resolve(__dirname, '../../../resources');
// Unicode-heavy: Urdu, combining marks, an emoji outside the BMP before the spans.
const TEXT = 'وزیر خارجہ اسحاق ڈار نے کہا 🇵🇰 کہ مذاکرات ناکام ہو گئے۔ Café owners said the tax is “unfair”.';

let tmp: ReturnType<typeof makeTempDir>;
const opened: Library[] = [];
beforeEach(() => (tmp = makeTempDir()));
afterEach(() => {
  for (const l of opened.splice(0)) l.close();
  tmp.cleanup();
});

interface App {
  library: Library;
  dispatch: Dispatch;
  call<T>(method: string, payload?: unknown): Promise<T>;
}

async function app(name: string, analyst: string, exportTo?: string): Promise<App> {
  const library = Library.open(path.join(tmp.dir, `${name}.sqlite`));
  opened.push(library);
  const dispatch = createDispatch(
    createServices({ library, dataDir: tmp.dir, loadSample: () => loadBundledSample(RESOURCES), ports: { ...headlessPorts, chooseExportPath: async () => exportTo ?? null } }),
    (err) => {
      throw err;
    },
  );
  const call = async <T,>(method: string, payload: unknown = {}): Promise<T> => {
    const r = (await dispatch(method, payload)) as Result<T>;
    if (!r.ok) throw new Error(`${method}: ${r.error.message} ${r.error.details?.join('; ') ?? ''}`);
    return r.value;
  };
  await call<Annotator>('setAnnotatorName', { name: analyst });
  return { library, dispatch, call };
}

const at = (needle: string) => ({ start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + needle.length });

/** Ayesha's library: a claim with a verdict and evidence, linked to its source and cue; a second claim backed by the same source. */
async function ayeshasWork(exportTo?: string) {
  const a = await app('ayesha', 'Ayesha', exportTo);
  const doc = a.library.documents.add({ title: 'مذاکرات', source: 'https://example.org/article', text: TEXT, blocks: [{ kind: 'paragraph', start: 0, end: TEXT.length }] }).document;
  const fact = a.library.labels.find('fact')!;
  await a.call('saveLabel', { id: 'fact', name: fact.name, color: fact.color, shortcut: fact.shortcut, definition: fact.definition, attributes: [VERDICT_SCALE_PRESET, EVIDENCE_LINKS_PRESET] });
  const claim = await a.call<Annotation>('createAnnotation', { documentId: doc.id, labelId: 'fact', ...at('مذاکرات ناکام ہو گئے') });
  await a.call('setAnnotationAttributes', { id: claim.id, values: { verdict: 'mostly-false', evidence: ['https://example.org/تحقیق'] } });
  const { target: source } = await a.call<LinkedClaim>('linkClaim', { claimId: claim.id, target: { labelId: 'source', ...at('وزیر خارجہ اسحاق ڈار') } });
  await a.call('linkClaim', { claimId: claim.id, target: { labelId: 'cue', ...at('نے کہا') } });
  const second = await a.call<Annotation>('createAnnotation', { documentId: doc.id, labelId: 'opinion', ...at('the tax is “unfair”') });
  await a.call('linkClaim', { claimId: second.id, targetId: source.id });
  return { a, doc, claim, source };
}

describe('claimtag JSON carries claims with structure', () => {
  it('round-trips labels’ attributes, values and links into another analyst’s library (Unicode-heavy)', async () => {
    const out = path.join(tmp.dir, 'export.json');
    const { a, doc } = await ayeshasWork(out);
    expect(await a.call('exportDocuments', { format: 'json' })).toEqual({ written: [out] });
    const written = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(written.version).toBe(2);
    expect(written.relations.map((r: { kind: string }) => r.kind)).toEqual(['source', 'cue', 'source']);
    expect(written.labels.find((l: { id: string }) => l.id === 'source')).toMatchObject({ role: 'source' });

    const b = await app('bilal', 'Bilal');
    const result = await b.call<Imported>('importFileData', { name: 'export.json', dataBase64: fs.readFileSync(out).toString('base64') });
    expect(result).toMatchObject({ kind: 'annotations', added: 4 });
    expect(result.kind === 'annotations' && result.notes).toEqual(['Attributes added to labels: Fact: Verdict, Fact: Evidence.', '3 links from claims to their sources or cues added.']);
    const [docB] = b.library.documents.list();
    expect(docB.sha256).toBe(doc.sha256);
    const strip = (x: Annotation) => [x.annotatorName, x.labelId, x.quote, x.attributes ?? null];
    const theirs = b.library.annotations.listForDocument(docB.id);
    expect(theirs.map(strip)).toEqual(a.library.annotations.listForDocument(doc.id).map(strip));
    expect(b.library.labels.find('fact')!.attributes).toEqual([VERDICT_SCALE_PRESET, EVIDENCE_LINKS_PRESET]);
    const quoteOf = (lib: Library, id: string) => lib.annotations.get(id).quote;
    const linksA = a.library.relations.listForDocument(doc.id).map((r) => [r.kind, quoteOf(a.library, r.claimId), quoteOf(a.library, r.targetId), r.annotatorName]);
    const linksB = (await b.call<Relation[]>('listRelations', { documentId: docB.id })).map((r) => [r.kind, quoteOf(b.library, r.claimId), quoteOf(b.library, r.targetId), r.annotatorName]);
    expect(linksB).toEqual(linksA);
    // a second import of the same file adds nothing
    const again = await b.call<Imported>('importFileData', { name: 'export.json', dataBase64: fs.readFileSync(out).toString('base64') });
    expect(again).toMatchObject({ added: 0, unchanged: 4 });
    expect(b.library.relations.listForDocument(docB.id)).toHaveLength(3);
    // and Bilal cannot unlink Ayesha's links now in his library
    const r = (await b.dispatch('unlinkClaim', { id: b.library.relations.listForDocument(docB.id)[0].id })) as Result<unknown>;
    expect(r.ok ? null : r.error.reason).toBe('not-owner');
  });

  it('writes version 1 byte for byte as before when there is no structure', async () => {
    const { a, doc } = await ayeshasWork();
    const plain = loadBundle(a.library, { documents: [doc.id] });
    plain.labels = plain.labels.filter((l) => !l.role && !l.attributes);
    plain.annotations = plain.annotations.filter((x) => x.labelId === 'opinion').map(({ attributes: _a, ...x }) => x);
    delete plain.relations;
    const text = exportClaimtagJson(plain);
    expect(JSON.parse(text)).toMatchObject({ version: 1 });
    expect(text).not.toMatch(/"relations"|"role"|"attributes"/);
  });

  it('refuses a file with dangling links, saying which, and changes nothing', async () => {
    const { a, doc } = await ayeshasWork();
    const file = JSON.parse(exportClaimtagJson(loadBundle(a.library, { documents: [doc.id] })));
    file.relations[0].target = 'not-in-this-file';
    const b = await app('bilal', 'Bilal');
    const before = dumpLibrary(b.library);
    const result = (await b.dispatch('importFileData', { name: 'dangling.json', dataBase64: Buffer.from(JSON.stringify(file)).toString('base64') })) as Result<Imported>;
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!result.ok && result.error.details).toEqual(['relations[0].target: links annotation "not-in-this-file", which is not in this file: a link needs both its ends']);
    expect(dumpLibrary(b.library)).toEqual(before);
  });

  it('refuses links across annotators and unknown kinds at the file’s door', () => {
    const file = {
      format: 'claimtag',
      version: 2,
      documents: [{ id: 'd', text: TEXT }],
      annotators: [{ id: 'u1', name: 'Ayesha' }, { id: 'u2', name: 'Bilal' }],
      annotations: [
        { id: 'c', document: 'd', annotator: 'u1', label: 'fact', ...at('مذاکرات') },
        { id: 's', document: 'd', annotator: 'u2', label: 'source', ...at('اسحاق ڈار') },
      ],
      relations: [
        { document: 'd', kind: 'source', claim: 'c', target: 's' },
        { document: 'd', kind: 'speaker', claim: 'c', target: 's' },
      ],
    };
    const parsed = importClaimtagJson(JSON.stringify(file));
    expect(parsed.ok ? [] : [...(parsed.error.details ?? [])].sort()).toEqual([
      'relations[0]: links two annotators’ work; a link joins one annotator’s claim to her own source or cue',
      'relations[1].kind: must be one of source, cue',
    ]);
  });

  it('writes a link the file repeats once', async () => {
    const { a, doc } = await ayeshasWork();
    const file = JSON.parse(exportClaimtagJson(loadBundle(a.library, { documents: [doc.id] })));
    file.relations.push({ ...file.relations[0], id: 'again' });
    const b = await app('bilal', 'Bilal');
    const result = await b.call<Imported>('importFileData', { name: 'twice.json', dataBase64: Buffer.from(JSON.stringify(file)).toString('base64') });
    expect(result).toMatchObject({ added: 4 });
    expect(b.library.relations.listForDocument(b.library.documents.list()[0].id)).toHaveLength(3);
  });

  it('keeps import ownership for links: her own links only with her consent, the reference never', async () => {
    const out = path.join(tmp.dir, 'mine.json');
    const { a } = await ayeshasWork(out);
    await a.call('exportDocuments', { format: 'json' });
    // her own work, filed by her name (no ids): in another library of hers it would join her layer
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    delete json.annotators;
    for (const x of json.annotations) x.annotator = 'Ayesha';
    for (const r of json.relations) delete r.annotator;
    const file = Buffer.from(JSON.stringify(json));
    const again = await app('ayesha-laptop', 'Ayesha');
    const before = dumpLibrary(again.library);
    const refused = await again.dispatch('importFileData', { name: 'mine.json', dataBase64: file.toString('base64') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'own-layer' } });
    expect(dumpLibrary(again.library)).toEqual(before);
    const consented = await again.call<Imported>('importFileData', { name: 'mine.json', dataBase64: file.toString('base64'), arriving: { intoMine: true } });
    expect(consented).toMatchObject({ added: 4 });
    const [docHere] = again.library.documents.list();
    expect(await again.call<Relation[]>('listRelations', { documentId: docHere.id })).toHaveLength(3);
    // links alone (her spans already here) are hers too: refused without consent
    const onlyLinks = json;
    again.library.transaction(() => {
      for (const r of again.library.relations.listForDocument(docHere.id)) again.library.relations.softDelete(r.id);
    });
    const beforeLinks = dumpLibrary(again.library);
    const linksOnly = await again.dispatch('importFileData', { name: 'links.json', dataBase64: Buffer.from(JSON.stringify(onlyLinks)).toString('base64') });
    expect(linksOnly).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'own-layer' } });
    expect(dumpLibrary(again.library)).toEqual(beforeLinks);
  });

  it('leaves out values a label here does not accept, and links whose roles do not fit here, saying so', async () => {
    const { a, doc } = await ayeshasWork();
    const file = JSON.parse(exportClaimtagJson(loadBundle(a.library, { documents: [doc.id] })));
    // this library's "source" label marks claims, and its fact has a verdict without "mostly-false"
    const b = await app('bilal', 'Bilal');
    const src = b.library.labels.find('source')!;
    await b.call('saveLabel', { id: 'source', name: src.name, color: src.color, shortcut: src.shortcut, definition: '', role: 'claim' });
    const fact = b.library.labels.find('fact')!;
    const shortScale = { ...VERDICT_SCALE_PRESET, options: VERDICT_SCALE_PRESET.options.filter((o) => o.key !== 'mostly-false') };
    await b.call('saveLabel', { id: 'fact', name: fact.name, color: fact.color, shortcut: fact.shortcut, definition: '', attributes: [shortScale] });
    const result = await b.call<Imported>('importFileData', { name: 'x.json', dataBase64: Buffer.from(JSON.stringify(file)).toString('base64') });
    if (result.kind !== 'annotations') throw new Error('an article, not annotations');
    expect(result.notes).toContain('Attributes added to labels: Fact: Evidence.');
    expect(result.notes.filter((n) => n.includes('left out'))).toEqual([
      expect.stringMatching(/^annotations\[\d\]\.attributes: value left out: “mostly-false” is not one of the choices for “Verdict”/),
      'relations[0]: link left out: here “fact” marks a claim and “source” a claim, not a claim and its source',
      'relations[2]: link left out: here “opinion” marks a claim and “source” a claim, not a claim and its source',
    ]);
    const claimHere = b.library.annotations.listForDocument(b.library.documents.list()[0].id).find((x) => x.labelId === 'fact')!;
    expect(claimHere.attributes).toEqual({ evidence: ['https://example.org/%D8%AA%D8%AD%D9%82%DB%8C%D9%82'] });
    expect(b.library.relations.listForDocument(claimHere.documentId).map((r) => r.kind)).toEqual(['cue']);
    expect(b.library.labels.find('source')!.role).toBeUndefined(); // her tag set decides roles; an import never changes them
  });
});
