import { useStore, type ClaimtagStore, type Notice } from '../store/claimtag-store';

/**
 * The window's one place for notices, whatever screen is showing (workbench, Compare, studies).
 * The live region is always in the page so screen readers hear each notice once as it arrives
 * (politely; errors as alerts). Each notice keeps the clock it was posted with: a document switch
 * or a trip to Compare never shows it again or restarts it. Pointer or focus on it holds it;
 * Escape on it, or its × button, dismisses it.
 */
export function NoticeHost({ store }: { store: ClaimtagStore }) {
  const notices = useStore(store, (s) => s.notices);
  return (
    <div className="notice-stack" aria-live="polite" aria-label="Notices" role="region">
      {notices.map((n) => (
        <NoticeToast key={n.id} notice={n} store={store} />
      ))}
    </div>
  );
}

function NoticeToast({ notice, store }: { notice: Notice; store: ClaimtagStore }) {
  const dismiss = () => store.dismissNotice(notice.id);
  return (
    <div
      className={`toast toast-${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
      data-notice-id={notice.id}
      onPointerEnter={() => store.holdNotice(notice.id)}
      onPointerLeave={() => store.releaseNotice(notice.id)}
      onFocus={() => store.holdNotice(notice.id)}
      onBlur={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && store.releaseNotice(notice.id)}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        dismiss();
      }}
    >
      <span className="toast-message">{notice.message}</span>
      {notice.retry && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            dismiss();
            notice.retry?.();
          }}
        >
          Retry
        </button>
      )}
      {notice.undo && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            dismiss();
            notice.undo?.();
          }}
        >
          Undo <kbd>Ctrl+Z</kbd>
        </button>
      )}
      <button type="button" className="toast-close" aria-label="Dismiss notice (Esc)" title="Dismiss (Esc)" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
