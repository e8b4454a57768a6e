import type { Database } from 'better-sqlite3';
import { openDatabase, type OpenOptions } from '../db/open-database';
import { AnnotationsRepo } from './annotations-repo';
import { AnnotatorsRepo } from './annotators-repo';
import { BlindModeRepo } from './blind-mode-repo';
import { DocumentsRepo } from './documents-repo';
import { LabelsRepo } from './labels-repo';
import { SettingsRepo } from './settings-repo';
import { StudiesRepo } from '../study/studies-repo';

/** One open library database and its repositories. */
export class Library {
  readonly documents: DocumentsRepo;
  readonly annotations: AnnotationsRepo;
  readonly annotators: AnnotatorsRepo;
  readonly labels: LabelsRepo;
  readonly settings: SettingsRepo;
  readonly studies: StudiesRepo;
  readonly blindMode: BlindModeRepo;

  constructor(readonly db: Database, readonly path: string) {
    this.documents = new DocumentsRepo(db);
    this.annotations = new AnnotationsRepo(db);
    this.annotators = new AnnotatorsRepo(db);
    this.labels = new LabelsRepo(db);
    this.settings = new SettingsRepo(db);
    this.studies = new StudiesRepo(db);
    this.blindMode = new BlindModeRepo(db, this.settings);
  }

  static open(file: string, options?: OpenOptions): Library {
    return new Library(openDatabase(file, options), file);
  }

  /** Runs `fn` in one transaction: all of it is saved, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
