// The benchmark's stand-in for Electron's IPC between renderer and main. Calls go out through a
// Playwright binding (small), and each result comes back as JSON over loopback HTTP from the
// server that serves the renderer, parsed by the page (each bridge script inlines that fetch). A Playwright binding alone carries a
// 1.3 MB result in ~0.75 s on this machine, which would measure Playwright, not the app;
// Electron's structured clone of the same data takes milliseconds, as does this.

/** Node side: results waiting to be fetched, by token. */
export class ResultChannel {
  private readonly waiting = new Map<string, string>();
  private next = 0;

  /** Keeps a result for the page to fetch once; returns its token. */
  put(result: unknown): string {
    const token = String(++this.next);
    this.waiting.set(token, JSON.stringify(result));
    return token;
  }

  /** The static server's extra route: /__result/<token> → the result's JSON, once. */
  readonly route = (urlPath: string): string | undefined => {
    const m = /^\/__result\/(\d+)$/.exec(urlPath);
    if (!m) return undefined;
    const body = this.waiting.get(m[1]);
    this.waiting.delete(m[1]);
    return body;
  };
}
