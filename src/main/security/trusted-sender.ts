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
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  // Node's URL gives custom schemes an opaque origin, so compare scheme and host.
  if (!url.host) return false;
  return trustedOrigins.includes(`${url.protocol}//${url.host}`);
}
