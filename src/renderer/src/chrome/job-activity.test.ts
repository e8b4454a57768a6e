import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobEvent } from '../../../shared/jobs';
import { JobActivityStore, SLOW_CALL_MS, waitingFor } from './job-activity';

const progress = (jobId: string, seq: number, done: number, total: number | null, kind: 'import' | 'export' | 'agreement' = 'import'): JobEvent => ({ type: 'progress', jobId, seq, kind, what: `${jobId}.json`, done, total });

describe('the page’s job activity', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('follows running jobs from their events and forgets each at its end', () => {
    const store = new JobActivityStore();
    let notified = 0;
    store.subscribe(() => notified++);
    store.apply(progress('j0', 0, 0, null));
    store.apply(progress('j1', 0, 0, null, 'export'));
    store.apply(progress('j0', 1, 500, 1_000));
    expect(store.get().jobs).toEqual([
      { jobId: 'j0', kind: 'import', what: 'j0.json', done: 500, total: 1_000, behind: null },
      { jobId: 'j1', kind: 'export', what: 'j1.json', done: 0, total: null, behind: null },
    ]);
    store.apply({ type: 'end', jobId: 'j0', seq: 2, kind: 'import', what: 'j0.json', outcome: 'cancelled' });
    expect(store.get().jobs.map((j) => j.jobId)).toEqual(['j1']);
    expect(notified).toBe(4);
  });

  it('keeps a queued job as queued (what it waits for) until its first progress', () => {
    const store = new JobActivityStore();
    store.apply(progress('w0', 0, 10, 100));
    store.apply({ type: 'queued', jobId: 'w1', seq: 0, kind: 'import', what: 'b.json', behind: { kind: 'import', what: 'w0.json' } });
    expect(store.get().jobs.map((j) => [j.jobId, j.behind])).toEqual([
      ['w0', null],
      ['w1', { kind: 'import', what: 'w0.json' }],
    ]);
    store.apply({ type: 'end', jobId: 'w0', seq: 1, kind: 'import', what: 'w0.json', outcome: 'done' });
    store.apply(progress('w1', 1, 0, null));
    expect(store.get().jobs).toEqual([{ jobId: 'w1', kind: 'import', what: 'w1.json', done: 0, total: null, behind: null }]);
  });

  it('says what a held change waits for: the writing job, never an export, the agreement figures or a queued job', () => {
    const store = new JobActivityStore();
    expect(waitingFor(store.get())).toBeNull();
    store.apply({ type: 'waiting', on: true, method: 'createAnnotation' });
    expect(waitingFor(store.get())).toBe('a long operation');
    store.apply(progress('r3', 0, 0, null, 'agreement'));
    store.apply(progress('r4', 0, 0, null, 'export'));
    store.apply({ type: 'queued', jobId: 'w1', seq: 0, kind: 'restore', what: 'x', behind: { kind: 'import', what: 'j0.json' } });
    expect(waitingFor(store.get())).toBe('a long operation');
    store.apply(progress('j0', 0, 0, null));
    expect(waitingFor(store.get())).toBe('the import');
    store.apply({ type: 'waiting', on: false, method: 'createAnnotation' });
    expect(waitingFor(store.get())).toBeNull();
  });

  it('counts a call as slow from SLOW_CALL_MS until it settles, answered or failed', async () => {
    const store = new JobActivityStore();
    let answer!: (v: string) => void;
    let refuse!: (e: Error) => void;
    const a = store.track(new Promise<string>((r) => (answer = r)));
    const b = store.track(new Promise<string>((_, r) => (refuse = r)));
    const quick = store.track(Promise.resolve('quick'));
    await quick;
    vi.advanceTimersByTime(SLOW_CALL_MS - 1);
    expect(store.get().slowCalls).toBe(0);
    vi.advanceTimersByTime(1);
    expect(store.get().slowCalls).toBe(2);
    answer('late');
    await a;
    expect(store.get().slowCalls).toBe(1);
    refuse(new Error('no'));
    await b.catch(() => {});
    expect(store.get().slowCalls).toBe(0);
  });
});
