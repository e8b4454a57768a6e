// Export formats the app offers; kept apart from the contract so the renderer can use the
// list without bundling the schema library.
export const EXPORT_FORMAT_IDS = ['html', 'pdf', 'md', 'json', 'w3c', 'brat', 'doccano', 'labelstudio', 'csv', 'claimreview'] as const;
export type ExportFormatChoice = (typeof EXPORT_FORMAT_IDS)[number];

/** The fact-checking desk named as the author of ClaimReview exports (schema.org `author`). */
export interface Desk {
  name: string;
  /** The desk's home page, http(s). */
  url?: string;
}
export const DESK_LIMITS = { nameLength: 200, urlLength: 2_000 } as const;
