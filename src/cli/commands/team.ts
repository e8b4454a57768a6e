import { initTeamServer, type MemberSpec } from '../../core/team/admin';
import { parseServerUrl } from '../../core/team/connection';
import { LocalTeam } from '../../core/team/local-team';
import { teamStatus } from '../../core/team/status';
import { joinTeam, syncTeam } from '../../core/team/sync';
import { type CliIo, libraryPath, openLibrary, parse, UsageError } from '../cli-io';

export const TEAM_HELP = `Usage:
  claimtag team init URL --study NAME --member ROLE:NAME [--member …] [--adjudicator ROLE]
  claimtag team join URL --study NAME [--db PATH]
  claimtag team sync [--db PATH]
  claimtag team status [--db PATH] [--format text|json]

Team mode shares a study through a PostgreSQL server; the library stays your own and works offline.
  init    (the server's administrator) create or update the server's tables, the study and one
          login per analyst; new logins' passwords are printed once — hand each to its analyst.
  join    link this library to a study as the analyst named in URL (postgres://ROLE@host/db).
  sync    send your queued changes and receive your colleagues'.
  status  server, study, members, last sync, queued changes and refusals (works offline).

The password is read from the URL, else from $CLAIMTAG_TEAM_PASSWORD, else $PGPASSWORD; it is
never stored. The connection is encrypted (TLS, certificate checked) unless the host is this machine.

Options:
  --study NAME        the study's name
  --member ROLE:NAME  an analyst's server login and display name (repeat for each)
  --adjudicator ROLE  the member who owns the reference (one of the --member roles)
  --db PATH           library file (default: the app's own library)
  --format FORMAT     text (default) or json, for status
  -h, --help          show this help`;

const passwordFrom = (parsed: string | null, env: NodeJS.ProcessEnv): string | null => parsed ?? env.CLAIMTAG_TEAM_PASSWORD ?? env.PGPASSWORD ?? null;

export async function runTeam(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    study: { type: 'string' },
    member: { type: 'string', multiple: true },
    adjudicator: { type: 'string' },
    db: { type: 'string' },
    format: { type: 'string', default: 'text' },
  });
  if (values.help) return io.out(TEAM_HELP), 0;
  const [action, url, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}".`);
  switch (action) {
    case 'init': {
      if (!url) throw new UsageError('give the server address: claimtag team init postgres://ADMIN@host/database …');
      if (!values.study) throw new UsageError('name the study with --study NAME.');
      const members: MemberSpec[] = (values.member ?? []).map((m) => {
        const at = m.indexOf(':');
        if (at < 1 || at === m.length - 1) throw new UsageError(`--member takes ROLE:NAME, like alice:"Alice Martin", not "${m}".`);
        return { role: m.slice(0, at), name: m.slice(at + 1).trim() };
      });
      if (values.adjudicator) {
        const lead = members.find((m) => m.role === values.adjudicator);
        if (!lead) throw new UsageError(`--adjudicator ${values.adjudicator} must also be given as a --member.`);
        lead.adjudicator = true;
      }
      const { address, password } = parseServerUrl(url);
      const result = await initTeamServer(address, passwordFrom(password, io.env), { study: values.study, members });
      io.out(`Team server ready (schema version ${result.schemaVersion}${result.stepsRun ? `, ${result.stepsRun} step${result.stepsRun === 1 ? '' : 's'} run` : ', already up to date'}).`);
      io.out(`Study "${result.studyName}" has ${result.members.length} member${result.members.length === 1 ? '' : 's'}: ${result.members.map((m) => `${m.name} (${m.role}${m.adjudicator ? ', adjudicator' : ''})`).join(', ') || 'none yet'}.`);
      if (result.created.length > 0) {
        io.out('New logins — give each password to its analyst; it is not shown again:');
        for (const c of result.created) io.out(`  ${c.role}  ${c.password}`);
      }
      return 0;
    }
    case 'join': {
      if (!url) throw new UsageError('give the server address: claimtag team join postgres://YOU@host/database --study NAME');
      if (!values.study) throw new UsageError('name the study with --study NAME.');
      const { address, password } = parseServerUrl(url);
      const library = openLibrary(libraryPath(values.db, io.env), { create: true });
      try {
        const joined = await joinTeam(library, address, passwordFrom(password, io.env), values.study);
        io.out(`Joined "${joined.link.studyName}" as ${joined.members.find((m) => m.role === address.role)?.name ?? address.role}; ${joined.queued} annotation${joined.queued === 1 ? '' : 's'} of yours queued. Run: claimtag team sync`);
        return 0;
      } finally {
        library.close();
      }
    }
    case 'sync': {
      if (url) throw new UsageError('sync takes no address: it uses the one the library joined.');
      const library = openLibrary(libraryPath(values.db, io.env), { create: false });
      try {
        const link = new LocalTeam(library).requireLink();
        const { address } = parseServerUrl(link.server);
        let last = '';
        const report = await syncTeam(library, address, passwordFrom(null, io.env), {
          onProgress: (p) => {
            const line = p.phase === 'push' || p.phase === 'pull' ? `${p.phase === 'push' ? 'sending' : 'receiving'} ${p.done}/${p.total}` : '';
            if (line && line !== last) io.err((last = line));
          },
        });
        io.out(`Sent ${report.pushed}, received ${report.pulled}${report.skipped ? ` (${report.skipped} not applied: their span does not fit this library's text)` : ''}.`);
        for (const r of report.refused) io.out(`  ${r.message} (annotation ${r.id})`);
        return report.refused.length > 0 ? 1 : 0;
      } finally {
        library.close();
      }
    }
    case 'status': {
      if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}".`);
      const library = openLibrary(libraryPath(values.db, io.env), { create: false });
      try {
        const s = teamStatus(library);
        if (values.format === 'json') return io.out(JSON.stringify(s, null, 2)), 0;
        if (!s.server) return io.out('This library is not in team mode. Join a study with: claimtag team join URL --study NAME'), 0;
        io.out(`Server:   ${s.server}`);
        io.out(`Study:    ${s.study}${s.adjudicator ? ' (you adjudicate)' : ''}`);
        io.out(`Members:  ${s.members.map((m) => `${m.name}${m.me ? ' (you)' : ''}${m.adjudicator ? ' [adjudicator]' : ''}`).join(', ') || 'not known yet'}`);
        io.out(`Last sync: ${s.lastSync ?? 'never'}`);
        io.out(`Queued:   ${s.queued} change${s.queued === 1 ? '' : 's'}`);
        if (s.lastError) io.out(`Problem:  ${s.lastError.message}`);
        for (const r of s.refused) io.out(`Refused:  ${r.message}`);
        return 0;
      } finally {
        library.close();
      }
    }
    case undefined:
      throw new UsageError('say what to do: init, join, sync or status.');
    default:
      throw new UsageError(`unknown team action "${action}": use init, join, sync or status.`);
  }
}

