import { describe, expect, it } from 'vitest';
import { BackgroundWork } from './background-work.ts';

describe('BackgroundWork', () => {
  it('reports what each task has left and wakes waiters when all is done', async () => {
    const work = new BackgroundWork();
    let checking = 2;
    let compacting = 1;
    work.track('checking', () => checking);
    work.track('compacting', () => compacting);
    expect(work.pending()).toEqual({ checking: 2, compacting: 1 });
    let woke = false;
    const waiting = work.whenSettled().then(() => (woke = true));
    checking = 0;
    work.progress();
    await Promise.resolve();
    expect(woke).toBe(false);
    expect(work.pending()).toEqual({ compacting: 1 });
    compacting = 0;
    work.progress();
    await waiting;
    expect(woke).toBe(true);
    expect(work.settled()).toBe(true);
  });

  it('a replaced task no longer counts, and its old removal does not drop the new one', () => {
    const work = new BackgroundWork();
    const untrackOld = work.track('checking', () => 5);
    work.track('checking', () => 1);
    untrackOld();
    expect(work.pending()).toEqual({ checking: 1 });
  });
});
