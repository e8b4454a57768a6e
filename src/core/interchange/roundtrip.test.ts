// export → import → export must reproduce the first export exactly, for any text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/result';
import type { Annotation, Bundle } from '../../shared/types';
import { exportBrat } from './brat';
import { BRAT_LINE_BREAK } from './brat-rules';
import { importBrat } from './brat-import';
import { bundleFromImport, contextAfter, contextBefore } from './bundle-from-import';
import { exportClaimtagJson } from './claimtag-json';
import { importClaimtagJson } from './claimtag-json-import';
import { exportDoccano } from './doccano';
import { importDoccano } from './doccano-import';
import { exportLabelStudio } from './label-studio';
import { importLabelStudio } from './label-studio-import';
import { LABELS, makeDocument, sampleBundle } from '../../../test/interchange/test-bundle';
import type { ParsedImport } from './types';
import { exportW3c } from './w3c';
import { importW3c } from './w3c-import';

const PIECES = ['a', 'B', ' ', 'word ', '\n', '\r\n', '\t', '\u2028', '\f', '\v', '\u0085', '\u001e', '😀', '👨‍👩‍👧', '🇵🇰', 'e\u0301', 'é', 'ا', 'اردو ', 'عربى', '\u200f', '\u202e', '“', '<', '&', '"', '\\', '𝒳', '中文'];
const ANNOTATORS = [
  { id: 'u1', name: 'Ann' },
  { id: 'u2', name: 'Zed ✓' },
  { id: 'u3', name: 'عائشہ' },
];

const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 40 }).map((p) => p.join(''));
const freeText = fc.string({ unit: 'grapheme', maxLength: 20 });

/** UTF-16 indices where a span may start or end: code point boundaries not next to a line break. */
function boundaries(text: string): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  for (const ch of text) {
    if (!BRAT_LINE_BREAK.test(ch)) starts.push(i);
    i += ch.length;
    if (!BRAT_LINE_BREAK.test(ch)) ends.push(i);
  }
  return { starts, ends };
}

const bundleArb: fc.Arbitrary<Bundle> = fc
  .tuple(fc.array(fc.tuple(textArb, freeText), { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(2), fc.nat(2), freeText, freeText, fc.constantFrom(null, 'low', 'medium', 'high' as const)), { maxLength: 12 }))
  .map(([docs, specs]) => {
    const documents = docs.map(([text, title], i) => makeDocument(`d${i + 1}`, title, `source ${i + 1}`, text));
    const seen = new Set<string>();
    const annotations: Annotation[] = [];
    specs.forEach(([d, s, e, l, who, note, attribution, confidence], n) => {
      const doc = documents[d % documents.length];
      const { starts, ends } = boundaries(doc.text);
      if (starts.length === 0) return;
      const start = starts[s % starts.length];
      const validEnds = ends.filter((x) => x > start);
      if (validEnds.length === 0) return;
      const end = validEnds[e % validEnds.length];
      const key = `${doc.id}/${start}/${end}/${l}/${who}`;
      if (seen.has(key)) return;
      seen.add(key);
      const annotator = ANNOTATORS[who];
      annotations.push({
        id: `a${n}`,
        documentId: doc.id,
        annotatorId: annotator.id,
        annotatorName: annotator.name,
        labelId: LABELS[l].id,
        start,
        end,
        quote: doc.text.slice(start, end),
        prefix: contextBefore(doc.text, start),
        suffix: contextAfter(doc.text, end),
        note,
        attribution,
        confidence,
        createdAt: `2025-01-0${1 + (n % 9)}T00:00:00.000Z`,
        updatedAt: `2025-02-0${1 + (n % 9)}T00:00:00.000Z`,
        deletedAt: null,
      });
    });
    return { documents, annotators: ANNOTATORS, labels: LABELS, annotations };
  });

function sampleAnnotation(text: string): Annotation {
  return {
    id: 'a1', documentId: 'd1', annotatorId: 'u1', annotatorName: 'Ann', labelId: 'fact', start: 0, end: text.length, quote: text, prefix: '', suffix: '',
    note: '', attribution: '', confidence: null, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', deletedAt: null,
  };
}

function value(r: Result<ParsedImport>): ParsedImport {
  if (!r.ok) throw new Error(`${r.error.message}\n${(r.error.details ?? []).join('\n')}`);
  expect(r.value.rejected).toEqual([]);
  return r.value;
}

function mergeImports(parts: ParsedImport[]): ParsedImport {
  const documents = new Map(parts.flatMap((p) => p.documents).map((d) => [d.ref, d]));
  return {
    format: parts[0]?.format ?? 'brat',
    documents: [...documents.values()],
    annotators: parts.flatMap((p) => p.annotators),
    annotations: parts.flatMap((p) => p.annotations),
    labels: parts.flatMap((p) => p.labels),
    rejected: [],
  };
}

