// The one contract between the renderer and the main process. Every call the renderer
// may make is listed here once: its input schema and its output type. Main's handler
// table, the preload's object and the e2e test bridge are all derived from it.

import { z } from 'zod';
import { LABEL_ID_MAX_LENGTH, LABEL_ID_PATTERN } from './label-id';
import type { Annotation, Annotator, DocumentPage, DocumentRecord, DocumentSummary, Label, SearchHit } from './types';
import { DOCUMENT_PAGE_MAX, DOCUMENT_SORTS } from './types';
import type { CompareResult } from './compare';
import type { StudyProgress, StudyReport, StudySummary } from './study';
import { MAX_ANALYST_NAME, MAX_STUDY_ANALYSTS, MAX_STUDY_NAME } from './study-form';
import type { ErrorCode, Result } from './result';
import type { BlindState, DocumentLayers } from './layers';
import type { TeamStatus } from './team';
import type { API_METHODS, MenuCommand } from './api-methods';
import type { JobEvent } from './jobs';
import { ATTRIBUTE_LIMITS, ATTRIBUTE_TYPES, LABEL_ROLES, type Relation } from './claim-structure';

const id = z.string().min(1).max(100);
const offset = z.number().int().min(0).max(50_000_000);
const empty = z.object({}).strict();

export interface StartupState {
  dataDir: string;
  databasePath: string;
  annotator: Annotator | null;
  /** The document to show first: the last one opened, or the bundled sample. */
  initialDocumentId: string | null;
}

/** Something background work found that the analyst must know (e.g. a backup that failed verification). */
export interface LibraryNotice {
  code: ErrorCode;
  message: string;
  /** ISO time it was found. */
  at: string;
}

export interface RecoveryOptions {
  databasePath: string;
  /** Why the library could not be opened, or null when it is fine. */
  problem: string | null;
  backups: Array<{ name: string; createdAt: string; sizeBytes: number }>;
}

/**
 * What importing one file or clipboard content added. An import that fails answers with the
 * Result's AppError instead: its typed reason says whether the analyst can answer and import the
 * file again (./import-questions), and carries what she is asked about.
 */
export type Imported =
  | { kind: 'article'; documentId: string; title: string; existed: boolean; warnings: string[] }
  | { kind: 'annotations'; documentIds: string[]; added: number; unchanged: number; labelsAdded: string[]; notes: string[] };

export type { SimilarDocument } from './similar-document';

import { DESK_LIMITS, EXPORT_FORMAT_IDS, type Desk } from './export-formats';
import { MAX_IMPORT_BASE64_CHARS } from './import-limits';
export { EXPORT_FORMAT_IDS, type ExportFormatChoice } from './export-formats';

/** Pairs an input schema with the output type it promises (a phantom, never read at run time). */
const returns =
  <O>() =>
  <I extends z.ZodType>(input: I): { input: I; output?: O } => ({ input });

const confidence = z.enum(['low', 'medium', 'high']);

/** How to file arriving annotators whose names clash with ours: renamed, or the same person. */
const arriving = z
  .object({
    rename: z.array(z.object({ from: z.string().min(1).max(200), to: z.string().trim().min(1).max(80) }).strict()).max(100).optional(),
    samePerson: z.boolean().optional(),
    /** The analyst agrees that rows filed under her own identity join her layer. */
    intoMine: z.boolean().optional(),
    /** Arriving documents similar to ours: add them as separate documents (the default once asked), or map some onto ours. */
    similar: z.literal('separate').optional(),
    mapOnto: z.array(z.object({ ref: z.string().min(1).max(1_000), documentId: id }).strict()).max(1_000).optional(),
  })
  .strict();

/** What linkClaim returns: the link, and the source or cue span it points to (made by the call when `target` was given). */
export interface LinkedClaim {
  relation: Relation;
  target: Annotation;
}

// Claims with structure (#20): shapes checked at the boundary; the rules themselves (unique keys,
// option counts, https: links, real dates) are in ./attribute-rules and run in the core.
const attributeKey = z.string().min(1).max(ATTRIBUTE_LIMITS.keyLength);
const attributeDefinition = z
  .object({
    key: attributeKey,
    name: z.string().max(ATTRIBUTE_LIMITS.nameLength * 2),
    type: z.enum(ATTRIBUTE_TYPES),
    options: z.array(z.object({ key: attributeKey, name: z.string().max(ATTRIBUTE_LIMITS.nameLength * 2) }).strict()).max(ATTRIBUTE_LIMITS.optionsPerAttribute * 2),
  })
  .strict();
