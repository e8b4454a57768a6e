// Two different articles of a brat corpus (no context in the files) must never be merged, and
// when the analyst does map one onto the other, a short quote is never placed inside a longer
// word: "Estado" of one article is not "Estados Unidos" of the other.

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../store/library';
import { dumpLibrary } from '../../../test/support/dump-library';
import { makeTempDir } from '../../../test/support/temp-library';
import { importPaths } from './import-paths';

const SHARED = [
  'El gobierno anunció hoy un nuevo plan de inversión en infraestructura para las regiones del norte del país.',
  'Según el ministro, las obras comenzarán en marzo y durarán al menos tres años, con un presupuesto revisado cada semestre.',
  'Los sindicatos pidieron garantías laborales y los alcaldes reclamaron más participación en las decisiones.',
];
const OURS = [...SHARED, 'La oposición criticó a los Estados Unidos por el acuerdo.'].join('\n');
const THEIRS = [...SHARED, 'La oposición criticó al Estado por el acuerdo.'].join('\n');

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;

/** A brat pair (.txt + .ann) with one ORG on `quote`. */
function brat(name: string, text: string, quote: string): string {
  const at = text.indexOf(quote);
  fs.writeFileSync(path.join(tmp.dir, `${name}.txt`), text);
  fs.writeFileSync(path.join(tmp.dir, `${name}.ann`), `T1\tORG ${at} ${at + quote.length}\t${quote}\n`);
  return path.join(tmp.dir, `${name}.ann`);
}

beforeEach(async () => {
  tmp = makeTempDir();
  library = Library.open(path.join(tmp.dir, 'claimtag.sqlite'));
  const [first] = await importPaths(library, [brat('doc-1', OURS, 'Estados Unidos')], { annotator: 'corpus' });
  expect(first).toMatchObject({ ok: true, report: { annotationsAdded: 1 } });
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

describe('a different article of the corpus', () => {
  it('is not merged into the similar one: refused until the analyst says, nothing changed', async () => {
    const before = dumpLibrary(library);
    const [second] = await importPaths(library, [brat('doc-2', THEIRS, 'Estado')], { annotator: 'corpus' });
    expect(second).toMatchObject({ ok: false, error: { reason: 'similar-document' } });
    expect(dumpLibrary(library)).toEqual(before);

    const [apart] = await importPaths(library, [brat('doc-2', THEIRS, 'Estado')], { annotator: 'corpus', similar: 'separate' });
    expect(apart).toMatchObject({ ok: true, report: { annotationsAdded: 1, documents: [{ existed: false }] } });
    const doc2 = library.documents.list().find((d) => d.title === 'doc-2')!;
    expect(library.annotations.listForDocument(doc2.id).map((a) => a.quote)).toEqual(['Estado']);
  });

  it('mapped onto the other anyway: "Estado" is not placed inside "Estados", it is listed as not placed', async () => {
    const doc1 = library.documents.list()[0];
    const [mapped] = await importPaths(library, [brat('doc-2', THEIRS, 'Estado')], { annotator: 'corpus', mapOnto: { 'doc-2': doc1.id } });
    if (!mapped.ok || mapped.kind !== 'annotations') throw new Error(JSON.stringify(mapped));
    expect(mapped.report).toMatchObject({ annotationsAdded: 0, unanchored: 1 });
    expect(mapped.report.rejected[0].reason).toMatch(/^not placed: “Estado” with the text around it/);
    expect(library.annotations.listForDocument(doc1.id).map((a) => a.quote)).toEqual(['Estados Unidos']);
  });
});
