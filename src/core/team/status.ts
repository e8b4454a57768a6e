import type { TeamStatus, TeamSyncProgress } from '../../shared/team';
import type { Library } from '../store/library';
import { LocalTeam } from './local-team';

/** What the Team panel and `claimtag team status` show; read from the library alone (works offline). */
export function teamStatus(library: Library, extra: { syncing?: TeamSyncProgress | null; hasCredential?: boolean; canRemember?: boolean } = {}): TeamStatus {
  const local = new LocalTeam(library);
  const link = local.link();
  if (!link) {
    return { server: null, study: null, role: null, adjudicator: false, members: [], lastSync: null, pulledVersion: 0, queued: 0, refused: [], lastError: null, syncing: null, hasCredential: false, canRemember: extra.canRemember ?? false };
  }
  return {
    server: link.server,
    study: link.studyName,
    role: link.role,
    adjudicator: link.adjudicator,
    members: local.members().map((m) => ({ name: m.name, role: m.role, adjudicator: m.adjudicator, me: m.role === link.role })),
    lastSync: local.lastSync(),
    pulledVersion: local.pulledVersion(),
    queued: local.queuedCount(),
    refused: local.refused(),
    lastError: local.lastError(),
    syncing: extra.syncing ?? null,
    hasCredential: extra.hasCredential ?? false,
    canRemember: extra.canRemember ?? false,
  };
}
