// Each export read the way its consumer's own code reads it, and the Unicode-heavy bundle
// (three annotators) through export → import → export for every format.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import GraphemeSplitter from 'grapheme-splitter';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/result';
import type { Annotation, Bundle } from '../../shared/types';
import { BRAT_SUMMARY_FILE, exportBrat } from './brat';
import { importBrat } from './brat-import';
import { bratFileIdentity, parseBratManifest } from './brat-manifest';
import { BRAT_CONF_FILE, BRAT_MANIFEST_FILE } from './brat-rules';
import { bundleFromImport } from './bundle-from-import';
import { exportClaimtagJson } from './claimtag-json';
import { importClaimtagJson } from './claimtag-json-import';
import { exportDoccano } from './doccano';
import { importDoccano } from './doccano-import';
import { exportFormats, summaryFor } from './index';
import { exportLabelStudio, labelStudioConfigFor } from './label-studio';
import { PREDICTION_ANNOTATOR, importLabelStudio } from './label-studio-import';
import { readAsBrat } from '../../../test/interchange/brat-reference';
import { LABELS, UNICODE_TEXT, sampleBundle, unicodeBundle } from '../../../test/interchange/test-bundle';
import type { ParsedImport } from './types';
import { exportW3c } from './w3c';
import { importW3c } from './w3c-import';

function value(r: Result<ParsedImport>): ParsedImport {
  if (!r.ok) throw new Error(`${r.error.message}\n${(r.error.details ?? []).join('\n')}`);
  return r.value;
}

/** What an annotation is, without the ids and times a format may not carry. */
const claim = (a: Annotation) => [a.documentId, a.annotatorName, a.labelId, a.start, a.end, a.quote, a.note, a.attribution, a.confidence];
const byPosition = (xs: unknown[][]) => xs.map((x) => JSON.stringify(x)).sort();

/** Imports every .ann of a brat export as File › Import does, with the manifest. */
function importBratExport(files: Record<string, string>): ParsedImport[] {
  const manifest = parseBratManifest(files[BRAT_MANIFEST_FILE]);
  return Object.keys(files)
    .filter((f) => f.endsWith('.ann'))
    .map((f) => {
      const [folder, file] = f.split('/');
      const id = bratFileIdentity(manifest, folder, file.replace(/\.ann$/, ''));
      return value(importBrat(files[f], { companionText: files[f.replace(/\.ann$/, '.txt')], annotator: id.annotator, annotatorId: id.annotatorId, documentRef: id.documentRef, documentTitle: id.documentTitle }));
    });
}

function merged(parts: ParsedImport[]): ParsedImport {
  return {
    format: 'brat',
    documents: [...new Map(parts.flatMap((p) => p.documents).map((d) => [d.ref, d])).values()],
    annotators: parts.flatMap((p) => p.annotators),
    annotations: parts.flatMap((p) => p.annotations),
    labels: parts.flatMap((p) => p.labels),
    rejected: parts.flatMap((p) => p.rejected),
  };
}

describe('brat, as brat reads it', () => {
  for (const [name, make] of [['unicode', unicodeBundle], ['sample', sampleBundle]] as const) {
    it(`${name}: every line parses, its text equals the .txt fragments, and verify finds no issue`, () => {
      const { files } = exportBrat(make());
      const anns = Object.keys(files).filter((f) => f.endsWith('.ann'));
      expect(anns.length).toBeGreaterThan(1);
      for (const f of anns) {
        const reading = readAsBrat(files[f], files[f.replace(/\.ann$/, '.txt')], files[BRAT_CONF_FILE]);
        expect({ f, failed: reading.failed, issues: reading.issues }).toEqual({ f, failed: [], issues: [] });
        expect(reading.textBounds.length).toBeGreaterThan(0);
      }
    });
  }

  it('the reference reader refuses what brat refuses (TAB written as space, a line split by U+2028, no annotation.conf)', () => {
    const text = 'a\tb\u2028c';
    expect(readAsBrat('T1\tfact 0 3\ta b\n', text, '[entities]\nfact\n').failed).toEqual(['line 1: text "a b" does not match "a\\tb"']);
    expect(readAsBrat('T1\tfact 0 5\ta\tb\u2028c\n', text, '[entities]\nfact\n').failed).toEqual(['line 1: text shorter than the marked spans', 'line 2: no TAB after the id']);
    expect(readAsBrat('T1\tfact 0 1\ta\nA1\tConfidence T1 high\n', text, '').issues).toEqual(['Error: fact is not a known textbound type (check configuration?)', 'Error: fact cannot take a Confidence attribute']);
  });

  it('writes claims across U+2028, U+000C and CRLF as fragments, keeps TABs, and lists the line break it cannot hold', () => {
    const { files, leftOut } = exportBrat(unicodeBundle());
    expect(files['عائشہ/Ünïcode_دستاویز.ann']).toContain('T1\tallegation 47 60;61 70;71 79\t“prices rose” next line page two\n');
    expect(files['Zoë/Ünïcode_دستاویز.ann']).toContain('T2\topinion 42 60\tsaid\t“prices rose”\n#1\tAnnotatorNotes T2\tAttribution: Cafe\u0301 owner\n');
    expect(leftOut).toEqual(['claims starting or ending with a line break, written without it (brat cannot hold a line break): 1']);
    const exported = exportFormats.brat.export(unicodeBundle());
    expect(exported.kind === 'files' && exported.files[BRAT_SUMMARY_FILE]).toContain('- claims starting or ending with a line break, written without it (brat cannot hold a line break): 1');
  });
});

