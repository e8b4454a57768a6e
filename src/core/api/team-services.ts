import type { ApiServices } from '../../shared/contract';
import { AppFailure } from '../../shared/result';
import type { TeamStatus, TeamSyncProgress } from '../../shared/team';
import type { Library } from '../store/library';
import { parseServerUrl } from '../team/connection';
import { LocalTeam } from '../team/local-team';
import { teamStatus } from '../team/status';
import { joinTeam, syncTeam } from '../team/sync';
import type { HostPorts } from './host-ports';

type TeamServices = Pick<ApiServices, 'getTeamStatus' | 'joinTeam' | 'syncTeam'>;

/** How often the app syncs by itself while linked and a password is at hand: queued changes go when the server is back. */
export const AUTO_SYNC_MS = 2 * 60 * 1000;

/**
 * Team mode for the app: join a study, sync in the background (the panel polls the status for
 * progress), read the status offline. A password is kept by the host's credential store when the
 * analyst asks for it, else only in memory for this session; never in the library or a log.
 */
export function createTeamServices(
  library: Library,
  ports: HostPorts,
  onInternalError: (err: unknown) => void = () => undefined,
  autoSyncMs: number = AUTO_SYNC_MS,
): TeamServices {
  const sessionPasswords = new Map<string, string>();
  let syncing: TeamSyncProgress | null = null;

  const passwordFor = async (server: string): Promise<string | null> => sessionPasswords.get(server) ?? (await ports.credentials?.load(server)) ?? null;
  const status = async (): Promise<TeamStatus> => {
    const server = new LocalTeam(library).link()?.server;
    return teamStatus(library, { syncing, hasCredential: server ? (await passwordFor(server)) !== null : false, canRemember: ports.credentials !== undefined });
  };

  const startSync = async (): Promise<void> => {
    if (syncing) return;
    const link = new LocalTeam(library).requireLink();
    const password = await passwordFor(link.server);
    const { address } = parseServerUrl(link.server);
    syncing = { phase: 'connect', done: 0, total: 0 };
    // In the background: the call returns at once; errors are recorded in the library for the panel.
    void syncTeam(library, address, password, { onProgress: (p) => (syncing = p) })
      .catch((err: unknown) => {
        if (!(err instanceof AppFailure)) onInternalError(err);
      })
      .finally(() => (syncing = null));
  };

  if (autoSyncMs > 0) {
    const timer = setInterval(() => {
      if (!library.db.open) return clearInterval(timer);
      const link = new LocalTeam(library).link();
      if (!link || syncing) return;
      void passwordFor(link.server).then((password) => (password !== null && library.db.open ? startSync() : undefined)).catch(onInternalError);
    }, autoSyncMs);
    timer.unref?.();
  }

  return {
    getTeamStatus: () => status(),

    async joinTeam({ url, study, password, remember }) {
      const parsed = parseServerUrl(url);
      const secret = password ?? parsed.password;
      await joinTeam(library, parsed.address, secret, study);
      const server = new LocalTeam(library).requireLink().server;
      if (secret !== null) {
        sessionPasswords.set(server, secret);
        // Joined either way: a keychain that refuses only means being asked again next session.
        if (remember) await ports.credentials?.save(server, secret).catch((err: unknown) => onInternalError(err));
      }
      await startSync();
      return status();
    },

    async syncTeam() {
      await startSync();
      return status();
    },
  };
}
