import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/result';
import { Library } from '../store/library';
import { loadBundledSample } from '../store/bundled-sample';
import { makeTempDir } from '../../../test/support/temp-library';
import { createDispatch, type Dispatch } from './dispatch';
import { createServices } from './services';

const RESOURCES = path.resolve(__dirname, '../../../resources');

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
let dispatch: Dispatch;
let nextPath: string | null;

beforeEach(async () => {
  tmp = makeTempDir();
  library = Library.open(path.join(tmp.dir, 'lib.sqlite'));
  dispatch = createDispatch(
    createServices({
      library,
      dataDir: tmp.dir,
      loadSample: () => loadBundledSample(RESOURCES),
      ports: { chooseFilesToImport: async () => null, chooseExportPath: async () => nextPath, chooseFileToOpen: async () => null },
    }),
  );
  await dispatch('setAnnotatorName', { name: 'Ayesha' });
  await dispatch('getStartupState', {});
  const doc = library.documents.list()[0];
  await dispatch('createAnnotation', { documentId: doc.id, labelId: 'fact', start: 3, end: 23 });
  library.documents.add({ title: 'Second', source: 's', text: 'Another article entirely.', blocks: [{ kind: 'paragraph', start: 0, end: 25 }] });
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

describe('exportDocuments', () => {
  it('exports only the chosen documents', async () => {
    nextPath = path.join(tmp.dir, 'chosen.json');
    const second = library.documents.list().find((d) => d.title === 'Second')!;
    const r = (await dispatch('exportDocuments', { format: 'json', documentIds: [second.id] })) as Result<{ written: string[] }>;
    expect(r.ok).toBe(true);
    const json = JSON.parse(fs.readFileSync(nextPath, 'utf8')) as { documents: Array<{ title: string }> };
    expect(json.documents.map((d) => d.title)).toEqual(['Second']);
  });

  it('a cancelled PDF export writes nothing and leaves an earlier file untouched', async () => {
    nextPath = path.join(tmp.dir, 'report.pdf');
    fs.writeFileSync(nextPath, 'the previous report');
    const running = dispatch('exportDocuments', { format: 'pdf' });
    await new Promise((resolve) => setTimeout(resolve, 50)); // Chromium has started printing
    expect(await dispatch('cancelExport', {})).toEqual({ ok: true, value: { cancelled: true } });
    const r = await running;
    expect(r).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(fs.readFileSync(nextPath, 'utf8')).toBe('the previous report');
    expect(fs.readdirSync(tmp.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(await dispatch('cancelExport', {})).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('cancelling the save dialog writes nothing', async () => {
    nextPath = null;
    expect(await dispatch('exportDocuments', { format: 'csv' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(fs.readdirSync(tmp.dir).filter((f) => f.endsWith('.csv'))).toEqual([]);
  });
});
