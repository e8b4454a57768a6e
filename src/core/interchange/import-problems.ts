// Collects what is wrong with an import so the user sees the first problems all at once,
// and decides at the end between failing and returning the valid part (`partial`).
import type { ZodError } from 'zod';
import { fail, ok, type AppError, type Result } from '../../shared/result';
import { IMPORT_LIMITS } from './limits';
import type { ParsedImport, RejectedItem } from './types';

export class ImportProblems {
  readonly rejected: RejectedItem[] = [];
  readonly skipped: RejectedItem[] = [];

  reject(where: string, reason: string): void {
    this.rejected.push({ where, reason });
  }

  /** Valid but unsupported content; never fails the import. */
  skip(where: string, reason: string): void {
    this.skipped.push({ where, reason });
  }

  rejectZod(error: ZodError, base: string): void {
    for (const issue of error.issues) this.reject(joinPath(base, issue.path), issue.message);
  }

  /** The parsed import, or — unless `partial` — a failure listing the first problems. */
  finish(parsed: Omit<ParsedImport, 'rejected'>, partial: boolean | undefined): Result<ParsedImport> {
    if (this.rejected.length > 0 && !partial) return failWith(this.rejected);
    return ok({ ...parsed, rejected: [...this.rejected, ...this.skipped] });
  }
}

export function failWith(problems: readonly RejectedItem[]): { ok: false; error: AppError } {
  const n = problems.length;
  const details = problems.slice(0, IMPORT_LIMITS.maxReportedErrors).map((p) => `${p.where}: ${p.reason}`);
  if (n > IMPORT_LIMITS.maxReportedErrors) details.push(`… and ${n - IMPORT_LIMITS.maxReportedErrors} more`);
  return fail('invalid-input', `The file has ${n} problem${n === 1 ? '' : 's'}; nothing was imported.`, details);
}

export function joinPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(root)' : out;
}
