import type { Migration } from './migration';
import { initialSchema } from './0001-initial-schema';
import { documentSearch } from './0002-document-search';
import { tagSetGuidelinesAndDone } from './0003-tag-set-guidelines-and-done';
import { blindDocuments } from './0004-blind-documents';
import { librarySummaries } from './0005-library-summaries';
import { studiesAndAdjudications } from './0006-studies-and-adjudications';
import { teamOutbox } from './0008-team-outbox';
import { teamDecisions } from './0009-team-decisions';
import { claimStructure } from './0010-claim-structure';
import { documentFingerprints } from './0011-document-fingerprints';

/** Every released schema step, oldest first. Append only: never edit a released step. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, documentSearch, tagSetGuidelinesAndDone, blindDocuments, librarySummaries, studiesAndAdjudications, teamOutbox, teamDecisions, claimStructure, documentFingerprints];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
