import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import { JOB_PROGRESS_EVERY_MS, type JobEvent } from '../../shared/jobs';
import { JobRunner, jobNumber, markCancelled, newCancelBoard } from './job-runner';

describe('JobRunner', () => {
  it('numbers events from 0, throttles progress (first and last always sent) and ends with done', async () => {
    const events: JobEvent[] = [];
    let now = 0;
    const runner = new JobRunner({ emit: (e) => events.push(e), idPrefix: 'j', now: () => now });
    const value = await runner.run('import', 'a.json', (job) => {
      for (let i = 1; i <= 10; i++) {
        now += JOB_PROGRESS_EVERY_MS / 2;
        job.progress(i, 10);
      }
      return 42;
    });
    expect(value).toBe(42);
    expect(events.map((e) => (e.type === 'progress' ? e.done : e.type === 'end' ? e.outcome : null))).toEqual([0, 2, 4, 6, 8, 10, 'done']);
    expect(events.map((e) => (e.type === 'waiting' ? -1 : e.seq))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(events.every((e) => e.type !== 'waiting' && e.jobId === 'j0')).toBe(true);
    expect(runner.active).toEqual([]);
  });

  it('ends with failed and the thrown AppFailure\'s message, and passes the throw on', async () => {
    const events: JobEvent[] = [];
    const runner = new JobRunner({ emit: (e) => events.push(e) });
    await expect(runner.run('export', 'x', () => Promise.reject(new AppFailure({ code: 'disk-full', message: 'The disk is full.' })))).rejects.toThrow('The disk is full.');
    const refusal = new AppFailure({ code: 'forbidden', reason: 'own-layer', message: 'Refused.' });
    await expect(runner.run('import', 'y', () => Promise.reject(refusal))).rejects.toBe(refusal);
    expect(events.filter((e) => e.type === 'end')).toMatchObject([
      { jobId: 'job-0', outcome: 'failed', message: 'The disk is full.' },
      { jobId: 'job-1', outcome: 'failed', message: 'Refused.' },
    ]);
  });

  it('a cancel is seen by check() through the abort signal or through the shared board, and ends the job cancelled', async () => {
    const board = newCancelBoard();
    const events: JobEvent[] = [];
    const runner = new JobRunner({ emit: (e) => events.push(e), idPrefix: 'j', cancelBoard: board });
    // by signal (the thread's event loop delivered the request)
    const a = runner.run('export', 'a', async (job) => {
      await new Promise((r) => setTimeout(r, 5));
      job.check();
      return 'written';
    });
    expect(runner.cancel('j0')).toBe(true);
    await expect(a).rejects.toMatchObject({ error: { code: 'cancelled' } });
    // by board, while the job's thread is busy (marked by the requesting thread)
    const b = runner.run('import', 'b', (job) => {
      job.check();
      markCancelled(board, jobNumber(job.jobId, 'j')!);
      job.check();
      return 'imported';
    });
    await expect(b).rejects.toMatchObject({ error: { code: 'cancelled' } });
    // a stale mark for an earlier job with the same slot does not stop a new one
    const c = await runner.run('import', 'c', (job) => (job.check(), 'ok'));
    expect(c).toBe('ok');
    expect(events.filter((e) => e.type === 'end').map((e) => e.type === 'end' && e.outcome)).toEqual(['cancelled', 'cancelled', 'done']);
    expect(runner.cancel('j0')).toBe(false);
    expect(jobNumber('l7', 'j')).toBeNull();
    expect(jobNumber('j-1', 'j')).toBeNull();
  });
});
