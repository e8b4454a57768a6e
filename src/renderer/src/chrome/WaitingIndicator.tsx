// The status bar's calm word when the library makes the page wait (#14): a change held until a
// long job's write ends, or any call slower than SLOW_CALL_MS. Nothing when nothing waits.
import { waitingFor, useJobActivity } from './job-activity';

interface Props {
  /** The save state already shows "Saving… waiting for …" (StatusBar); then only slow calls are told here. */
  saveShowsWaiting: boolean;
}

export function WaitingIndicator({ saveShowsWaiting }: Props) {
  const activity = useJobActivity();
  const on = waitingFor(activity);
  let text: string | null = null;
  if (on && !saveShowsWaiting) text = `Saving… waiting for ${on} to finish`;
  else if (!on && activity.slowCalls > 0 && activity.jobs.length === 0) text = 'Working…';
  return (
    <span className="waiting-indicator" role="status" aria-live="polite" data-testid="waiting-indicator">
      {text}
    </span>
  );
}