describe('doccano, as doccano and its v-annotator view read it', () => {
  const lines = (jsonl: string) => jsonl.trimEnd().split('\n');

  it('is ASCII-only JSON (\\uXXXX escapes) that parses back to the same text', () => {
    const out = exportDoccano(unicodeBundle());
    expect([...out].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    expect((JSON.parse(lines(out)[0]) as { text: string }).text).toBe(UNICODE_TEXT);
  });

  it('writes UTF-16 offsets: v-annotator shows text.substr(start, end - start) as the claim', () => {
    const bundle = unicodeBundle();
    for (const line of lines(exportDoccano(bundle))) {
      const { text, label, annotator } = JSON.parse(line) as { text: string; label: Array<[number, number, string]>; annotator?: string };
      for (const [start, end, id] of label) {
        const original = bundle.annotations.find((a) => a.annotatorName === annotator && a.labelId === id && a.start === start);
        expect(original?.quote).toBe(text.substr(start, end - start));
      }
    }
  });

  it('grapheme mode: offsets count grapheme-splitter clusters, as v-annotator maps them back', () => {
    const bundle = unicodeBundle();
    for (const line of lines(exportDoccano(bundle, { doccanoOffsets: 'grapheme' }))) {
      const { text, label, annotator } = JSON.parse(line) as { text: string; label: Array<[number, number, string]>; annotator?: string };
      const graphemes = new GraphemeSplitter().splitGraphemes(text);
      const toUtf16 = (g: number) => graphemes.slice(0, g).join('').length;
      for (const [start, end, id] of label) {
        const original = bundle.annotations.find((a) => a.annotatorName === annotator && a.labelId === id && a.start === toUtf16(start));
        expect(original?.quote).toBe(text.slice(toUtf16(start), toUtf16(end)));
      }
    }
    const back = value(importDoccano(exportDoccano(bundle, { doccanoOffsets: 'grapheme' }), { doccanoOffsets: 'grapheme' }));
    expect(byPosition(back.annotations.map((a) => [a.annotator, a.label, a.quote]))).toEqual(byPosition(bundle.annotations.map((a) => [a.annotatorName, a.labelId, a.quote])));
  });

  it('a span made in doccano after an emoji and a flag lands on the words it marks', () => {
    const text = '😀🇵🇰 Ayesha said';
    const start = text.indexOf('Ayesha');
    const r = value(importDoccano(JSON.stringify({ text, label: [[start, start + 6, 'fact']] }), { annotator: 'A' }));
    expect(r.annotations[0].quote).toBe('Ayesha');
  });

  it("imports a relation project's entities and lists relation types other than source and cue as not imported", () => {
    const line = { text: 'Google was founded by Larry Page.', entities: [{ id: 0, start_offset: 0, end_offset: 6, label: 'ORG' }, { id: 1, start_offset: 22, end_offset: 32, label: 'PERSON' }], relations: [{ id: 0, from_id: 0, to_id: 1, type: 'foundedBy' }] };
    const r = value(importDoccano(JSON.stringify(line), { annotator: 'A' }));
    expect(r.annotations.map((a) => [a.label, a.quote])).toEqual([['ORG', 'Google'], ['PERSON', 'Larry Page']]);
    expect(r.rejected).toEqual([{ where: 'line 1.relations[0]', reason: 'not imported: relation type "foundedBy" (claimtag reads "source" and "cue" links from a claim)' }]);
  });

  it('the export summary lists what doccano does not carry, and claims widened to whole graphemes', () => {
    const out = exportFormats.doccano.export(unicodeBundle());
    expect(summaryFor('doccano', out)).toContain('- notes, attributions and confidence');
    expect(out.leftOut).toEqual([]);
    const bundle = unicodeBundle();
    // A claim ending inside "e\u0301" (after the e, before its accent).
    const cafe = bundle.annotations.find((a) => a.quote === 'Cafe\u0301');
    if (!cafe) throw new Error('fixture');
    bundle.annotations = [{ ...cafe, end: cafe.end - 1, quote: 'Cafe' }];
    const grapheme = exportFormats.doccano.export(bundle, { doccanoOffsets: 'grapheme' });
    expect(grapheme.leftOut).toEqual(['claims with an edge inside a grapheme cluster, widened to whole clusters (grapheme mode): 1']);
    expect(summaryFor('doccano', grapheme)).toContain('widened to whole clusters');
  });
});

describe('Label Studio, as its converter and task import read it', () => {
  type Task = { id: number; data: { text: string }; annotations: Array<{ completed_by: { email: string }; result: Array<{ type: string; value: { labels?: string[] } }> }> };
  const tasks = () => JSON.parse(exportLabelStudio(unicodeBundle())) as Task[];

  it('every task has an integer id; completed_by is an e-mail per annotator (what serializers.py accepts besides member ids)', () => {
    const t = tasks();
    expect(t.map((x) => x.id)).toEqual([1, 2]);
    const emails = t.flatMap((x) => x.annotations.map((a) => a.completed_by.email));
    for (const e of emails) expect(e).toMatch(/^[a-z0-9.]+\.[0-9a-f]{8}@claimtag\.invalid$/);
    expect(new Set(emails).size).toBe(3);
  });

  it('the labelling config stores our label ids (alias) and shows their names', () => {
    const config = labelStudioConfigFor(unicodeBundle());
    for (const l of LABELS) expect(config).toContain(`<Label value="${l.name}" alias="${l.id}"`);
    const used = tasks().flatMap((x) => x.annotations.flatMap((a) => a.result.flatMap((r) => r.value.labels ?? [])));
    for (const id of used) expect(config).toContain(`alias="${id}"`);
  });

  it('imports legacy completions, and predictions under their own annotator', () => {
    const text = 'Ayesha said the talks failed.';
    const region = (label: string) => ({ id: 'r1', type: 'labels', from_name: 'label', to_name: 'text', value: { start: 0, end: 6, text: 'Ayesha', labels: [label] } });
    const file = JSON.stringify([{ id: 7, data: { text }, completions: [{ completed_by: { email: 'bilal@example.org' }, result: [region('fact')] }], predictions: [{ model_version: 'ner-2', result: [region('opinion')] }] }]);
    const r = value(importLabelStudio(file));
    expect(r.annotations.map((a) => [a.annotator, a.label])).toEqual([['bilal@example.org', 'fact'], [`${PREDICTION_ANNOTATOR} (ner-2)`, 'opinion']]);
  });

  it("reads the converter's JSON-MIN output, listing per-region fields it cannot place", () => {
    const file = readFileSync(path.join(__dirname, '../../../test/interchange/label-studio-json-min.json'), 'utf8');
    const r = value(importLabelStudio(file, { partial: true }));
    const bundle = unicodeBundle();
    expect(byPosition(r.annotations.map((a) => [a.label, a.quote]))).toEqual(byPosition(bundle.annotations.map((a) => [a.labelId, a.quote])));
    expect(r.rejected.map((x) => x.where)).toContain('[0].note');
    expect(r.rejected.every((x) => x.reason.startsWith('not imported:'))).toBe(true);
  });
});

describe('the Unicode bundle, three annotators, export → import → export', () => {
  const bundle = unicodeBundle();

  it('claimtag JSON keeps everything', () => {
    const first = exportClaimtagJson(bundle);
    const back = bundleFromImport(value(importClaimtagJson(first)));
    expect(exportClaimtagJson(back)).toBe(first);
    expect(byPosition(back.annotations.map(claim))).toEqual(byPosition(bundle.annotations.map(claim)));
  });

  it('W3C keeps everything but the text', () => {
    const first = exportW3c(bundle);
    const back = bundleFromImport(value(importW3c(first, { documents: bundle.documents.map((d) => ({ ref: d.id, title: d.title, text: d.text })) })));
    expect(exportW3c(back)).toBe(first);
    expect(byPosition(back.annotations.map(claim))).toEqual(byPosition(bundle.annotations.map(claim)));
  });

  it('brat keeps documents, annotators, notes, attributions and confidence; only the trailing line break is lost, as listed', () => {
    const first = exportBrat(bundle).files;
    const back = bundleFromImport(merged(importBratExport(first)));
    const again = exportBrat(back).files;
    for (const f of Object.keys(first).filter((x) => x.includes('/'))) expect(again[f]).toBe(first[f]);
    const expected = bundle.annotations.map((a) => ({ ...a, end: a.quote.endsWith('\r\n') ? a.end - 2 : a.end, quote: a.quote.replace(/\r\n$/, '') }));
    expect(byPosition(back.annotations.map(claim))).toEqual(byPosition(expected.map(claim)));
  });

  it('doccano keeps spans, labels and annotators', () => {
    const first = exportDoccano(bundle);
    const back = bundleFromImport(value(importDoccano(first)));
    expect(exportDoccano(back)).toBe(first);
    expect(byPosition(back.annotations.map((a) => [a.documentId, a.annotatorName, a.labelId, a.start, a.end]))).toEqual(byPosition(bundle.annotations.map((a) => [a.documentId, a.annotatorName, a.labelId, a.start, a.end])));
  });

  it('Label Studio keeps everything, label ids included', () => {
    const first = exportLabelStudio(bundle);
    const back = bundleFromImport(value(importLabelStudio(first)));
    expect(exportLabelStudio(back)).toBe(first);
    expect(byPosition(back.annotations.map(claim))).toEqual(byPosition(bundle.annotations.map(claim)));
  });
});

export type { Bundle };
