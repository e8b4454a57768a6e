// The manifest at the root of a claimtag brat export: which document each file holds and whose
// folder is whose, so an import puts the claims back on the right document and annotator.
import { z } from 'zod';
import type { BratManifest } from './brat';
import { idString, shortString } from './import-schema';
import { parseJsonSafely } from './safe-json';

/** Larger than any manifest claimtag writes for the most documents and annotators it exports. */
export const MAX_BRAT_MANIFEST_BYTES = 16 * 1024 * 1024;

const manifestShape = z.object({
  format: z.literal('claimtag-brat-manifest'),
  version: z.literal(1),
  documents: z.record(z.string(), z.object({ id: idString, title: shortString })),
  annotators: z.record(z.string(), z.object({ id: idString, name: idString })),
});

/** The manifest, or null when the text is not one (an import then falls back to file names). */
export function parseBratManifest(text: string): BratManifest | null {
  const json = parseJsonSafely(text.replace(/^\uFEFF/, ''));
  if (!json.ok) return null;
  const parsed = manifestShape.safeParse(json.value);
  return parsed.success ? parsed.data : null;
}

export interface BratFileIdentity {
  documentRef: string;
  documentTitle: string;
  annotator?: string;
  annotatorId?: string;
}

/** What the manifest says about `<folder>/<base>.ann`; file names alone when it says nothing. */
export function bratFileIdentity(manifest: BratManifest | null, folder: string, base: string): BratFileIdentity {
  const doc = manifest && Object.hasOwn(manifest.documents, base) ? manifest.documents[base] : undefined;
  const who = manifest && Object.hasOwn(manifest.annotators, folder) ? manifest.annotators[folder] : undefined;
  return {
    documentRef: doc?.id ?? base,
    documentTitle: doc?.title ?? base,
    ...(who ? { annotator: who.name, annotatorId: who.id } : {}),
  };
}
