// An arriving document whose text resembles one in the library: what an import refused for the
// reason 'similar-document' carries, for the analyst (or the CLI's user) to keep apart or map.

/** An arriving document whose text resembles one in the library without being the same text. */
export interface SimilarDocument {
  /** The document's reference in the file. */
  ref: string;
  title: string;
  /** The library's document it resembles. */
  documentId: string;
  documentTitle: string;
  /** Word-shingle similarity, 0…1. */
  similarity: number;
  /** Where the two texts differ: a few changed passages, ours then theirs, with a little context. */
  changes: Array<{ ours: string; theirs: string; before: string; after: string }>;
}
