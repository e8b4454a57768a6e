import type { Library } from '../store/library';
import { dumpDatabase } from '../reliability/test-helpers';

/** Every row of every table of an open library: compare before and after to prove nothing changed. */
export const dumpLibrary = (library: Library): Record<string, unknown[]> => dumpDatabase(library.db);
