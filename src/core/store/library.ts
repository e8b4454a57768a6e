import fs from 'node:fs';
import Database from 'better-sqlite3';
import { AppFailure } from '../../shared/result';
import { assertSchemaNotNewer, migrate } from '../db/migrate';
import { openDatabase, type OpenOptions } from '../db/open-database';
import { AnnotationsRepo } from './annotations-repo';
import { AnnotatorsRepo } from './annotators-repo';
import { BlindModeRepo } from './blind-mode-repo';
import { DocumentsRepo } from './documents-repo';
import { LabelsRepo } from './labels-repo';
import { RelationsRepo } from './relations-repo';
import { SettingsRepo } from './settings-repo';
import { StudiesRepo } from '../study/studies-repo';

/** One open library database and its repositories. */
export class Library {
  readonly documents: DocumentsRepo;
  readonly annotations: AnnotationsRepo;
  readonly annotators: AnnotatorsRepo;
  readonly labels: LabelsRepo;
  readonly relations: RelationsRepo;
  readonly settings: SettingsRepo;
  readonly studies: StudiesRepo;
  readonly blindMode: BlindModeRepo;

  constructor(readonly db: Database.Database, readonly path: string) {
    this.documents = new DocumentsRepo(db);
    this.annotations = new AnnotationsRepo(db);
    this.annotators = new AnnotatorsRepo(db);
    this.labels = new LabelsRepo(db);
    this.relations = new RelationsRepo(db);
    this.settings = new SettingsRepo(db);
    this.studies = new StudiesRepo(db);
    this.blindMode = new BlindModeRepo(db, this.settings);
  }

  static open(file: string, options?: OpenOptions): Library {
    return new Library(openDatabase(file, options), file);
  }

  /**
   * For reading when the disk is full: SQLite cannot create its working files beside the
   * library, so the file is read into memory and opened there, read-only. Refused when the
   * library has unsaved changes in a -wal (the copy would miss them).
   */
  static openSnapshotForReading(file: string, options?: OpenOptions): Library {
    const wal = fs.statSync(`${file}-wal`, { throwIfNoEntry: false });
    if (wal && wal.size > 0) {
      throw new AppFailure({ code: 'disk-full', message: 'The disk holding the library is full, and the library has recent changes in its -wal file that cannot be read without a little free room. Free some space and try again. Nothing was changed.' });
    }
    const bytes = fs.readFileSync(file);
    // An in-memory database cannot use a write-ahead log: mark the copy as a rollback-journal file.
    if (bytes.length >= 20) bytes[18] = bytes[19] = 1;
    const db = new Database(bytes, { nativeBinding: options?.nativeBinding });
    assertSchemaNotNewer(db);
    migrate(db); // only the in-memory copy: the file is not touched
    db.pragma('query_only = ON');
    return new Library(db, file);
  }

  /** Runs `fn` in one transaction: all of it is saved, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
