const ALLOWED_PROTOCOLS = new Set(['https:', 'mailto:']);

/**
 * Returns a normalised URL that is safe to hand to the operating system, or null.
 * Only https: and mailto: pass, and never with credentials in them.
 */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 4096) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  if (url.username || url.password) return null;
  if (url.protocol === 'https:' && !url.hostname) return null;
  return url.href;
}
