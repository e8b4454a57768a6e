/**
 * What the services need from the desktop around them: native dialogs, the clipboard,
 * printing. Main implements these with Electron; tests and the e2e bridge with stand-ins.
 * The renderer never names a path: paths only come from these dialogs.
 */
export interface HostPorts {
  /** Files the user picked to import, or null when cancelled. */
  chooseFilesToImport(): Promise<string[] | null>;
  /**
   * The file behind a token of a choice the host made and keeps itself (the library worker's
   * requesting side answers chooseImportFiles, so the dialog opens even while the writer lane is
   * inside an import); null when the token is unknown.
   */
  chosenFile?(token: string): Promise<string | null>;
  /** Where to save an export, or null when cancelled. */
  chooseExportPath(suggestedName: string, extension: string): Promise<string | null>;
  /** One existing file to open (e.g. a tag set), with extensions like "json"; null when cancelled. */
  chooseFileToOpen(title: string, extensions: string[]): Promise<string | null>;
  /** Renders the HTML report to PDF; when absent, headless Chromium is used. */
  printToPdf?(html: string, signal?: AbortSignal): Promise<Uint8Array>;
  /** Team-server passwords kept by the desktop (Electron safeStorage); absent in the CLI and tests. */
  credentials?: CredentialStore;
}

/** Secrets by key (a server address without password); never written into the library. */
export interface CredentialStore {
  save(key: string, secret: string): Promise<void>;
  load(key: string): Promise<string | null>;
  forget(key: string): Promise<void>;
}

/** No dialogs at all: every choice is cancelled. For the CLI and unit tests. */
export const headlessPorts: HostPorts = {
  chooseFilesToImport: async () => null,
  chooseExportPath: async () => null,
  chooseFileToOpen: async () => null,
};
