// Claims with structure (#20) through brat: Source/Cue relations, attributes with their values
// declared in annotation.conf, links and dates as AnnotatorNotes; read back the way brat reads
// them, and refused when a relation names a span that is not there.
import { describe, expect, it } from 'vitest';
import { STRUCTURE_TEXT, structureBundle } from '../../../test/interchange/structure-bundle';
import { relationView, structuredClaims, value } from '../../../test/interchange/structure-views';
import { exportBrat } from './brat';
import { bratKey, importBrat } from './brat-import';
import { bratFileIdentity, parseBratManifest } from './brat-manifest';
import { BRAT_CONF_FILE, BRAT_MANIFEST_FILE } from './brat-rules';
import { bundleFromImport } from './bundle-from-import';
import { exportFormats } from './index';
import { readAsBrat } from '../../../test/interchange/brat-reference';
import type { ParsedImport } from './types';

function importAll(files: Record<string, string>): ParsedImport {
  const manifest = parseBratManifest(files[BRAT_MANIFEST_FILE]);
  const parts = Object.keys(files)
    .filter((f) => f.endsWith('.ann'))
    .sort()
    .map((f) => {
      const [folder, file] = f.split('/');
      const id = bratFileIdentity(manifest, folder, file.replace(/\.ann$/, ''));
      const p = value(
        importBrat(files[f], { companionText: files[f.replace(/\.ann$/, '.txt')], annotator: id.annotator, annotatorId: id.annotatorId, documentRef: id.documentRef, documentTitle: id.documentTitle, bratConf: files[BRAT_CONF_FILE] }),
      );
      // T ids are per file; File › Import merges one file at a time, this merge keeps them apart.
      const ref = (r: string) => `${f}:${r}`;
      return { ...p, annotations: p.annotations.map((a) => ({ ...a, ref: ref(a.ref ?? '') })), relations: (p.relations ?? []).map((r) => ({ ...r, claimRef: ref(r.claimRef), targetRef: ref(r.targetRef) })) };
    });
  return {
    format: 'brat',
    documents: [...new Map(parts.flatMap((p) => p.documents).map((d) => [d.ref, d])).values()],
    annotators: parts.flatMap((p) => p.annotators),
    annotations: parts.flatMap((p) => p.annotations),
    labels: [...new Map(parts.flatMap((p) => p.labels).map((l) => [l.id, l])).values()],
    relations: parts.flatMap((p) => p.relations ?? []),
    rejected: parts.flatMap((p) => p.rejected),
  };
}

