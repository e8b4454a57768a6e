import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import type { createDispatch } from '../../src/core/api/dispatch';
import { LibrarySession } from '../../src/core/api/library-session';
import { databasePathIn } from '../../src/core/data-dir';
import { loadBundledSample } from '../../src/core/store/bundled-sample';
import type { Library } from '../../src/core/store/library';
import { makeTempDir } from '../../test/support/temp-library';
import { API_METHODS } from '../../src/shared/api-methods';
import type { JobEvent } from '../../src/shared/jobs';
import { startLibraryWorker, type LibraryWorker } from '../../src/core/worker/library-worker-client';
import { serveRenderer } from './static-server';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'out/renderer');

/**
 * The real renderer in Chromium with the real services behind it. In the app the
 * preload's functions cross IPC to main's handler table; here the same function names
 * cross a Playwright binding to the same dispatch (same validation, same SQLite).
 */
export class AppHarness {
  /** What the next native dialogs will answer (null = the user cancels). */
  nextImportFiles: string[] | null = null;
  nextExportPath: string | null = null;
  /** What the next "open a file" dialog answers, e.g. a tag set to import (null = cancelled). */
  nextOpenFile: string | null = null;
  readonly dataDir: string;
  private readonly cleanupDir: () => void;

  constructor(
    readonly page: Page,
    readonly origin: string,
  ) {
    const tmp = makeTempDir('claimtag-e2e-');
    this.dataDir = tmp.dir;
    this.cleanupDir = tmp.cleanup;
  }

  get databasePath(): string {
    return databasePathIn(this.dataDir);
  }

  /**
   * Run the library in its worker threads exactly as main does (startLibraryWorker), instead of
   * in this process: long jobs then leave the page's calls answered, and can be cancelled
   * mid-way. `library` is null in this mode (the test reads the file itself).
   */
  useWorker = false;
  private worker: LibraryWorker | null = null;
  /** Every long-job event the library sent the page, in order. */
  readonly jobEvents: JobEvent[] = [];

  /** Sends a job event to the page, as main's webContents.send(JOB_CHANNEL) does. */
  private pushJobEvent(event: JobEvent): void {
    this.jobEvents.push(event);
    this.page.evaluate((e) => (window as unknown as { __claimtagJob?: (e: unknown) => void }).__claimtagJob?.(e), event).catch(() => {});
  }

  /** Opens the library the way main does at startup (same session code), then loads the page. */
  async start(): Promise<void> {
    if (this.useWorker) {
      this.worker = startLibraryWorker({
        databasePath: this.databasePath,
        dataDir: this.dataDir,
        resourcesDir: path.join(ROOT, 'resources'),
        backupEveryMs: this.backupEveryMs,
        ports: {
          chooseFilesToImport: async () => this.nextImportFiles,
          chooseExportPath: async () => this.nextExportPath,
          chooseFileToOpen: async () => this.nextOpenFile,
        },
        onInternalError: (message) => console.error(message),
        onJobEvent: (event) => this.pushJobEvent(event),
      });
      this.currentDispatch = this.worker.dispatch;
      await this.page.goto(`${this.origin}/index.html`);
      return;
    }
    this.session = new LibrarySession({
      databasePath: this.databasePath,
      dataDir: this.dataDir,
      loadSample: () => loadBundledSample(path.join(ROOT, 'resources')),
      ports: {
        chooseFilesToImport: async () => this.nextImportFiles,
        chooseExportPath: async () => this.nextExportPath,
        chooseFileToOpen: async () => this.nextOpenFile,
      },
      backupEveryMs: this.backupEveryMs,
      onInternalError: (err) => console.error(err),
      onJobEvent: (event) => this.pushJobEvent(event),
    });
    this.currentDispatch = this.session.dispatch;
    await this.page.goto(`${this.origin}/index.html`);
  }

  /** The open library (null while it failed to open). */
  get library(): Library | null {
    return this.session?.current ?? null;
  }

  private session: LibrarySession | null = null;
  /** Rolling backups are off in tests unless a test turns them on. */
  backupEveryMs = 0;

