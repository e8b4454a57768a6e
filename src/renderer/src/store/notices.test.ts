import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClaimtagStore, NOTICE_MS, ERRORS_SHOWN } from './claimtag-store';

describe('the notice list', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const messages = (s: ClaimtagStore) => s.getSnapshot().notices.map((n) => n.message);

  it('posts a notice once and lets it go on the clock it was posted with', () => {
    const store = new ClaimtagStore(() => Date.now());
    store.notify('Exported CSV to /tmp/x.csv');
    vi.advanceTimersByTime(NOTICE_MS.info - 1);
    expect(messages(store)).toEqual(['Exported CSV to /tmp/x.csv']);
    vi.advanceTimersByTime(1);
    expect(messages(store)).toEqual([]);
  });

  it('keeps errors until they are dismissed, and a held notice while she reads it', () => {
    const store = new ClaimtagStore(() => Date.now());
    const error = store.notify('The disk is full.', 'error');
    const info = store.notify('Saved.');
    store.holdNotice(info);
    vi.advanceTimersByTime(NOTICE_MS.info * 5);
    expect(messages(store)).toEqual(['The disk is full.', 'Saved.']);
    store.releaseNotice(info);
    vi.advanceTimersByTime(1_500);
    expect(messages(store)).toEqual(['The disk is full.']);
    store.dismissNotice(error);
    expect(messages(store)).toEqual([]);
  });

  it('shows one info notice (the newest) and a few errors, dropping the oldest', () => {
    const store = new ClaimtagStore(() => Date.now());
    for (let i = 1; i <= ERRORS_SHOWN + 1; i++) store.notify(`error ${i}`, 'error');
    store.notify('info 1');
    store.notify('info 2');
    expect(messages(store)).toEqual([...Array.from({ length: ERRORS_SHOWN }, (_, i) => `error ${i + 2}`), 'info 2']);
    vi.advanceTimersByTime(NOTICE_MS.info);
    expect(messages(store)).toHaveLength(ERRORS_SHOWN);
  });

  it('says the same words once: a repeated error replaces the one on screen', () => {
    const store = new ClaimtagStore(() => Date.now());
    store.notify('This is Bilal’s annotation.', 'error');
    store.notify('Disk full.', 'error');
    store.notify('This is Bilal’s annotation.', 'error');
    expect(messages(store)).toEqual(['Disk full.', 'This is Bilal’s annotation.']);
  });

  it('withdraws Undo and Retry when the view that posted them closes, keeping the message', () => {
    const store = new ClaimtagStore(() => Date.now());
    store.notify('Deleted “x”.', 'info', { owner: 'wb1', undo: () => {} });
    store.notify('Could not save.', 'error', { owner: 'wb2', retry: () => {} });
    store.withdrawActions('wb1');
    const [a, b] = store.getSnapshot().notices;
    expect([a.message, a.undo, b.retry !== undefined]).toEqual(['Deleted “x”.', undefined, true]);
    vi.advanceTimersByTime(NOTICE_MS.undoable);
    expect(messages(store)).toEqual(['Could not save.']);
  });
});
