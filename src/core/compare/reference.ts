// The reference ("adjudicated") version: an annotator named "reference", one per library,
// stored like any other annotator so it exports and compares. Decisions are logged per
// document in the settings table (key "adjudication:<documentId>", a JSON array) until a
// proper adjudications table exists; the reference annotation's note also records them.

import type { AdjudicationDecision } from '../../shared/compare';
import type { Annotator } from '../../shared/types';
import type { Library } from '../store/library';
import { REFERENCE_ANNOTATOR_KEY } from '../store/setting-keys';

export const REFERENCE_NAME = 'reference';
const REFERENCE_SETTING = REFERENCE_ANNOTATOR_KEY;
/** Oldest entries are dropped beyond this, so one document's log stays small. */
const MAX_LOG = 5_000;

const logKey = (documentId: string): string => `adjudication:${documentId}`;

export function findReferenceAnnotator(library: Library): Annotator | null {
  const id = library.settings.get(REFERENCE_SETTING);
  const known = id ? library.annotators.find(id) : null;
  if (known) return known;
  return library.annotators.findByName(REFERENCE_NAME)[0] ?? null;
}

/** Call inside a transaction. */
export function ensureReferenceAnnotator(library: Library): Annotator {
  const found = findReferenceAnnotator(library);
  const reference = found ?? library.annotators.add(REFERENCE_NAME);
  if (library.settings.get(REFERENCE_SETTING) !== reference.id) library.settings.set(REFERENCE_SETTING, reference.id);
  return reference;
}

export function readDecisions(library: Library, documentId: string): AdjudicationDecision[] {
  const raw = library.settings.get(logKey(documentId));
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) ? parsed.filter(isDecision) : [];
  } catch {
    return [];
  }
}

/** Call inside a transaction. */
export function appendDecisions(library: Library, documentId: string, added: AdjudicationDecision[]): void {
  if (added.length === 0) return;
  const log = [...readDecisions(library, documentId), ...added].slice(-MAX_LOG);
  library.settings.set(logKey(documentId), JSON.stringify(log));
}

/** The line written into a reference annotation's note. */
export function decisionLine(by: string, reason: string | undefined): string {
  const why = reason?.trim().replace(/\s+/g, ' ');
  return why ? `Adjudicated by ${by}: ${why}` : `Adjudicated by ${by}`;
}

function isDecision(x: unknown): x is AdjudicationDecision {
  const d = x as Partial<AdjudicationDecision> | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.kind === 'string' &&
    typeof d.start === 'number' &&
    typeof d.end === 'number' &&
    typeof d.by === 'string' &&
    typeof d.reason === 'string' &&
    typeof d.at === 'string'
  );
}