describe('brat: relations and attributes', () => {
  it('writes Source and Cue relations from the claim, attributes brat can hold, links and dates as notes', () => {
    const { files } = exportBrat(structureBundle());
    const ann = files['Ann_Lee/Claims_دعوے_主張.ann'];
    const t = (quote: string) => new RegExp(`^(T\\d+)\\t\\S+ [\\d ;]+\\t${quote}$`, 'm').exec(ann)?.[1];
    expect(ann).toContain(`Source Arg1:${t('prices rose 😀 by 20%')} Arg2:${t('Foreign Minister Ishaq Dar')}`);
    expect(ann).toContain(`Cue Arg1:${t('prices rose 😀 by 20%')} Arg2:${t('said')}`);
    expect(ann).toMatch(/^A\d+\tverdict T\d+ mostly-false$/m);
    expect(ann).toMatch(/^A\d+\tcheck-worthiness T\d+ check-worthy$/m);
    expect(ann).toContain('AnnotatorNotes T3\tAttribute claim-date: 2025-05-28');
    expect(ann).toContain('Attribute evidence: https://stats.example.gov/cpi?year=2025&m=5 https://xn--r8jz45g.jp/%E8%A8%BC%E6%8B%A0/%F0%9F%98%80');
    const conf = files[BRAT_CONF_FILE];
    expect(conf).toContain('Source\tArg1:fact|opinion, Arg2:source');
    expect(conf).toContain('Cue\tArg1:fact|opinion, Arg2:cue');
    expect(conf).toContain('verdict\tArg:fact, Value:true|mostly-true|half-true|mostly-false|false');
    expect(conf).toContain('check-worthiness\tArg:fact, Value:check-worthy|not-worth-checking|not-factual');
  });

  it('every .ann parses as brat reads it; relations and attributes pass verify against annotation.conf', () => {
    const { files } = exportBrat(structureBundle());
    const anns = Object.keys(files).filter((f) => f.endsWith('.ann'));
    expect(anns.length).toBe(2);
    let relations = 0;
    for (const f of anns) {
      const reading = readAsBrat(files[f], files[f.replace(/\.ann$/, '.txt')], files[BRAT_CONF_FILE]);
      expect({ f, failed: reading.failed, issues: reading.issues }).toEqual({ f, failed: [], issues: [] });
      relations += reading.relations.length;
    }
    expect(relations).toBe(structureBundle().relations?.length);
  });

  it('the reference reader catches a relation annotation.conf does not allow and one naming a missing span (it can fail)', () => {
    const { files } = exportBrat(structureBundle());
    const f = 'Ann_Lee/Claims_دعوے_主張.ann';
    const txt = files[f.replace(/\.ann$/, '.txt')];
    const withoutRelations = files[BRAT_CONF_FILE].replace(/^(Source|Cue)\t.*\n/gm, '');
    expect(readAsBrat(files[f], txt, withoutRelations).issues.some((i) => /^Error: Source relation Arg1:fact Arg2:source not allowed$/.test(i))).toBe(true);
    expect(readAsBrat(`${files[f]}R99\tSource Arg1:T1 Arg2:T77\n`, txt, files[BRAT_CONF_FILE]).failed).toContain('ID T77 not defined, referenced from annotation R99');
  });

  it('export → import → export: relations, attribute values and roles come back; the .ann files are identical', () => {
    const bundle = structureBundle();
    const first = exportBrat(bundle).files;
    const parsed = importAll(first);
    expect(parsed.rejected).toEqual([]);
    const back = bundleFromImport(parsed);
    expect(relationView(back)).toEqual(relationView(bundle));
    expect(structuredClaims(back)).toEqual(structuredClaims(bundle));
    expect(back.labels.find((l) => l.id === 'source')?.role).toBe('source');
    expect(back.labels.find((l) => l.id === 'cue')?.role).toBe('cue');
    expect(back.labels.find((l) => l.id === 'fact')?.attributes?.find((a) => a.key === 'verdict')?.options.map((o) => o.key)).toEqual(['true', 'mostly-true', 'half-true', 'mostly-false', 'false']);
    const again = exportBrat(back).files;
    for (const f of Object.keys(first).filter((x) => x.endsWith('.ann'))) expect(again[f]).toBe(first[f]);
  });

  it('refuses a relation naming a span that is not in the file, saying which line; with partial, only the link is left out', () => {
    const text = 'Dar said prices rose.';
    const ann = 'T1\tsource 0 3\tDar\nT2\tfact 9 20\tprices rose\nR1\tSource Arg1:T2 Arg2:T1\nR2\tCue Arg1:T2 Arg2:T9\n';
    const r = importBrat(ann, { companionText: text, annotator: 'A' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid-input');
    expect(r.error.details).toEqual(['line 4 (R2): the cue link names "T9", which is not a claim in this file (a dangling link)']);
    const partial = value(importBrat(ann, { companionText: text, annotator: 'A', partial: true }), true);
    expect(partial.relations).toEqual([{ kind: 'source', claimRef: 'T2', targetRef: 'T1', where: 'line 3 (R1)' }]);
  });

  it('reads a foreign project: annotation.conf attributes become keys, unknown relation types and yes/no attributes are listed, not guessed', () => {
    const text = 'Minister Dar said exports doubled.';
    const conf = '[entities]\nSpeaker\nStatement\n[relations]\nSource\tArg1:Statement, Arg2:Speaker\nCoref\tArg1:Speaker, Arg2:Speaker\n[events]\n[attributes]\nRating\tArg:Statement, Value:Mostly_False|True\nNegated\tArg:<ENTITY>\n';
    const ann = 'T1\tSpeaker 0 12\tMinister Dar\nT2\tStatement 18 33\texports doubled\nR1\tSource Arg1:T2 Arg2:T1\nR2\tCoref Arg1:T1 Arg2:T1\nA1\tRating T2 Mostly_False\nA2\tNegated T2\n';
    const r = value(importBrat(ann, { companionText: text, annotator: 'A', bratConf: conf }), true);
    expect(r.annotations.find((a) => a.ref === 'T2')?.attributes).toEqual({ rating: 'mostly-false' });
    expect(r.relations).toEqual([{ kind: 'source', claimRef: 'T2', targetRef: 'T1', where: 'line 3 (R1)' }]);
    expect(r.labels).toEqual([
      { id: 'Speaker', role: 'source' },
      { id: 'Statement', attributes: [{ key: 'rating', name: 'Rating', type: 'choice', options: [{ key: 'mostly-false', name: 'Mostly_False' }, { key: 'true', name: 'True' }] }] },
    ]);
    expect(r.rejected.map((x) => x.where)).toEqual(['line 4', 'line 6']);
    const wrong = importBrat(ann.replace('Mostly_False\n', 'Pants_On_Fire\n'), { companionText: text, annotator: 'A', bratConf: conf });
    expect(!wrong.ok && wrong.error.details).toEqual(['line 5: "Pants_On_Fire" is not one of the values annotation.conf allows for Rating (Mostly_False, True)']);
    expect(bratKey('Ünïcode Value_2')).toBe('unicode-value-2');
  });

  it('refuses an evidence note with a link that is not https:, naming the line', () => {
    const r = importBrat(`T1\tfact 0 4\t${STRUCTURE_TEXT.slice(0, 4)}\n#1\tAnnotatorNotes T1\tAttribute evidence: http://insecure.example/\n`, { companionText: STRUCTURE_TEXT, annotator: 'A' });
    expect(!r.ok && r.error.details).toEqual(['line 2: evidence: Only https:// links are kept as evidence; “http://insecure.example/” is not one.']);
  });

  it('the export summary says what brat cannot carry', () => {
    const out = exportFormats.brat.export(structureBundle());
    expect(out.kind === 'files' && out.files['claimtag-export-summary.txt']).toContain('evidence links and claim dates as brat attributes');
  });
});