  private currentDispatch: ReturnType<typeof createDispatch> | null = null;
  /** Every call the page made, by method name, in order (a test may clear it). */
  readonly calls: string[] = [];
  private readonly held: Array<{ method: string; when: (payload: unknown) => boolean; outcome: Promise<unknown> }> = [];

  /**
   * Holds the next call of `method` (whose payload passes `when`): it reaches the services only
   * when the test calls `release()`, or is answered with `answer(result)` instead (a slow save,
   * a typed failure, a slow listing).
   */
  holdNext(method: string, when: (payload: unknown) => boolean = () => true): { release(): void; answer(result: unknown): void } {
    let settle!: (override: unknown) => void;
    this.held.push({ method, when, outcome: new Promise((resolve) => (settle = resolve)) });
    return { release: () => settle(undefined), answer: (result) => settle({ override: result }) };
  }

  async install(): Promise<void> {
    // Results cross as JSON text parsed in the page: close to what Electron's structured clone
    // costs, where Playwright's own serialisation of a 1 MB document object takes seconds.
    await this.page.exposeBinding('__claimtagInvoke', async (_source, method: string, payload: unknown) => {
      if (!this.currentDispatch) throw new Error('app not started');
      this.calls.push(method);
      const at = this.held.findIndex((h) => h.method === method && h.when(payload));
      if (at >= 0) {
        const [hold] = this.held.splice(at, 1);
        const outcome = (await hold.outcome) as { override: unknown } | undefined;
        if (outcome) return JSON.stringify(outcome.override);
      }
      return JSON.stringify(await this.currentDispatch(method, payload));
    });
    await this.page.addInitScript((methods: readonly string[]) => {
      const binding = (window as unknown as { __claimtagInvoke: (m: string, p: unknown) => Promise<string> }).__claimtagInvoke;
      const invoke = async (m: string, p: unknown): Promise<unknown> => JSON.parse(await binding(m, p));
      // Menu commands arrive from the test through window.__claimtagMenu(command).
      const menuListeners = new Set<(command: string) => void>();
      (window as unknown as { __claimtagMenu: (c: string) => void }).__claimtagMenu = (c) => menuListeners.forEach((l) => l(c));
      const onMenuCommand = (listener: (command: string) => void) => {
        menuListeners.add(listener);
        return () => menuListeners.delete(listener);
      };
      // Long-job events arrive from the test through window.__claimtagJob(event).
      const jobListeners = new Set<(event: unknown) => void>();
      (window as unknown as { __claimtagJob: (e: unknown) => void }).__claimtagJob = (e) => jobListeners.forEach((l) => l(e));
      const onJobEvent = (listener: (event: unknown) => void) => {
        jobListeners.add(listener);
        return () => jobListeners.delete(listener);
      };
      const api = Object.freeze({ ...Object.fromEntries(methods.map((m) => [m, (input: unknown) => invoke(m, input)])), onMenuCommand, onJobEvent });
      Object.defineProperty(window, 'claimtag', { value: api, writable: false, configurable: false });
    }, API_METHODS);
  }

  /** Chooses an item of the application menu, as main would send it. */
  async menu(command: string): Promise<void> {
    await this.page.evaluate((c) => (window as unknown as { __claimtagMenu: (c: string) => void }).__claimtagMenu(c), command);
  }

  /** Quits: closes the library as the app does on quit (the page stays until the next start). */
  stop(): void {
    this.session?.close();
  }

  /** Quits (closes the database, as the app does on quit) and starts again on the same data folder. */
  async restart(): Promise<void> {
    this.session?.close();
    await this.start();
  }

  async dispose(): Promise<void> {
    // Calls still in flight from the closing page get an answer, not a closed-database error.
    this.currentDispatch = async () => ({ ok: false, error: { code: 'internal', message: 'The test has ended.' } });
    this.session?.close();
    await this.worker?.close();
    this.cleanupDir();
  }
}

export const test = base.extend<{ app: AppHarness }, { rendererOrigin: string }>({
  rendererOrigin: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await serveRenderer(BUNDLE);
      await use(server.origin);
      await server.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, rendererOrigin }, use) => {
    const app = new AppHarness(page, rendererOrigin);
    await app.install();
    await use(app);
    await app.dispose();
  },
});

export { expect } from '@playwright/test';
