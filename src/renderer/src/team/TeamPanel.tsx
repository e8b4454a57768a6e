import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ClaimtagApi } from '../../../shared/contract';
import type { TeamStatus } from '../../../shared/team';
import { TEAM_URL_HINT } from '../../../shared/team';
import { Dialog } from '../chrome/Dialog';
import './team.css';

interface Props {
  api: ClaimtagApi;
  onClose(): void;
  /** Called when a sync ends; `arrived` when it brought colleagues' work in (the open document reloads). */
  onSynced(arrived: boolean): void;
}

const POLL_MS = 400;

/** Team mode: join a study on a PostgreSQL server, see who is in it, sync, and what went wrong. */
export function TeamPanel({ api, onClose, onSynced }: Props) {
  const [status, setStatus] = useState<TeamStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The pulled version before the running sync, to tell whether it brought anything. */
  const versionBefore = useRef<number | null>(null);

  const load = useCallback(async () => {
    const r = await api.getTeamStatus({});
    if (!r.ok) {
      setProblem(r.error.message);
      return null;
    }
    setStatus(r.value);
    versionBefore.current ??= r.value.pulledVersion;
    return r.value;
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  // While a sync runs in the background, follow its progress; refresh the library when it ends.
  const syncing = status?.syncing ?? null;
  useEffect(() => {
    if (!syncing) return;
    let live = true;
    const t = setInterval(() => {
      void load().then((s) => {
        if (!live || !s || s.syncing) return;
        onSynced(versionBefore.current !== s.pulledVersion);
        versionBefore.current = s.pulledVersion;
      });
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [syncing, load, onSynced]);

  // Joining swaps the form for the status, and a sync swaps its button for a progress bar: keep
  // the keyboard focus inside the dialog (so Tab and Escape still work) when its element goes.
  const body = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = body.current;
    if (el && (document.activeElement === null || document.activeElement === document.body)) el.focus();
  });

  const run = async (call: () => ReturnType<ClaimtagApi['syncTeam']>) => {
    setBusy(true);
    setProblem(null);
    const r = await call();
    setBusy(false);
    if (r.ok) setStatus(r.value);
    else setProblem(r.error.message);
  };

  return (
    <Dialog
      title="Team"
      wide
      onClose={onClose}
      actions={
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      }
    >
      <div ref={body} tabIndex={-1} className="team-body">
      {status === null ? (
        <p className="dialog-lead" role="status">
          {problem ?? 'Reading the team settings…'}
        </p>
      ) : status.server === null ? (
        <JoinForm busy={busy} problem={problem} canRemember={status.canRemember} onJoin={(input) => void run(() => api.joinTeam(input))} />
      ) : (
        <TeamView status={status} busy={busy} problem={problem} onSync={(password, remember) => void run(() => (password ? api.joinTeam({ url: status.server!, study: status.study!, password, remember }) : api.syncTeam({})))} />
      )}
      </div>
    </Dialog>
  );
}

function JoinForm({ busy, problem, canRemember, onJoin }: { busy: boolean; problem: string | null; canRemember: boolean; onJoin(input: { url: string; study: string; password?: string; remember: boolean }): void }) {
  const [url, setUrl] = useState('');
  const [study, setStudy] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(true);
  const [missing, setMissing] = useState<string | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!url.trim() || !study.trim()) return setMissing('Give the server address and the study’s name, as your study lead sent them.');
    setMissing(null);
    onJoin({ url: url.trim(), study: study.trim(), password: password || undefined, remember: canRemember && remember });
  };
  return (
    <form className="team-join" onSubmit={submit}>
      <p className="dialog-lead">
        This library is not shared. In team mode your work on a study goes to your organisation’s PostgreSQL server and your colleagues’ work comes back, as read-only layers; you keep
        working offline and changes wait until the server is reachable.
      </p>
      <label className="field">
        <span>Server address</span>
        <input autoFocus value={url} onChange={(e) => setUrl(e.target.value)} placeholder={TEAM_URL_HINT} spellCheck={false} autoComplete="off" maxLength={500} />
      </label>
      <label className="field">
        <span>Study</span>
        <input value={study} onChange={(e) => setStudy(e.target.value)} maxLength={200} />
      </label>
      <label className="field">
        <span>Password</span>
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" maxLength={1000} />
      </label>
      {canRemember && (
        <label className="team-check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> Keep the password in this computer’s keychain (never in the library)
        </label>
      )}
      {(missing ?? problem) && (
        <p className="field-error" role="alert">
          {missing ?? problem}
        </p>
      )}
      <div className="team-row">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Joining…' : 'Join the study'}
        </button>
      </div>
    </form>
  );
}

function TeamView({ status, busy, problem, onSync }: { status: TeamStatus; busy: boolean; problem: string | null; onSync(password: string | null, remember: boolean): void }) {
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(true);
  const s = status.syncing;
  const needsPassword = !status.hasCredential;
  const errors = [problem, status.lastError?.message].filter((x): x is string => !!x);
  return (
    <div className="team-view">
      <dl className="team-facts">
        <dt>Server</dt>
        <dd className="team-server">{status.server}</dd>
        <dt>Study</dt>
        <dd>
          {status.study}
          {status.adjudicator && <span className="team-tag">you adjudicate</span>}
        </dd>
        <dt>Last sync</dt>
        <dd>{status.lastSync ? new Date(status.lastSync).toLocaleString() : 'Never'}</dd>
        <dt>Waiting to send</dt>
        <dd data-testid="team-queued">{status.queued === 0 ? 'Nothing: the server has all your changes' : `${status.queued} change${status.queued === 1 ? '' : 's'}`}</dd>
      </dl>
      <h2 className="team-heading">Members</h2>
      {status.members.length === 0 ? (
        <p className="team-muted">Not known yet: they are listed after the first sync.</p>
      ) : (
        <ul className="team-members">
          {status.members.map((m) => (
            <li key={m.role}>
              <span>{m.name}</span>
              {m.me && <span className="team-tag">you</span>}
              {m.adjudicator && <span className="team-tag">adjudicator</span>}
            </li>
          ))}
        </ul>
      )}
      {(errors.length > 0 || status.refused.length > 0) && (
        <div className="team-problems" role="alert">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
          {status.refused.map((r) => (
            <p key={r.id}>{r.message}</p>
          ))}
        </div>
      )}
      {s ? (
        <div className="team-progress" role="status" aria-live="polite">
          <progress max={Math.max(1, s.total)} value={s.phase === 'connect' ? undefined : s.done} aria-label="Sync progress" />
          <span>{s.phase === 'connect' ? 'Connecting to the server…' : `${s.phase === 'push' ? 'Sending your changes' : s.phase === 'pull' ? 'Receiving colleagues’ work' : 'Finishing'}: ${s.done.toLocaleString()} of ${s.total.toLocaleString()}`}</span>
        </div>
      ) : (
        <form
          className="team-row"
          onSubmit={(e) => {
            e.preventDefault();
            onSync(needsPassword && password ? password : null, status.canRemember && remember);
          }}
        >
          {needsPassword && (
            <>
              <label className="field team-inline">
                <span>Password</span>
                <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" maxLength={1000} />
              </label>
              {status.canRemember && (
                <label className="team-check">
                  <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> Keep it in the keychain
                </label>
              )}
            </>
          )}
          <button type="submit" className="button primary" disabled={busy}>
            Sync now
          </button>
        </form>
      )}
    </div>
  );
}
