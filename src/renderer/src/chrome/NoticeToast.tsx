import { useEffect } from 'react';
import type { Notice } from '../workbench/use-workbench';

/** A short message at the bottom of the window; errors stay until dismissed. */
export function NoticeToast({ notice, onUndo, onRetry, onDismiss }: { notice: Notice; onUndo(): void; onRetry(): void; onDismiss(): void }) {
  useEffect(() => {
    if (notice.tone === 'error') return;
    const t = setTimeout(onDismiss, notice.undoable ? 8000 : 3500);
    return () => clearTimeout(t);
  }, [notice, onDismiss]);
  return (
    <div className={`toast toast-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <span>{notice.message}</span>
      {notice.retryable && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            onDismiss();
            onRetry();
          }}
        >
          Retry
        </button>
      )}
      {notice.undoable && (
        <button type="button" className="link-button" onClick={onUndo}>
          Undo <kbd>Ctrl+Z</kbd>
        </button>
      )}
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
