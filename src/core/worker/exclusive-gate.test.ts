import { describe, expect, it } from 'vitest';
import { ExclusiveGate } from './exclusive-gate';

/** A call that ends when the test says, recording when it ran. */
function held(log: string[], name: string) {
  let finish!: () => void;
  const ended = new Promise<void>((resolve) => (finish = resolve));
  return {
    finish,
    call: async () => {
      log.push(`${name} starts`);
      await ended;
      log.push(`${name} ends`);
      return name;
    },
  };
}
const settle = () => new Promise((r) => setTimeout(r, 5));

describe('the gate between long calls (a restore runs alone)', () => {
  it('runs shared calls side by side; an exclusive one waits for them, and holds later ones until it ends', async () => {
    const gate = new ExclusiveGate();
    const log: string[] = [];
    const [report, exportJob, restore, later] = ['report', 'export', 'restore', 'later'].map((n) => held(log, n));
    const a = gate.shared(report.call);
    const b = gate.shared(exportJob.call);
    const c = gate.exclusive(restore.call);
    const d = gate.shared(later.call);
    await settle();
    expect(log).toEqual(['report starts', 'export starts']);
    report.finish();
    await settle();
    expect(log).toEqual(['report starts', 'export starts', 'report ends']);
    exportJob.finish();
    await settle();
    expect(log.slice(3)).toEqual(['export ends', 'restore starts']);
    restore.finish();
    await settle();
    expect(log.slice(5)).toEqual(['restore ends', 'later starts']);
    later.finish();
    expect(await Promise.all([a, b, c, d])).toEqual(['report', 'export', 'restore', 'later']);
  });

  it('lets the next call through when an exclusive one fails', async () => {
    const gate = new ExclusiveGate();
    await expect(gate.exclusive(() => Promise.reject(new Error('damaged')))).rejects.toThrow('damaged');
    expect(await gate.shared(async () => 'after')).toBe('after');
  });
});
