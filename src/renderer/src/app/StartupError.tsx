import { useEffect, useState } from 'react';
import type { RecoveryOptions } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import { getApi } from '../api';
import { JobProgress } from '../chrome/JobProgress';

/**
 * Shown instead of the workbench when the library cannot be opened. Nothing has been
 * changed; the analyst chooses what happens next: restore a verified backup, or start an
 * empty library. Either way the damaged file is kept, moved aside.
 */
export function StartupError({ error, onRecovered }: { error: AppError; onRecovered(): void }) {
  const api = getApi();
  const [options, setOptions] = useState<RecoveryOptions | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmFresh, setConfirmFresh] = useState(false);

  useEffect(() => {
    void api?.getRecoveryOptions({}).then((r) => r.ok && setOptions(r.value));
  }, [api]);

  const recover = async (restore: string | null) => {
    if (!api) return;
    setBusy(true);
    setProblem(null);
    const r = await api.recoverLibrary({ restore });
    setBusy(false);
    if (!r.ok) return setProblem(r.error.message);
    onRecovered();
  };

  const recoverable = options?.problem !== null && options !== null;
  return (
    <main className="startup-error" role="alert" aria-labelledby="startup-error-title">
      <h1 id="startup-error-title">claimtag could not open your library</h1>
      <p className="startup-error-reason">{error.message}</p>
      {error.details?.map((d) => (
        <p key={d} className="startup-error-detail">
          <code>{d}</code>
        </p>
      ))}
      <p>Your file has not been modified or replaced.</p>
      {api && <JobProgress api={api} />}
      {recoverable && error.code !== 'unsupported' ? (
        <section className="recovery" aria-label="Recovery">
          <h2>What would you like to do?</h2>
          {options.backups.length > 0 ? (
            <>
              <p>Restore one of the verified backups. The damaged file is kept beside it, renamed, so nothing is lost.</p>
              <ul className="backup-list">
                {options.backups.map((b) => (
                  <li key={b.name}>
                    <span>
                      <strong>{new Date(b.createdAt).toLocaleString()}</strong>
                      <span className="backup-size"> · {(b.sizeBytes / 1024).toFixed(0)} KB</span>
                    </span>
                    <button type="button" className="button primary" disabled={busy} onClick={() => void recover(b.name)}>
                      Restore this backup
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>There are no backups of this library yet.</p>
          )}
          {!confirmFresh ? (
            <button type="button" className="button" disabled={busy} onClick={() => setConfirmFresh(true)}>
              Start with an empty library…
            </button>
          ) : (
            <div className="confirm-fresh">
              <p>
                claimtag will rename the damaged file to <code>…damaged-&lt;date&gt;</code> in the same folder and start an empty library. You can hand the
                damaged file to a specialist later.
              </p>
              <button type="button" className="button danger-solid" disabled={busy} onClick={() => void recover(null)}>
                Move it aside and start empty
              </button>{' '}
              <button type="button" className="button" onClick={() => setConfirmFresh(false)}>
                Cancel
              </button>
            </div>
          )}
          {busy && <p role="status">Working…</p>}
          {problem && <p className="field-error">{problem}</p>}
        </section>
      ) : (
        <p>
          Close claimtag, move the file somewhere safe or restore a copy, then start claimtag again. To use a different folder, start claimtag with the
          environment variable <code>CLAIMTAG_DATA_DIR</code> set to it.
        </p>
      )}
    </main>
  );
}
