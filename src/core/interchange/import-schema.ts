// zod building blocks shared by the JSON-based importers.
import { z } from 'zod';
import { IMPORT_LIMITS, exceedsBytes, formatBytes } from './limits';

const bytesAtMost = (max: number) => (s: string) => !exceedsBytes(s, max);

export const shortString = z
  .string()
  .refine(bytesAtMost(IMPORT_LIMITS.maxShortStringBytes), { message: `must be at most ${formatBytes(IMPORT_LIMITS.maxShortStringBytes)}` });

export const idString = shortString.refine((s) => s.trim() !== '', { message: 'must not be empty' });

export const noteString = z
  .string()
  .refine(bytesAtMost(IMPORT_LIMITS.maxNoteBytes), { message: `must be at most ${formatBytes(IMPORT_LIMITS.maxNoteBytes)}` });

/** Document text; its size and validity are checked separately with a clearer message. */
export const documentText = z.string();

export const offset = z.int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' });

export const isoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00Z' });

export const confidence = z.enum(['low', 'medium', 'high'], { error: 'must be "low", "medium", "high" or null' }).nullable();

export const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lowercase hex digits' });

export const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour like #1a2b3c' });

export const arrayOfAtMost = (max: number, what: string) =>
  z.array(z.unknown()).max(max, { error: `has more than ${max.toLocaleString('en-US')} ${what}` });
