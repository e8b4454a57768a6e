import { describe, expect, it, vi } from 'vitest';
import { API_METHODS, JOB_CHANNEL, MENU_CHANNEL, channelFor } from '../shared/api-methods';

const exposed: Record<string, unknown> = {};
const listeners: Array<[string, (...a: unknown[]) => void]> = [];
const invoke = vi.fn((..._args: unknown[]) => Promise.resolve({ ok: true, value: null }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, handler: (...a: unknown[]) => void) => listeners.push([channel, handler]),
    removeListener: (channel: string, handler: unknown) => {
      const i = listeners.findIndex(([c, h]) => c === channel && h === handler);
      if (i >= 0) listeners.splice(i, 1);
    },
  },
}));

describe('the preload', () => {
  it('exposes exactly one object whose keys are the contract methods and the menu subscription, all functions', async () => {
    await import('./index');
    expect(Object.keys(exposed)).toEqual(['claimtag']);
    const api = exposed.claimtag as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...API_METHODS, 'onMenuCommand', 'onJobEvent'].sort());
    for (const m of API_METHODS) expect(typeof api[m]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('forwards each call on its own fixed channel, with no way to pick another', async () => {
    await import('./index');
    const api = exposed.claimtag as Record<string, (input: unknown) => Promise<unknown>>;
    await api.listLabels({});
    await api.createAnnotation('claimtag:deleteAnnotation');
    expect(invoke.mock.calls).toEqual([
      [channelFor('listLabels'), {}],
      [channelFor('createAnnotation'), 'claimtag:deleteAnnotation'],
    ]);
  });
});

describe('menu commands', () => {
  it('pass only known commands to the page, never the IPC event', async () => {
    await import('./index');
    const api = exposed.claimtag as { onMenuCommand(l: (c: string) => void): () => void };
    const got: unknown[][] = [];
    const off = api.onMenuCommand((...args) => got.push(args));
    const [, handler] = listeners.find(([c]) => c === MENU_CHANNEL)!;
    handler({ sender: 'ipc event' }, 'import');
    handler({ sender: 'ipc event' }, 'rm -rf');
    handler({ sender: 'ipc event' }, { command: 'import' });
    expect(got).toEqual([['import']]);
    off();
    expect(listeners.some(([c]) => c === MENU_CHANNEL)).toBe(false);
  });
});

describe('long-job events', () => {
  it('pass only well-formed job events to the page, never the IPC event', async () => {
    await import('./index');
    const api = exposed.claimtag as { onJobEvent(l: (e: unknown) => void): () => void };
    const got: unknown[][] = [];
    const off = api.onJobEvent((...args) => got.push(args));
    const [, handler] = listeners.find(([c]) => c === JOB_CHANNEL)!;
    const progress = { type: 'progress', jobId: 'j0', seq: 0, kind: 'import', what: 'a.json', done: 0, total: null };
    const end = { type: 'end', jobId: 'j0', seq: 1, kind: 'import', what: 'a.json', outcome: 'cancelled', message: 'Cancelled.' };
    handler({ sender: 'ipc event' }, progress);
    handler({ sender: 'ipc event' }, { ...progress, kind: 'format-disk' });
    handler({ sender: 'ipc event' }, { ...end, outcome: 'exploded' });
    handler({ sender: 'ipc event' }, 'progress');
    handler({ sender: 'ipc event' }, end);
    handler({ sender: 'ipc event' }, { type: 'waiting', on: true, method: 'createAnnotation' });
    const queued = { type: 'queued', jobId: 'w1', seq: 0, kind: 'import', what: 'b.json', behind: { kind: 'import', what: 'a.json' } };
    handler({ sender: 'ipc event' }, queued);
    handler({ sender: 'ipc event' }, { ...queued, behind: { kind: 'format-disk', what: 'a.json' } });
    handler({ sender: 'ipc event' }, { ...queued, behind: null });
    expect(got).toEqual([[progress], [end], [{ type: 'waiting', on: true, method: 'createAnnotation' }], [queued]]);
    off();
    expect(listeners.some(([c]) => c === JOB_CHANNEL)).toBe(false);
  });
});
