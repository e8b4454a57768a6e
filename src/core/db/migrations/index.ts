import type { Migration } from './migration';
import { initialSchema } from './0001-initial-schema';
import { documentSearch } from './0002-document-search';
import { tagSetGuidelinesAndDone } from './0003-tag-set-guidelines-and-done';
import { librarySummaries } from './0005-library-summaries';

/** Every released schema step, oldest first. Append only: never edit a released step. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, documentSearch, tagSetGuidelinesAndDone, librarySummaries];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
