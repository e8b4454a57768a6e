import type { Result } from '../../shared/result';
import type { ZipLimits } from './docx-zip';
import type { ParsedContent } from './imported-document';

export interface DocxWorkerInput {
  bytes: Uint8Array;
  limits: ZipLimits;
}

/** process.memoryUsage() inside the worker, in MiB. rssMb is the whole process's. */
export interface WorkerMemorySample {
  phase: string;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  rssMb: number;
}

export type DocxWorkerMessage =
  | { type: 'memory'; sample: WorkerMemorySample }
  | { type: 'done'; result: Result<ParsedContent> };