const attributeValues = z.record(
  attributeKey,
  z.union([z.string().max(ATTRIBUTE_LIMITS.urlLength * 2), z.array(z.string().max(ATTRIBUTE_LIMITS.urlLength * 2)).max(ATTRIBUTE_LIMITS.linksPerValue * 2)]),
);

export const contract = {
  getStartupState: returns<StartupState>()(empty),
  setAnnotatorName: returns<Annotator>()(z.object({ name: z.string().trim().min(1).max(80) }).strict()),
  listDocuments: returns<DocumentSummary[]>()(empty),
  /** One page of the library list, sorted and filtered in SQL (issue #14). */
  listDocumentPage: returns<DocumentPage>()(
    z
      .object({
        offset: z.number().int().min(0).max(10_000_000),
        limit: z.number().int().min(1).max(DOCUMENT_PAGE_MAX),
        sort: z.enum(DOCUMENT_SORTS),
        direction: z.enum(['asc', 'desc']),
        titleFilter: z.string().max(300),
      })
      .strict(),
  ),
  getDocument: returns<DocumentRecord>()(z.object({ id }).strict()),
  rememberOpenDocument: returns<null>()(z.object({ id }).strict()),
  listLabels: returns<Label[]>()(empty),
  listAnnotators: returns<Annotator[]>()(empty),
  saveLabel: returns<Label[]>()(
    z
      .object({
        /** An existing label's id to change it, or a new slug to add one. */
        id: z.string().trim().min(1).max(LABEL_ID_MAX_LENGTH).regex(LABEL_ID_PATTERN, 'Use lower-case letters, digits and dashes.'),
        name: z.string().trim().min(1).max(60),
        color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #2f7d4f.'),
        shortcut: z.string().regex(/^[1-9]?$/, 'Use one digit from 1 to 9, or none.'),
        definition: z.string().max(4_000),
        examples: z.object({ positive: z.array(z.string().max(2_000)).max(50), negative: z.array(z.string().max(2_000)).max(50) }).strict().optional(),
        /** What the label marks (#20); left out: a new label marks claims, an existing one keeps its role. */
        role: z.enum(LABEL_ROLES).optional(),
        /** The label's attributes (#20), the whole list; left out: an existing label keeps its own. */
        attributes: z.array(attributeDefinition).max(ATTRIBUTE_LIMITS.attributesPerLabel * 2).optional(),
      })
      .strict(),
  ),
  archiveLabel: returns<Label[]>()(z.object({ id, archived: z.boolean() }).strict()),
  mergeLabel: returns<{ labels: Label[]; moved: number }>()(z.object({ from: id, into: id }).strict()),
  deleteLabel: returns<Label[]>()(z.object({ id }).strict()),
  exportTagSet: returns<{ written: string } | { cancelled: true }>()(empty),
  importTagSet: returns<{ labels: Label[]; added: string[]; updated: string[] } | { cancelled: true }>()(empty),
  setDocumentDone: returns<DocumentSummary>()(z.object({ documentId: id, done: z.boolean() }).strict()),
  /** In reading order; `limit` returns only the first ones (a document's first screen, before the rest). */
  listAnnotations: returns<Annotation[]>()(z.object({ documentId: id, limit: z.number().int().min(1).max(1_000_000).optional() }).strict()),
  createAnnotation: returns<Annotation>()(
    z.object({ documentId: id, labelId: id, start: offset, end: offset }).strict(),
  ),
  updateAnnotation: returns<Annotation>()(
    z
      .object({
        id,
        labelId: id.optional(),
        note: z.string().max(200_000).optional(),
        attribution: z.string().max(2_000).optional(),
        confidence: confidence.nullable().optional(),
      })
      .strict(),
  ),
  deleteAnnotation: returns<Annotation>()(z.object({ id }).strict()),
  renameDocument: returns<DocumentRecord>()(z.object({ id, title: z.string().trim().min(1).max(300) }).strict()),
  /** `includingOthers` confirms that other analysts' annotations in it go too. */
  deleteDocument: returns<{ annotationsDeleted: number }>()(z.object({ id, includingOthers: z.boolean().optional() }).strict()),
  searchDocuments: returns<SearchHit[]>()(z.object({ query: z.string().max(500) }).strict()),
  chooseImportFiles: returns<{ files: Array<{ token: string; name: string }> }>()(empty),
  importChosenFile: returns<Imported>()(z.object({ token: id, replaceInvalid: z.boolean().optional(), arriving: arriving.optional() }).strict()),
  importFileData: returns<Imported>()(
    z
      .object({
        name: z.string().min(1).max(255),
        // base64 of at most MAX_IMPORT_BYTES; the core re-checks the decoded size.
        dataBase64: z.string().max(MAX_IMPORT_BASE64_CHARS),
        replaceInvalid: z.boolean().optional(),
        arriving: arriving.optional(),
      })
      .strict(),
  ),
  importClipboard: returns<Imported>()(
    z.object({ text: z.string().max(20_000_000).optional(), html: z.string().max(20_000_000).optional() }).strict(),
  ),
  compareDocument: returns<CompareResult>()(
    z.object({ documentId: id, annotatorIds: z.array(id).min(2).max(1_000).optional() }).strict(),
  ),
  /** Settles one difference in the reference version: copy an annotator's span, or write a new one. */
  adjudicate: returns<CompareResult>()(
    z
      .object({
        documentId: id,
        differenceId: z.string().min(1).max(200),
        decision: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('accept'), annotationId: id }).strict(),
          z.object({ kind: z.literal('reject') }).strict(),
          z.object({ kind: z.literal('new'), labelId: id, start: offset, end: offset }).strict(),
        ]),
        reason: z.string().max(2_000).optional(),
        annotatorIds: z.array(id).min(2).max(1_000).optional(),
      })
      .strict(),
  ),
  /** Copies into the reference every span on which at least `minAgreeing` annotators agree exactly. */
  autoMerge: returns<{ result: CompareResult; merged: number }>()(
    z.object({ documentId: id, minAgreeing: z.number().int().min(1).max(1_000), annotatorIds: z.array(id).min(2).max(1_000).optional() }).strict(),
  ),
  // studies (issue 19)
  /** The library's annotation studies, by name. */
  listStudies: returns<StudySummary[]>()(empty),
  /** Everything the study dashboard shows: progress, corpus agreement with intervals, quality, drift, confusion. */
  getStudyReport: returns<StudyReport>()(
    z.object({ name: z.string().min(1).max(120), resamples: z.number().int().min(50).max(10_000).optional() }).strict(),
  ),
  /** The current analyst's next document in the study (assigned, not marked done), or null. */
  nextStudyDocument: returns<{ documentId: string; title: string } | null>()(z.object({ name: z.string().min(1).max(120) }).strict()),
  /** The first document of the study (in study order) with a difference not yet settled, or null. */
  nextUnsettledInStudy: returns<{ documentId: string; differenceId: string } | null>()(z.object({ name: z.string().min(1).max(120) }).strict()),
  // studies from the app (issue 19, study2): create, assign, export the diagnosis table
  /** Creates a study of the chosen documents and analysts, recording the tag set in force; assigns at once when `doubleShare` is given. */
  createStudy: returns<StudySummary>()(
    z
      .object({
        name: z.string().trim().min(1).max(MAX_STUDY_NAME),
        documentIds: z.array(id).min(1).max(100_000),
        analysts: z.array(z.string().trim().min(1).max(MAX_ANALYST_NAME)).min(1).max(MAX_STUDY_ANALYSTS),
        guidelineVersion: z.string().trim().max(60).optional(),
        doubleShare: z.number().min(0).max(1).optional(),
      })
      .strict(),
  ),
  /** (Re)assigns the study's documents: each to one analyst, `doubleShare` of them to a second. */
  assignStudy: returns<StudyProgress[]>()(z.object({ name: z.string().min(1).max(MAX_STUDY_NAME), doubleShare: z.number().min(0).max(1) }).strict()),
  /** Writes the study's diagnosis table (INCEpTION-style) as CSV where the analyst chooses. */
  exportStudyDiagnosis: returns<{ written: string; rows: number } | { cancelled: true }>()(z.object({ name: z.string().min(1).max(MAX_STUDY_NAME) }).strict()),
  /** What can be done about a library that failed its check at start. */
  getRecoveryOptions: returns<RecoveryOptions>()(empty),
  /** Moves the damaged library aside (never deletes it), then restores a backup by name, or starts an empty library when `restore` is null. */
  recoverLibrary: returns<{ movedAside: string[]; restoredFrom: string | null }>()(
    z.object({ restore: z.string().regex(/^claimtag-[0-9TZ-]+(?:-\d+)?\.sqlite$/, 'Not a backup name.').nullable() }).strict(),
  ),
  /** Stops the export that is running, before it writes anything more. */
  cancelExport: returns<{ cancelled: boolean }>()(empty),
  exportDocuments: returns<{ written: string[] } | { cancelled: true }>()(
    z
      .object({
        format: z.enum(EXPORT_FORMAT_IDS),
        documentIds: z.array(id).min(1).max(10_000).optional(),
        annotatorIds: z.array(id).max(1_000).optional(),
      })
      .strict(),
  ),
  restoreAnnotation: returns<Annotation>()(z.object({ id }).strict()),
  // Ownership and layers (issue 12)
  /** Copies a colleague's or the reference's annotation into the current analyst's layer (or returns her same one). */
  copyAnnotationToMine: returns<Annotation>()(z.object({ id }).strict()),
  /** Whose layers are in a document and whether blind mode withholds them. */
  documentLayers: returns<DocumentLayers>()(z.object({ documentId: id }).strict()),
  getBlindMode: returns<BlindState>()(empty),
  /** Blind mode for one document, or for the whole library when `documentId` is left out. */
  setBlindMode: returns<BlindState>()(z.object({ documentId: id.optional(), on: z.boolean() }).strict()),
  // Team mode (issue 21): a study shared through a PostgreSQL server.
  getTeamStatus: returns<TeamStatus>()(empty),
  /** Joins a study; the password goes to the system keychain only when `remember` is set. */
  joinTeam: returns<TeamStatus>()(
    z
      .object({
        url: z.string().trim().min(1).max(500),
        study: z.string().trim().min(1).max(200),
        password: z.string().min(1).max(1_000).optional(),
        remember: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Starts a sync in the background; poll getTeamStatus for its progress. */
  syncTeam: returns<TeamStatus>()(empty),
  // harden (#15): what background checks found, told to the analyst in the app, not the console.
  /** Notices from background work since the last call (backup verification, library integrity); each is returned once. */
  takeLibraryNotices: returns<LibraryNotice[]>()(empty),
  // Claims with structure (#20, rel-core): links from a claim to its source and cue spans, attribute values.
  /**
   * Links the analyst's claim to her source or cue span: an existing one (`targetId`), or one this
   * call marks (`target`, reusing her identical span when there is one). The kind is the role of the
   * span's label. Linking again returns the same link.
   */
  linkClaim: returns<LinkedClaim>()(
    z.union([
      z.object({ claimId: id, targetId: id }).strict(),
      z.object({ claimId: id, target: z.object({ labelId: id, start: offset, end: offset }).strict() }).strict(),
    ]),
  ),
  /** Removes one of the analyst's links (soft-deleted; linkClaim makes it again). */
  unlinkClaim: returns<Relation>()(z.object({ id }).strict()),
  /** The document's live links whose two ends are live, everyone's (only hers while blind). */
  listRelations: returns<Relation[]>()(z.object({ documentId: id }).strict()),
  /** Sets all of an annotation's attribute values at once (absent or empty = no value); returns the annotation. */
  setAnnotationAttributes: returns<Annotation>()(z.object({ id, values: attributeValues }).strict()),
  // The desk ClaimReview exports name as their author (#20, rel-io).
  getClaimReviewDesk: returns<Desk | null>()(empty),
  /** Saves the desk with the library; null forgets it. The address must be http(s). */
  setClaimReviewDesk: returns<Desk | null>()(
    z
      .object({
        desk: z
          .object({
            name: z.string().trim().min(1).max(DESK_LIMITS.nameLength),
            url: z.url({ protocol: /^https?$/, error: 'The desk address must start with https:// or http://.' }).max(DESK_LIMITS.urlLength).optional(),
          })
          .strict()
          .nullable(),
      })
      .strict(),
  ),
  // scale (#14): long jobs stream JobEvents (src/shared/jobs.ts) on JOB_CHANNEL and stop on request.
  /** Stops the long job with this id (from its events); what it had not finished is not kept. */
  cancelJob: returns<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(100) }).strict()),
};

export type ApiMethod = keyof typeof contract;
export type ApiInput<M extends ApiMethod> = z.input<(typeof contract)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = Exclude<(typeof contract)[M]['output'], undefined>;

/** What the renderer sees as `window.claimtag`: named async functions, nothing else. */
export type ClaimtagApi = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<Result<ApiOutput<M>>> };

/** Everything the preload exposes as `window.claimtag`: the calls plus one menu subscription. */
export type ClaimtagBridge = ClaimtagApi & {
  /** Runs `listener` for each application-menu command; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Runs `listener` for each long-job event (progress, end, a change waiting); returns the unsubscribe function. */
  onJobEvent(listener: (event: JobEvent) => void): () => void;
};

/** The implementation side: services take validated input and return (or throw AppFailure). */
export type ApiServices = { [M in ApiMethod]: (input: z.output<(typeof contract)[M]['input']>) => ApiOutput<M> | Promise<ApiOutput<M>> };

// Compile-time proof that API_METHODS names every contract method and nothing else.
type Listed = (typeof API_METHODS)[number];
const everyMethodListed: [Exclude<ApiMethod, Listed>, Exclude<Listed, ApiMethod>] extends [never, never] ? true : false = true;
void everyMethodListed;
