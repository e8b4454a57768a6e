// `claimtag study …` and `claimtag agree --corpus --study` on a real library: three analysts
// tag the same synthetic documents; a study is created, assigned, reported on.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDocument } from '../../test/agreement/synthetic-document';
import { Library } from '../core/store/library';
import { makeTempDir } from '../../test/support/temp-library';
import { cli, rowCounts } from '../../test/cli/harness';

let temp: ReturnType<typeof makeTempDir>;
let db: string;
const file = (name: string) => path.join(temp.dir, name);
const LABELS: Record<string, string> = { fact: 'fact', opinion: 'opinion', allegation: 'allegation' };

beforeAll(() => {
  temp = makeTempDir('claimtag-study-cli-');
  db = file('team.sqlite');
  const library = Library.open(db);
  try {
    const ids = Object.fromEntries(['annotator-001', 'annotator-002', 'annotator-003'].map((n) => [n, library.annotators.add(n).id]));
    for (let d = 0; d < 8; d++) {
      const doc = syntheticDocument({ seed: 500 + d, annotators: 3, annotationsPerAnnotator: 6, textLength: 500 });
      const { document } = library.documents.add({ title: `Article ${d + 1}`, source: 'test', text: doc.text, blocks: [{ kind: 'paragraph', start: 0, end: doc.text.length }] });
      for (const a of doc.annotations) {
        if (doc.text.slice(a.start, a.end).trim() === '') continue;
        try {
          library.annotations.add({ documentId: document.id, annotatorId: ids[a.annotator], labelId: LABELS[a.label], start: a.start, end: a.end }, doc.text);
        } catch {
          // the store refuses some synthetic spans (e.g. duplicates); the rest is enough
        }
      }
    }
  } finally {
    library.close();
  }
});
afterAll(() => temp.cleanup());

describe('claimtag study', () => {
  it('creates a study, assigns it, shows progress and the next document', async () => {
    const created = await cli(['study', 'create', 'Pilot', '--analysts', 'annotator-001,annotator-002,annotator-003', '--guideline-version', 'v2', '--db', db]);
    expect(created.err).toBe('');
    expect(created.out).toContain('Study "Pilot": 8 documents');
    expect(created.out).toContain('guideline version v2');
    const assigned = await cli(['study', 'assign', 'Pilot', '--double-share', '50%', '--db', db]);
    expect(assigned.code).toBe(0);
    const loads = [...assigned.out.matchAll(/0 \/ (\d+) done/g)].map((m) => Number(m[1]));
    expect(loads.reduce((s, n) => s + n, 0)).toBe(12); // 8 documents, 4 of them twice
    const next = await cli(['study', 'next', 'Pilot', '--analyst', 'annotator-002', '--db', db]);
    expect(next.out).toMatch(/\tArticle \d/);
    expect((await cli(['study', 'list', '--db', db])).out).toContain('Pilot: 8 documents');
  });

  it('measures the study’s agreement, writes the diagnosis CSV and the HTML report with charts', async () => {
    await cli(['study', 'create', 'All', '--analysts', 'annotator-001,annotator-002,annotator-003', '--db', db]);
    const agree = await cli(['agree', '--corpus', '--study', 'All', '--resamples', '100', '--format', 'json', '--db', db]);
    expect(agree.err).toBe('');
    const r = JSON.parse(agree.out) as { corpus: { documents: number; spans: { alphaU: number; alphaUInterval: [number, number] } }; documents: unknown[] };
    expect(r.corpus.documents).toBe(8);
    expect(r.documents).toHaveLength(8);
    expect(r.corpus.spans.alphaUInterval[0]).toBeLessThanOrEqual(r.corpus.spans.alphaU);

    const csv = await cli(['study', 'diagnosis', 'All', '--out', file('diagnosis.csv'), '--db', db]);
    expect(csv.code).toBe(0);
    expect(fs.readFileSync(file('diagnosis.csv'), 'utf8')).toMatch(/^\uFEFF"document","start","end","label","quote","annotator-001","annotator-002","annotator-003"\r\n/);

    const report = await cli(['study', 'report', 'All', '--out', file('study.html'), '--resamples', '100', '--db', db]);
    expect(report.err).toBe('');
    const html = fs.readFileSync(file('study.html'), 'utf8');
    expect(html).toContain('<h1>Study report: All</h1>');
    expect((html.match(/<svg class="ct-chart" role="img"/g) ?? []).length).toBe(5);
    expect(html).not.toMatch(/ style="/); // charts carry no inline styles (the app's CSP forbids them)
    expect(html).toContain('100 resamples');
  });

  it('refuses bad input in the user’s words and changes nothing', async () => {
    const before = rowCounts(db);
    const cases: Array<[string[], number, RegExp]> = [
      [['study', 'create', 'Pilot', '--analysts', 'x', '--db', db], 1, /already a study named "Pilot"/],
      [['study', 'assign', 'Nope', '--double-share', '0.2', '--db', db], 1, /no study named "Nope"/],
      [['study', 'assign', 'Pilot', '--double-share', '3', '--db', db], 2, /share from 0 to 1/],
      [['study', 'report', 'Pilot', '--out', file('x.txt'), '--db', db], 2, /FILE.html or --out FILE.pdf/],
      [['study', 'frobnicate', '--db', db], 2, /Unknown action/],
      [['agree', '--study', 'Pilot', '--db', db], 2, /--study goes with --corpus/],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.err).toMatch(message);
    }
    expect(rowCounts(db)).toEqual(before);
  });
});
