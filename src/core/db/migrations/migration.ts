import type { Database } from 'better-sqlite3';

export interface Migration {
  /** The schema version this step produces; steps run in ascending order. */
  version: number;
  name: string;
  up(db: Database): void;
}
