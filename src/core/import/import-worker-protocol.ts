import type { Result } from '../../shared/result';
import type { ZipLimits } from './docx-zip';
import type { StructureLimits } from './import-limits';
import type { ParsedContent } from './imported-document';

/** One document for the parsing worker: what it is, its content and the limits it is read under. */
export type ImportWorkerJob =
  | { kind: 'docx'; bytes: Uint8Array; limits: ZipLimits }
  /** readerView: extract the story (files); off for pasted HTML, which is what the user chose. */
  | { kind: 'html'; html: string; readerView: boolean; limits: StructureLimits }
  | { kind: 'pdf'; bytes: Uint8Array; limits: StructureLimits };

export type ImportWorkerKind = ImportWorkerJob['kind'];

/** process.memoryUsage() inside the worker, in MiB. rssMb is the whole process's. */
export interface WorkerMemorySample {
  phase: string;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  rssMb: number;
}

export type ImportWorkerMessage =
  | { type: 'memory'; sample: WorkerMemorySample }
  | { type: 'done'; result: Result<ParsedContent> };
