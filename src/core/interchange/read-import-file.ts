import { fail, type Result } from '../../shared/result';
import { IMPORT_LIMITS, exceedsBytes, formatBytes } from './limits';
import { parseJsonSafely } from './safe-json';

/** Why a file is too large to read, or null. Checked before any parsing. */
export function fileSizeFailure(fileText: string): Result<never> | null {
  if (!exceedsBytes(fileText, IMPORT_LIMITS.maxFileBytes)) return null;
  return fail('too-large', `The file is larger than ${formatBytes(IMPORT_LIMITS.maxFileBytes)}, the most claimtag imports at once.`);
}

export function readJsonImport(fileText: string): Result<unknown> {
  return fileSizeFailure(fileText) ?? parseJsonSafely(fileText.replace(/^\uFEFF/, ''));
}
