// Child process for crash.test.ts: writes annotations through the real store for ever,
// until the test kills it with SIGKILL. Before each write it prints `TRY <op> <key>`, and
// after the commit has returned `ACK <op> <key> [<id>]`. stdout is a pipe, which Node
// writes synchronously on POSIX, so an ACK the test reads was printed after the commit.
//
// Usage: node --import tsx crash-child.ts <library file> <data dir> <seed> [<resources dir>]
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createDispatch } from '../../src/core/api/dispatch';
import { createServices } from '../../src/core/api/services';
import { mergeImport } from '../../src/core/library-io/merge-import';
import { loadBundledSample } from '../../src/core/store/bundled-sample';
import { Library } from '../../src/core/store/library';
import type { Result } from '../../src/shared/result';
import type { Annotation, DocumentRecord } from '../../src/shared/types';
import type { StartupState } from '../../src/shared/contract';
import { BATCH_SIZE, distinctSpans, randomSpan } from './crash-spans';

export const CRASH_ANNOTATOR = 'Crash Tester';

const [file, dataDir, seedArg, resourcesArg] = process.argv.slice(2);
let seed = Number(seedArg) >>> 0 || 1;
const random = (): number => {
  seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
  return seed / 2 ** 32;
};
const pick = (n: number): number => Math.floor(random() * n);
const say = (line: string): void => void process.stdout.write(`${line}\n`);

function die(what: string): never {
  say(`ERR ${what.replace(/\s+/g, ' ')}`);
  process.exit(3);
}

async function main(): Promise<void> {
  const library = Library.open(file);
  const resources = resourcesArg ?? path.resolve(__dirname, '../../resources');
  const dispatch = createDispatch(createServices({ library, dataDir, loadSample: () => loadBundledSample(resources) }), (err) =>
    die(`internal: ${err instanceof Error ? err.message : String(err)}`),
  );
  const call = async <T,>(method: string, payload: unknown): Promise<T> => {
    const result = (await dispatch(method, payload)) as Result<T>;
    if (!result.ok) die(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };

  const state = await call<StartupState>('getStartupState', {});
  if (!state.annotator) await call('setAnnotatorName', { name: CRASH_ANNOTATOR });
  const doc = await call<DocumentRecord>('getDocument', { id: state.initialDocumentId });
  const mine = (await call<Annotation[]>('listAnnotations', { documentId: doc.id })).filter((a) => a.annotatorName === CRASH_ANNOTATOR);
  const live = mine.map((a) => a.id);
  say(`READY ${live.length}`);

  const span = () => randomSpan(doc.text, pick);

  for (let n = 0; ; n++) {
    const r = random();
    if (r < 0.45 || live.length === 0) {
      say(`TRY single -`);
      const a = await call<Annotation>('createAnnotation', { documentId: doc.id, labelId: ['fact', 'opinion', 'allegation'][pick(3)], ...span() });
      live.push(a.id);
      say(`ACK single - ${a.id}`);
    } else if (r < 0.75) {
      // A merge of several rows in one transaction: a new annotator and BATCH_SIZE annotations.
      const tag = randomUUID();
      say(`TRY batch ${tag}`);
      const report = mergeImport(library, {
        format: 'json',
        documents: [{ ref: 'doc', title: doc.title, source: doc.source, text: doc.text }],
        annotators: [{ id: tag, name: `batch ${tag}` }],
        labels: [],
        rejected: [],
        annotations: distinctSpans(doc.text, pick, BATCH_SIZE).map((s, i) => ({
          documentRef: 'doc',
          annotator: `batch ${tag}`,
          annotatorId: tag,
          label: 'opinion',
          ...s,
          quote: '',
          note: `batch:${tag}:${i}`,
          attribution: '',
          confidence: null,
        })),
      });
      if (report.annotationsAdded !== BATCH_SIZE) die(`batch added ${report.annotationsAdded}`);
      say(`ACK batch ${tag}`);
    } else if (r < 0.9) {
      const id = live[pick(live.length)];
      const note = `note-${n}-${pick(1e9)}`;
      say(`TRY update ${id} ${note}`);
      await call('updateAnnotation', { id, note });
      say(`ACK update ${id} ${note}`);
    } else {
      const id = live.splice(pick(live.length), 1)[0];
      say(`TRY delete ${id}`);
      await call('deleteAnnotation', { id });
      say(`ACK delete ${id}`);
    }
  }
}

main().catch((err) => die(err instanceof Error ? (err.stack ?? err.message) : String(err)));
