/** The parts of an IPC event the sender check needs; Electron's event satisfies it. */
export interface SenderLike {
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * True only for the app's own top-level page: served from our origin (app://claimtag, or
 * the dev server in development), and the main frame, not an iframe inside it.
 */
export function isTrustedSender(event: SenderLike, trustedOrigins: readonly string[]): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  let origin: string;
  try {
    origin = new URL(frame.url).origin;
  } catch {
    return false;
  }
  return origin !== 'null' && trustedOrigins.includes(origin);
}
