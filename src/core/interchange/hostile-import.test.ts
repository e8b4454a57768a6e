// Every validation rule, with the typed error and the message the user sees.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/result';
import { importBrat } from './brat-import';
import { importClaimtagJson } from './claimtag-json-import';
import { importDoccano } from './doccano-import';
import { importLabelStudio } from './label-studio-import';
import { IMPORT_LIMITS } from './limits';
import type { ParsedImport } from './types';
import { importW3c } from './w3c-import';

const TEXT = 'Ayesha said 😀 the talks failed.';
const minimal = (annotation: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'claimtag', version: 1, documents: [{ id: 'd1', title: 'T', text: TEXT }], annotations: [{ document: 'd1', annotator: 'Ayesha', label: 'fact', start: 0, end: 6, ...annotation }], ...extra });

function failure(r: Result<ParsedImport>) {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value.annotations)}`);
  return r.error;
}

describe('claimtag JSON import', () => {
  it('accepts the minimal hand-written form', () => {
    const r = importClaimtagJson(minimal({ start: 0, end: 12 }));
    expect(r.ok && r.value.annotations[0]).toMatchObject({ documentRef: 'd1', annotator: 'Ayesha', label: 'fact', start: 0, end: 12, quote: 'Ayesha said ', note: '', confidence: null });
    expect(r.ok && r.value.labels).toEqual([{ id: 'fact' }]);
  });

  it('converts code points after an emoji to UTF-16', () => {
    const r = importClaimtagJson(minimal({ start: 14, end: 17, quote: 'the' }));
    expect(r.ok && r.value.annotations[0]).toMatchObject({ start: 15, end: 18, quote: 'the' });
  });

  it.each([
    ['offsets outside the text', { start: 10, end: 99 }, 'annotations[0]: offsets 10–99 are outside the text (0–31 code points)'],
    ['start ≥ end', { start: 5, end: 5 }, 'annotations[0]: start (5) must be before end (5)'],
    ['non-integer offsets', { start: 1.5 }, 'annotations[0].start: must be a whole number'],
    ['negative offsets', { start: -1 }, 'annotations[0].start: must not be negative'],
    ['string offsets', { end: '6' }, 'annotations[0].end: must be a whole number'],
    ['a contradicting quote', { quote: 'Bilal ' }, 'annotations[0]: quote "Bilal " does not match the text at 0–6 ("Ayesha")'],
    ['UTF-16 offsets by mistake', { start: 15, end: 18, quote: 'the' }, 'the offsets look like UTF-16 code units, but they must be Unicode code points'],
    ['an unknown document', { document: 'd9' }, 'annotations[0].document: document "d9" does not exist in this file'],
    ['an unknown key', { colour: 'red' }, 'annotations[0]: Unrecognized key: "colour"'],
    ['a huge note', { note: 'x'.repeat(IMPORT_LIMITS.maxNoteBytes + 1) }, 'annotations[0].note: must be at most 100 KB'],
    ['a bad confidence', { confidence: 'certain' }, 'annotations[0].confidence: must be "low", "medium", "high" or null'],
    ['a bad date', { createdAt: 'yesterday' }, 'annotations[0].createdAt: must be an ISO 8601 date-time'],
  ])('rejects %s', (_name, annotation, detail) => {
    const error = failure(importClaimtagJson(minimal(annotation)));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/^The file has \d+ problems?; nothing was imported\.$/);
    expect(error.details?.join('\n')).toContain(detail);
  });

  it('rejects a missing annotator unless a default is given', () => {
    const text = minimal({ annotator: undefined });
    expect(failure(importClaimtagJson(text)).details).toEqual(['annotations[0].annotator: no annotator: the file names none and no default annotator was given']);
    const r = importClaimtagJson(text, { annotator: 'Bilal' });
    expect(r.ok && r.value.annotations[0].annotator).toBe('Bilal');
  });

  it('rejects a newer format version with a clear message', () => {
    const error = failure(importClaimtagJson(JSON.stringify({ format: 'claimtag', version: 3, documents: [], annotations: [] })));
    expect(error.code).toBe('unsupported');
    expect(error.message).toBe('This file uses claimtag format version 3, but this version of claimtag reads versions up to 2. Update claimtag to import it.');
  });

  it('rejects files that are not claimtag JSON', () => {
    expect(failure(importClaimtagJson('{"format":"other","version":1}')).message).toBe('This is not a claimtag JSON file.');
    const broken = failure(importClaimtagJson('{"format": "claimtag",'));
    expect(broken.message).toBe('The file is not valid JSON.');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('rejects the key %s anywhere', (key) => {
    const text = minimal({}).replace('"label":"fact"', `"label":"fact","nested":{"deep":[{"${key}":{"polluted":true}}]}`);
    const error = failure(importClaimtagJson(text));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toBe('The file contains a forbidden key.');
    expect(error.details).toEqual([`file: the key "${key}" is not allowed (it could alter JavaScript objects)`]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects sha256 that does not match the text', () => {
    const text = JSON.stringify({ format: 'claimtag', version: 1, documents: [{ id: 'd1', text: TEXT, sha256: '0'.repeat(64) }], annotations: [] });
    expect(failure(importClaimtagJson(text)).details).toEqual(['documents[0]: sha256 does not match the text (was the text edited after export?)']);
  });

  it('rejects text with an unpaired surrogate, the only way an offset could split a pair', () => {
    const text = `{"format":"claimtag","version":1,"documents":[{"id":"d1","text":"ab\\ud83dcd"}],"annotations":[]}`;
    expect(failure(importClaimtagJson(text)).details?.[0]).toBe('documents[0]: the document text contains an unpaired surrogate (U+D83D) at UTF-16 index 2; it is not valid Unicode');
  });

  it('rejects a file over the size cap before parsing it', () => {
    const huge = ' '.repeat(IMPORT_LIMITS.maxFileBytes + 1);
    const error = failure(importClaimtagJson(huge));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe('The file is larger than 50 MB, the most claimtag imports at once.');
  });

  it('rejects a document text over the size cap', () => {
    const text = JSON.stringify({ format: 'claimtag', version: 1, documents: [{ id: 'd1', text: 'x'.repeat(IMPORT_LIMITS.maxDocumentTextBytes + 1) }], annotations: [] });
    expect(failure(importClaimtagJson(text)).details).toEqual(['documents[0]: the document text is larger than 10 MB']);
  });

  it('rejects more annotations than the cap', () => {
    const many = `{"format":"claimtag","version":1,"documents":[],"annotations":[${'0,'.repeat(IMPORT_LIMITS.maxAnnotations)}0]}`;
    expect(failure(importClaimtagJson(many)).details).toEqual(['annotations: has more than 1,000,000 annotations']);
  });

  it('lists at most 20 problems', () => {
    const annotations = Array.from({ length: 30 }, () => ({ document: 'nope', annotator: 'A', label: 'fact', start: 0, end: 1 }));
    const error = failure(importClaimtagJson(JSON.stringify({ format: 'claimtag', version: 1, documents: [], annotations })));
    expect(error.message).toBe('The file has 30 problems; nothing was imported.');
    expect(error.details).toHaveLength(21);
    expect(error.details?.[20]).toBe('… and 10 more');
  });

  it('imports the valid part with partial: true', () => {
    const text = JSON.stringify({
      format: 'claimtag',
      version: 1,
      documents: [{ id: 'd1', text: TEXT }],
      annotations: [
        { document: 'd1', annotator: 'A', label: 'fact', start: 0, end: 6 },
        { document: 'd1', annotator: 'A', label: 'fact', start: 6, end: 2 },
        { document: 'd2', annotator: 'A', label: 'fact', start: 0, end: 1 },
      ],
    });
    const r = importClaimtagJson(text, { partial: true });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.annotations).toHaveLength(1);
    expect(r.value.rejected).toEqual([
      { where: 'annotations[1]', reason: 'start (6) must be before end (2)' },
      { where: 'annotations[2].document', reason: 'document "d2" does not exist in this file' },
    ]);
  });

  it('rejects references to annotators and labels the file does not list', () => {
    const text = minimal({ annotator: 'x', label: 'rumour' }, { annotators: [{ id: 'a1', name: 'Ayesha' }], labels: ['fact'] });
    expect(failure(importClaimtagJson(text)).details).toEqual(['annotations[0].annotator: annotator "x" is not listed in "annotators"']);
  });
});

describe('brat import', () => {
  const opts = { companionText: TEXT, annotator: 'Ayesha' };
  it('imports T lines and notes; a discontinuous span becomes its fragments, never the text between them', () => {
    const r = importBrat('T1\tfact 0 6\tAyesha\n#1\tAnnotatorNotes T1\tcheck\nT2\topinion 12 13;14 17\t😀 the\n#2\tAnnotatorNotes T2\tboth\nR1\tCause Arg1:T1 Arg2:T2\n', opts);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.annotations.map((a) => [a.ref, a.label, a.start, a.end, a.quote, a.note])).toEqual([
      ['T1', 'fact', 0, 6, 'Ayesha', 'check'],
      ['T2', 'opinion', 12, 14, '😀', 'both'],
      ['T2#2', 'opinion', 15, 18, 'the', 'both'],
    ]);
    expect(r.value.rejected).toEqual([
      { where: 'line 3', reason: 'T2 is discontinuous with text between its fragments; imported as 2 separate claims, one per fragment' },
      { where: 'line 5', reason: 'not imported: relation type "Cause" (claimtag reads Source and Cue links from a claim)' },
    ]);
  });
  it('joins fragments separated only by line breaks (how a claim across lines is written)', () => {
    const text = 'one\r\ntwo\u2028three';
    const r = importBrat('T1\tfact 0 3;5 8;9 14\tone two three\n', { ...opts, companionText: text });
    expect(r.ok && r.value.annotations.map((a) => [a.start, a.end])).toEqual([[0, text.length]]);
  });
  it('keeps a TAB inside the quote, as brat compares it', () => {
    const text = 'a\tb c';
    const r = importBrat('T1\tfact 0 3\ta\tb\n', { ...opts, companionText: text });
    expect(r.ok && r.value.annotations[0].quote).toBe('a\tb');
    expect(failure(importBrat('T1\tfact 0 3\ta b\n', { ...opts, companionText: text })).details).toEqual(['line 1: text "a b" does not match the document at 0 3 ("a\\tb")']);
  });
  it.each([
    ['T1\tfa\u0000ct 0 6\tAyesha', 'line 1: type "fa\\u0000ct" holds a control character'],
    ['T1\t__proto__ 0 6\tAyesha', 'line 1: type "__proto__" cannot be a label id'],
  ])('refuses label id %j', (ann, detail) => {
    expect(failure(importBrat(ann, opts)).details).toEqual([detail]);
  });
  it.each([
    ['T1\tfact 0 99\tx', 'line 1: offsets 0–99 are outside the text (0–31 code points)'],
    ['T1\tfact 0 1.5\tA', 'line 1: offsets must be whole numbers (got "0 1.5")'],
    ['T1\tfact 0 6\tBilal!', 'line 1: text "Bilal!" does not match the document at 0 6 ("Ayesha")'],
    ['#1\tAnnotatorNotes T7\thi', 'line 1: note for unknown annotation "T7"'],
    ['garbage', 'line 1: not a brat annotation line: "garbage"'],
  ])('rejects %j', (ann, detail) => {
    const error = failure(importBrat(ann, opts));
    expect(error.code).toBe('invalid-input');
    expect(error.details).toContain(detail);
  });
  it('needs an annotator and the .txt file', () => {
    expect(failure(importBrat('', { companionText: TEXT })).message).toBe('brat files do not record who annotated them; choose an annotator.');
    expect(failure(importBrat('', { annotator: 'A' })).message).toBe('A brat .ann file needs the .txt file with the same name.');
  });
});

describe('doccano import', () => {
  it('needs an annotator when the line has none', () => {
    const line = JSON.stringify({ text: TEXT, label: [[0, 6, 'fact']] });
    expect(failure(importDoccano(line)).details).toEqual(['line 1: no annotator: the line names none and no default annotator was given']);
    const r = importDoccano(line, { annotator: 'Ayesha' });
    expect(r.ok && r.value.annotations[0]).toMatchObject({ annotator: 'Ayesha', start: 0, end: 6, quote: 'Ayesha' });
  });
  it('reports line numbers', () => {
    const error = failure(importDoccano(`${JSON.stringify({ text: TEXT, label: [] })}\n{oops\n${JSON.stringify({ text: TEXT, annotator: 'A', label: [[3, 2, 'x'], [0, 'a', 'x']] })}`));
    expect(error.details?.[0]).toMatch(/^line 2: /);
    expect(error.details).toContain('line 3.label[0]: start (3) must be before end (2)');
    expect(error.details).toContain('line 3.label[1][1]: must be a whole number');
  });
  it('rejects forbidden keys per line', () => {
    expect(failure(importDoccano('{"text":"a","__proto__":{}}', { annotator: 'A' })).details).toEqual(['line 1: the key "__proto__" is not allowed (it could alter JavaScript objects)']);
  });
});

describe('Label Studio import', () => {
  const task = (value: Record<string, unknown>) =>
    JSON.stringify([{ data: { text: TEXT }, annotations: [{ completed_by: 3, result: [{ id: 'r1', type: 'labels', from_name: 'label', to_name: 'text', value: { start: 0, end: 6, text: 'Ayesha', labels: ['fact'], ...value } }] }] }]);
  it('imports regions, naming a numeric user when no annotator is given', () => {
    const r = importLabelStudio(task({}));
    expect(r.ok && r.value.annotations[0]).toMatchObject({ annotator: 'Label Studio user 3', label: 'fact', start: 0, end: 6, ref: 'r1' });
  });
  it('rejects a contradicting quote', () => {
    expect(failure(importLabelStudio(task({ text: 'Bilal' }))).details).toEqual(['[0].annotations[0].result[0]: quote "Bilal" does not match the text at 0–6 ("Ayesha")']);
  });
});

describe('W3C import', () => {
  const anno = (selector: unknown) =>
    JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', creator: { name: 'Ayesha' }, body: { type: 'TextualBody', purpose: 'tagging', value: 'fact' }, target: { source: 'd1', selector } });
  const documents = [{ ref: 'd1', text: TEXT }];
  it('locates a quote-only selector', () => {
    const r = importW3c(anno({ type: 'TextQuoteSelector', exact: 'the talks' }), { documents });
    expect(r.ok && r.value.annotations[0]).toMatchObject({ start: 15, end: 24, quote: 'the talks' });
  });
  it('rejects a position that contradicts the quote, and unknown documents', () => {
    const bad = anno([{ type: 'TextQuoteSelector', exact: 'talks' }, { type: 'TextPositionSelector', start: 0, end: 5 }]);
    expect(failure(importW3c(bad, { documents })).details).toEqual(['annotations[0].target.selector: quote "talks" does not match the text at 0–5 ("Ayesh")']);
    expect(failure(importW3c(bad, { documents: [{ ref: 'other', text: TEXT }] })).details).toEqual(['annotations[0].target.source: document "d1" is not one of the chosen documents']);
  });
  it('needs the documents', () => {
    expect(failure(importW3c(anno({ type: 'TextQuoteSelector', exact: 'the' }))).message).toBe('W3C annotation files do not contain the article text; choose the documents they belong to first.');
  });
});
