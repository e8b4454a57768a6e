import { describe, expect, it, vi } from 'vitest';
import { API_METHODS, channelFor } from '../shared/api-methods';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn((..._args: unknown[]) => Promise.resolve({ ok: true, value: null }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: { invoke: (...args: unknown[]) => invoke(...args) },
}));

describe('the preload', () => {
  it('exposes exactly one object whose keys are the contract methods, all functions', async () => {
    await import('./index');
    expect(Object.keys(exposed)).toEqual(['claimtag']);
    const api = exposed.claimtag as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
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
