import type { AppError } from '../../../shared/result';

/** Shown instead of the workbench when the library cannot be opened. Nothing was changed. */
export function StartupError({ error }: { error: AppError }) {
  return (
    <main className="startup-error" role="alert" aria-labelledby="startup-error-title">
      <h1 id="startup-error-title">claimtag could not open your library</h1>
      <p className="startup-error-reason">{error.message}</p>
      {error.details?.map((d) => (
        <p key={d} className="startup-error-detail">
          <code>{d}</code>
        </p>
      ))}
      <p>
        Your file has not been modified or replaced. Close claimtag, move the file somewhere safe or restore a copy, then start claimtag again.
        To use a different folder, start claimtag with the environment variable <code>CLAIMTAG_DATA_DIR</code> set to it.
      </p>
    </main>
  );
}
