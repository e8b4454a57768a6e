// The benchmark's stand-in for Electron's IPC between renderer and main: the page POSTs
// {method, payload} to /__invoke on the loopback server that serves the renderer, the
// services answer with the Result as JSON, and the page parses it. A Playwright binding took
// ~0.1 s per call and ~0.75 s for a 1.3 MB result on this machine, which would measure
// Playwright rather than the app; Electron's invoke + structured clone takes milliseconds, as
// does this (loopback HTTP, JSON both ways).
import type { Dispatch } from '../../src/core/api/dispatch';

/** Node side: the server's /__invoke handler, timing each dispatch by method. */
export function invokeHandler(dispatch: Dispatch, timings?: Record<string, number[]>): (body: string) => Promise<string> {
  return async (body) => {
    const { method, payload } = JSON.parse(body) as { method: string; payload: unknown };
    const t0 = performance.now();
    const result = await dispatch(method, payload);
    if (timings) (timings[method] ??= []).push(performance.now() - t0);
    return JSON.stringify(result);
  };
}
