// One catalogue of export formats (src/shared/export-formats.ts): the CLI's help and its
// --format check, the contract, the core's exporters and the services' save dialog all list
// exactly the catalogue's formats. (The Export dialog's list: e2e/renderer/export.spec.ts.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../core/api/dispatch';
import { createServices } from '../core/api/services';
import { exportFormats } from '../core/interchange';
import { loadBundledSample } from '../core/store/bundled-sample';
import { Library } from '../core/store/library';
import { contract } from '../shared/contract';
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS } from '../shared/export-formats';
import { cli, REPO, SAMPLE } from '../../test/cli/harness';
import { makeTempDir } from '../../test/support/temp-library';

describe('the export-format catalogue is the one list', () => {
  it('the CLI help lists every format, in order, with its name', async () => {
    const { code, out } = await cli(['export', '--help']);
    expect(code).toBe(0);
    const listed = out.slice(out.indexOf('Formats:'), out.indexOf('Options:')).split('\n').map((l) => /^ {2}(\S+) +(.*)$/.exec(l)).filter((m) => m !== null);
    expect(listed.map((m) => m[1])).toEqual(EXPORT_FORMAT_IDS);
    for (const m of listed) expect(m[2].startsWith(`${EXPORT_FORMATS[m[1] as keyof typeof EXPORT_FORMATS].name}.`)).toBe(true);
    const top = await cli(['--help']);
    const exportLine = top.out.split('\n').find((l) => l.trimStart().startsWith('export '))!;
    for (const id of EXPORT_FORMAT_IDS) expect(exportLine).toMatch(new RegExp(`\\b${id}\\b`));
  });

  it('the CLI accepts every catalogue format and refuses others, naming the catalogue', async () => {
    const tmp = makeTempDir();
    try {
      const db = path.join(tmp.dir, 'lib.sqlite');
      expect((await cli(['import', '--db', db, SAMPLE])).code).toBe(0);
      const bad = await cli(['export', '--db', db, '--format', 'docx', '--out', path.join(tmp.dir, 'x.docx')]);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain(EXPORT_FORMAT_IDS.join(', '));
      for (const id of EXPORT_FORMAT_IDS.filter((f) => f !== 'pdf')) {
        const f = EXPORT_FORMATS[id];
        const out = path.join(tmp.dir, f.output === 'folder' ? id : `out-${id}${f.extension}`);
        const r = await cli(['export', '--db', db, '--format', id, '--out', out]);
        expect(r.code, `${id}: ${r.err}`).toBe(0);
        expect(f.output === 'folder' ? fs.statSync(out).isDirectory() : fs.statSync(out).isFile()).toBe(true);
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('the contract, the core exporters and the save dialog take their formats from it', async () => {
    expect(contract.exportDocuments.input.shape.format.options).toEqual(EXPORT_FORMAT_IDS);
    expect(Object.keys(exportFormats)).toEqual(EXPORT_FORMAT_IDS.filter((id) => id !== 'pdf'));
    for (const [id, format] of Object.entries(exportFormats)) expect(format).toMatchObject(EXPORT_FORMATS[id as keyof typeof EXPORT_FORMATS]);

    const tmp = makeTempDir();
    const library = Library.open(path.join(tmp.dir, 'lib.sqlite'));
    try {
      const asked: Array<[string, string]> = [];
      const dispatch = createDispatch(createServices({
        library,
        dataDir: tmp.dir,
        loadSample: () => loadBundledSample(path.join(REPO, 'resources')),
        ports: { chooseFilesToImport: async () => null, chooseFileToOpen: async () => null, chooseExportPath: async (name, extension) => (asked.push([name, extension]), null) },
      }));
      await dispatch('setAnnotatorName', { name: 'Ayesha' });
      await dispatch('getStartupState', {});
      for (const format of EXPORT_FORMAT_IDS) expect(await dispatch('exportDocuments', { format })).toEqual({ ok: true, value: { cancelled: true } });
      expect(asked.map(([, extension]) => extension)).toEqual(EXPORT_FORMAT_IDS.map((id) => (EXPORT_FORMATS[id].output === 'folder' ? '' : EXPORT_FORMATS[id].extension)));
      expect(asked.every(([name, extension]) => name.endsWith(extension))).toBe(true);
    } finally {
      library.close();
      tmp.cleanup();
    }
  });
});
