// Worker entry: parses one .docx and posts the result. Runs under resourceLimits and a
// wall-clock timeout set by import-docx.ts, so a hostile file can only kill this thread.
import { parentPort, workerData } from 'node:worker_threads';
import { AppFailure, fail, ok } from '../../shared/result';
import { parseDocx } from './docx-parse';
import type { DocxWorkerInput, DocxWorkerMessage, WorkerMemorySample } from './docx-worker-protocol';

const MB = 1024 * 1024;

function sample(phase: string): WorkerMemorySample {
  const usage = process.memoryUsage();
  return {
    phase,
    heapUsedMb: usage.heapUsed / MB,
    heapTotalMb: usage.heapTotal / MB,
    externalMb: usage.external / MB,
    arrayBuffersMb: usage.arrayBuffers / MB,
    rssMb: usage.rss / MB,
  };
}

function post(message: DocxWorkerMessage): void {
  parentPort?.postMessage(message);
}

const input = workerData as DocxWorkerInput;
post({ type: 'memory', sample: sample('start') });
try {
  const content = parseDocx(input.bytes, input.limits, (phase) => post({ type: 'memory', sample: sample(phase) }));
  post({ type: 'memory', sample: sample('parsed') });
  post({ type: 'done', result: ok(content) });
} catch (error) {
  post({ type: 'memory', sample: sample('failed') });
  if (error instanceof AppFailure) post({ type: 'done', result: { ok: false, error: error.error } });
  else post({ type: 'done', result: fail('internal', 'The Word document could not be read.', [String(error)]) });
}
