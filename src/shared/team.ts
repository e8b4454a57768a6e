// Team mode as the renderer and the CLI see it. The password is never part of any of this.

export interface TeamMemberView {
  name: string;
  role: string;
  adjudicator: boolean;
  /** True when this member is the current analyst. */
  me: boolean;
}

export interface TeamSyncProgress {
  phase: 'connect' | 'push' | 'pull' | 'done';
  done: number;
  total: number;
}

export interface TeamStatus {
  /** Null when the library is not in team mode. */
  server: string | null;
  study: string | null;
  role: string | null;
  adjudicator: boolean;
  members: TeamMemberView[];
  lastSync: string | null;
  /** The server version of the colleagues' changes applied here; grows when a sync brings some. */
  pulledVersion: number;
  /** My changes waiting for the server. */
  queued: number;
  /** Changes the server refused, with why, in plain words. */
  refused: Array<{ id: string; message: string }>;
  lastError: { code: string; message: string; at: string } | null;
  /** Set while a sync runs in the background. */
  syncing: TeamSyncProgress | null;
  /** Whether a password for this server is at hand (this session, or the system's keychain; never the library). */
  hasCredential: boolean;
  /** Whether this app can keep a password in the system's keychain (the desktop app can; the CLI and tests cannot). */
  canRemember: boolean;
}

/** Where a team server may be: one rule for the form and the core. */
export const TEAM_URL_HINT = 'postgres://your-name@team.example.org/claimtag';
