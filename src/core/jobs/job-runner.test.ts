import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import { JOB_PROGRESS_EVERY_MS, type JobEvent } from '../../shared/jobs';
import { GIVEN_JOB_BASE, givenJob, JobRunner, jobNumber, markCancelled, newCancelBoard } from './job-runner';

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

  it('oneAtATime: a job asked for while another runs is queued behind it (told), starts when it ends, and can be cancelled while it waits', async () => {
    const events: JobEvent[] = [];
    const runner = new JobRunner({ emit: (e) => events.push(e), idPrefix: 'w', oneAtATime: true });
    const order: string[] = [];
    let finishFirst!: () => void;
    const first = runner.run('backup', 'the library', async () => {
      order.push('backup starts');
      await new Promise<void>((r) => (finishFirst = r));
      order.push('backup ends');
    });
    const second = runner.run('import', 'a.json', () => void order.push('import runs'));
    const third = runner.run('import', 'b.json', () => void order.push('b runs'));
    await new Promise((r) => setTimeout(r, 5));
    // the second and third wait (they were told whom for); the third is cancelled while waiting
    expect(order).toEqual(['backup starts']);
    expect(events.filter((e) => e.type === 'queued')).toEqual([
      { type: 'queued', jobId: 'w1', seq: 0, kind: 'import', what: 'a.json', behind: { kind: 'backup', what: 'the library' } },
      { type: 'queued', jobId: 'w2', seq: 0, kind: 'import', what: 'b.json', behind: { kind: 'backup', what: 'the library' } },
    ]);
    expect(runner.cancel('w2')).toBe(true);
    await expect(third).rejects.toMatchObject({ error: { code: 'cancelled' } });
    expect(order).toEqual(['backup starts']);
    finishFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['backup starts', 'backup ends', 'import runs']);
    const of = (id: string) => events.flatMap((e) => (e.type !== 'waiting' && e.jobId === id ? [`${e.seq}:${e.type}${e.type === 'end' ? `:${e.outcome}` : ''}`] : []));
    expect(of('w0')).toEqual(['0:progress', '1:end:done']);
    expect(of('w1')).toEqual(['0:queued', '1:progress', '2:end:done']);
    expect(of('w2')).toEqual(['0:queued', '1:end:cancelled']);
    // the line is empty again: the next job starts at once, unqueued
    await runner.run('import', 'c.json', () => void order.push('c runs'));
    expect(of('w3')).toEqual(['0:progress', '1:end:done']);
  });

  it('a job given its id by the thread that asked goes on from the queued event that thread sent, and a cancel sent before it started stops it', async () => {
    const events: JobEvent[] = [];
    const runner = new JobRunner({ emit: (e) => events.push(e), idPrefix: 'w', cancelBoard: newCancelBoard(), oneAtATime: true });
    const n = GIVEN_JOB_BASE;
    const value = await givenJob.run({ jobId: `w${n}`, n, announced: true }, () => runner.run('import', 'a.json', () => 'imported'));
    expect(value).toBe('imported');
    expect(events.map((e) => e.type !== 'waiting' && [e.jobId, e.seq, e.type])).toEqual([
      [`w${n}`, 1, 'progress'],
      [`w${n}`, 2, 'end'],
    ]);
    // the cancel arrives while the call is still on its way to run(): it is kept for it
    expect(runner.cancel(`w${n + 1}`)).toBe(true);
    let ran = false;
    const cancelled = givenJob.run({ jobId: `w${n + 1}`, n: n + 1, announced: true }, () => runner.run('import', 'b.json', () => (ran = true)));
    await expect(cancelled).rejects.toMatchObject({ error: { code: 'cancelled' } });
    expect(ran).toBe(false);
    // only once: a job of the runner's own numbering is not given, and an unknown id of it is refused
    await runner.run('backup', 'the library', () => 'copied');
    expect(events.at(-1)).toMatchObject({ jobId: 'w0', seq: 1, type: 'end', outcome: 'done' });
    expect(runner.cancel('w5')).toBe(false);
  });
});
