// Label ids arriving in any import format are checked where every format meets: mergeImport.
// A brat file with --partial once brought in labels "__proto__" and "fact\u0000".
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importedLabelIdProblem } from '../../shared/label-id';
import { dumpDatabase } from '../../../test/support/db-helpers';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { importPaths } from './import-paths';

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
const TEXT = 'The minister said the bridge was finished on time.';
beforeEach(() => {
  tmp = makeTempDir();
  library = Library.open(path.join(tmp.dir, 'lib.sqlite'));
  fs.writeFileSync(path.join(tmp.dir, 'doc.txt'), TEXT);
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

/** A claimtag JSON file whose annotations use these label ids. */
function jsonWithLabels(labels: string[]): string {
  const file = path.join(tmp.dir, 'work.json');
  const annotations = labels.map((label, i) => ({ document: 'd1', annotator: 'Bilal', label, start: i, end: i + 3 }));
  fs.writeFileSync(file, JSON.stringify({ format: 'claimtag', version: 1, documents: [{ id: 'd1', title: 'T', text: TEXT }], annotations }));
  return file;
}

describe('label ids on import', () => {
  it.each(['__proto__', 'constructor', 'fact\u0000', 'fact\u001b[2J', 'fa\u202ect', ' fact', ''])('refuses %j', (id) => {
    expect(importedLabelIdProblem(id)).not.toBeNull();
  });
  it.each(['fact', 'Fact', 'claim_type', 'check-worthy', 'Behauptung'])('keeps %j', (id) => {
    expect(importedLabelIdProblem(id)).toBeNull();
  });

  it('refuses the whole file without --partial, changing nothing', async () => {
    const before = dumpDatabase(library.db);
    const [outcome] = await importPaths(library, [jsonWithLabels(['fact', '__proto__', 'fact\u0000'])]);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (outcome.ok) return;
    expect(outcome.error.details).toEqual(['label "__proto__" is a reserved word', 'label "fact\\u0000" contains a control or invisible character']);
    expect(dumpDatabase(library.db)).toEqual(before);
  });

  it('with --partial leaves those annotations out and reports them; the tag set gains no such label', async () => {
    const [outcome] = await importPaths(library, [jsonWithLabels(['fact', '__proto__', 'fact\u0000'])], { partial: true });
    expect(outcome).toMatchObject({ ok: true, kind: 'annotations', report: { annotationsAdded: 1 } });
    if (!outcome.ok || outcome.kind !== 'annotations') return;
    expect(outcome.report.rejected.map((r) => r.reason)).toEqual(expect.arrayContaining(['label "__proto__" is a reserved word', 'label "fact\\u0000" contains a control or invisible character']));
    expect(library.labels.list().map((l) => l.id)).not.toContain('__proto__');
    expect(library.labels.list().some((l) => l.id.includes('\u0000'))).toBe(false);
  });
});
