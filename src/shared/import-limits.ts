// How much claimtag imports at once: one home for the size cap that the core enforces on
// files, dropped files and pasted content, that the contract caps dropped files' base64 at,
// and that the renderer checks before it reads a dropped file. Pure: every process imports it.

/** The largest file (or pasted content) one import reads. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The longest base64 text that can carry MAX_IMPORT_BYTES (a dropped file crossing IPC). */
export const MAX_IMPORT_BASE64_CHARS = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;

/** "“x.txt” is larger than 20 MB, …" for a file name or a phrase such as "The pasted content". */
export const tooLargeToImport = (what: string, maxBytes = MAX_IMPORT_BYTES): string =>
  `${what} is larger than ${Math.round(maxBytes / (1024 * 1024))} MB, the most claimtag imports at once.`;
