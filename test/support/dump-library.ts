import type { Library } from '../../src/core/store/library';
import { dumpDatabase } from './db-helpers';

/** Every row of every table of an open library: compare before and after to prove nothing changed. */
export const dumpLibrary = (library: Library): Record<string, unknown[]> => dumpDatabase(library.db);
