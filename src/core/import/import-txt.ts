import type { ParsedContent } from './imported-document';
import { plainTextToBlocks } from './normalize-text';

/** Plain text: one paragraph per non-empty line; no title of its own. */
export function parseText(text: string): ParsedContent {
  return { blocks: plainTextToBlocks(text), warnings: [] };
}
