// Worker entry: parses one untrusted document (Word, HTML, PDF) and posts the result. Runs
// under resourceLimits and a wall-clock timeout set by run-import-worker.ts, so a hostile
// file can only kill this thread.
import { parentPort, workerData } from 'node:worker_threads';
import { AppFailure, fail, ok } from '../../shared/result';
import { parseDocx } from './docx-parse';
import { parseHtmlArticle } from './html-article';
import { parseHtml } from './import-html';
import type { ImportWorkerJob, ImportWorkerMessage, WorkerMemorySample } from './import-worker-protocol';
import type { ParsedContent } from './imported-document';
import { parsePdf } from './pdf-parse';

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

function post(message: ImportWorkerMessage): void {
  parentPort?.postMessage(message);
}

const progress = (phase: string): void => post({ type: 'memory', sample: sample(phase) });

async function parse(job: ImportWorkerJob): Promise<ParsedContent> {
  switch (job.kind) {
    case 'docx':
      return parseDocx(job.bytes, job.limits, progress, undefined);
    case 'html':
      return job.readerView ? parseHtmlArticle(job.html, job.limits) : parseHtml(job.html, job.limits);
    case 'pdf':
      return await parsePdf(job.bytes, job.limits, progress);
  }
}

const job = workerData as ImportWorkerJob;
progress('start');
parse(job).then(
  (content) => {
    progress('parsed');
    post({ type: 'done', result: ok(content) });
  },
  (error: unknown) => {
    progress('failed');
    if (error instanceof AppFailure) post({ type: 'done', result: { ok: false, error: error.error } });
    else if (error instanceof RangeError) post({ type: 'done', result: fail('invalid-input', 'This document is structured too deeply or too oddly to import.', [error.message]) });
    else post({ type: 'done', result: fail('internal', 'The document could not be read.', [String(error)]) });
  },
);