const runs = { numRuns: 150 };

describe('round trips (export → import → export is identical)', () => {
  it('claimtag JSON, also as a bundle', () => {
    fc.assert(
      fc.property(bundleArb, (bundle) => {
        const first = exportClaimtagJson(bundle);
        const reimported = bundleFromImport(value(importClaimtagJson(first)));
        expect(exportClaimtagJson(reimported)).toBe(first);
        expect(reimported.annotations.map(({ deletedAt: _d, ...a }) => a)).toEqual(
          [...bundle.annotations].sort((x, y) => x.documentId.localeCompare(y.documentId) || x.start - y.start || y.end - x.end || x.labelId.localeCompare(y.labelId) || x.annotatorId.localeCompare(y.annotatorId) || x.id.localeCompare(y.id)).map(({ deletedAt: _d, ...a }) => a),
        );
      }),
      runs,
    );
  });

  it('W3C Web Annotation', () => {
    fc.assert(
      fc.property(bundleArb, (bundle) => {
        const first = exportW3c(bundle);
        const documents = bundle.documents.map((d) => ({ ref: d.id, title: d.title, text: d.text }));
        expect(exportW3c(bundleFromImport(value(importW3c(first, { documents }))))).toBe(first);
      }),
      runs,
    );
  });

  it('brat standoff', () => {
    fc.assert(
      fc.property(bundleArb, (bundle) => {
        const all = exportBrat(bundle).files;
        // The documents and their claims; the configuration and manifest list what the bundle has.
        const first = Object.fromEntries(Object.entries(all).filter(([name]) => name.includes('/')));
        const parts = Object.keys(first)
          .filter((name) => name.endsWith('.ann'))
          .map((ann) => {
            const [folder, file] = ann.split('/');
            const ref = file.replace(/\.ann$/, '');
            return value(importBrat(first[ann], { companionText: first[ann.replace(/\.ann$/, '.txt')], annotator: folder, documentRef: ref }));
          });
        const again = exportBrat(bundleFromImport(mergeImports(parts))).files;
        expect(Object.fromEntries(Object.entries(again).filter(([name]) => name.includes('/')))).toEqual(first);
      }),
      runs,
    );
  });

  it('brat splits a quote and a note at U+2028/U+2029 as Python splitlines does, and reads them back', () => {
    const text = 'before\u2028after\u2029end';
    const bundle: Bundle = { documents: [makeDocument('d1', 'T', '', text)], annotators: ANNOTATORS, labels: LABELS, annotations: [] };
    bundle.annotations.push({ ...sampleAnnotation(text), note: 'one\u2028two' });
    const { files } = exportBrat(bundle);
    const ann = files['Ann/T.ann'];
    expect(ann).toBe('T1\tfact 0 6;7 12;13 16\tbefore after end\n#1\tAnnotatorNotes T1\tone\n#2\tAnnotatorNotes T1\ttwo\n');
    const imported = value(importBrat(ann, { companionText: text, annotator: 'Ann' }));
    expect(imported.annotations.map((a) => [a.start, a.end, a.quote, a.note])).toEqual([[0, text.length, text, 'one\ntwo']]);
  });

  it('doccano JSONL', () => {
    fc.assert(
      fc.property(bundleArb, (bundle) => {
        const first = exportDoccano(bundle);
        expect(exportDoccano(bundleFromImport(value(importDoccano(first))))).toBe(first);
      }),
      runs,
    );
  });

  it('Label Studio', () => {
    fc.assert(
      fc.property(bundleArb, (bundle) => {
        const first = exportLabelStudio(bundle);
        expect(exportLabelStudio(bundleFromImport(value(importLabelStudio(first))))).toBe(first);
      }),
      runs,
    );
  });

  it('the sample bundle survives claimtag JSON unchanged', () => {
    const bundle = sampleBundle();
    const back = bundleFromImport(value(importClaimtagJson(exportClaimtagJson(bundle))));
    expect(back.labels).toEqual(bundle.labels);
    expect(back.annotators).toEqual(bundle.annotators);
    expect(back.documents.map(({ blocks: _b, ...d }) => d)).toEqual(bundle.documents.map(({ blocks: _b, ...d }) => d));
    const live = bundle.annotations.filter((a) => a.deletedAt === null);
    expect(back.annotations.length).toBe(live.length);
    for (const a of back.annotations) expect(a).toEqual(live.find((x) => x.id === a.id));
  });
});
